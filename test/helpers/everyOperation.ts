import type { INodeParameters } from 'n8n-workflow';

import {
	addSubscribersParameters,
	officialAccountParameters,
	resourceParameters,
} from './fixtures';

// Every operation of every resource that calls Tencent, once: the tables that test what every
// operation holds to (hardening, vocabulary) run over this list, so that a new operation is added once.
// The parameters read `$json.officialAccount` and `$json.subscribers` (one or more user IDs) and
// the group `team`.

export interface OperationCase {
	name: string;
	parameters: (options: INodeParameters) => INodeParameters;
	bulk: boolean;
	without?: string[];
}

/** Every operation that calls Tencent, with parameters that would succeed. */
/** `bulk`: offers Batch Size. */
/** `without`: options the operation does not offer (one send has no use for Max Concurrent Requests). */
export const OPERATIONS: OperationCase[] = [
	{
		name: 'Add Subscribers',
		parameters: (options) => addSubscribersParameters(options),
		bulk: true,
	},
	{
		name: 'Remove Subscribers',
		parameters: (options) =>
			officialAccountParameters(
				'removeSubscribers',
				{
					officialAccountId: '={{ $json.officialAccount }}',
					subscriberIds: '={{ $json.subscribers }}',
				},
				options,
			),
		bulk: true,
	},
	{
		name: 'Get',
		parameters: (options) =>
			officialAccountParameters(
				'get',
				{ officialAccountIds: '={{ $json.officialAccount }}' },
				options,
			),
		bulk: false,
	},
	{
		name: 'Get Many Subscribers',
		parameters: (options) =>
			officialAccountParameters(
				'getSubscribers',
				{ officialAccountId: '={{ $json.officialAccount }}' },
				options,
			),
		bulk: false,
	},
	{
		name: 'Update Subscriber',
		parameters: (options) =>
			officialAccountParameters(
				'updateSubscriber',
				{
					officialAccountId: '={{ $json.officialAccount }}',
					subscriberId: 'old1',
					customString: 'x',
				},
				options,
			),
		bulk: false,
	},
	{
		name: 'Create',
		parameters: (options) =>
			officialAccountParameters(
				'create',
				{ ownerId: 'administrator', name: 'News', additionalFields: {} },
				options,
			),
		bulk: false,
	},
	{
		name: 'Update',
		parameters: (options) =>
			officialAccountParameters(
				'update',
				{ officialAccountId: '={{ $json.officialAccount }}', updateFields: { name: 'News' } },
				options,
			),
		bulk: false,
	},
	{
		name: 'Delete',
		parameters: (options) =>
			officialAccountParameters(
				'delete',
				{ officialAccountId: '={{ $json.officialAccount }}' },
				options,
			),
		bulk: false,
	},
	{
		name: 'Get Subscriptions of a User',
		parameters: (options) =>
			officialAccountParameters('getSubscriptions', { subscriberId: 'old1' }, options),
		bulk: false,
	},
	{
		name: 'Send Message',
		parameters: (options) =>
			officialAccountParameters(
				'sendMessage',
				{ officialAccountId: '={{ $json.officialAccount }}', messageType: 'text', text: 'Hello' },
				options,
			),
		bulk: false,
	},
	{
		name: 'Recall Messages',
		parameters: (options) =>
			officialAccountParameters(
				'recallMessages',
				{ officialAccountId: '={{ $json.officialAccount }}', msgKeys: '1_1_1700000000' },
				options,
			),
		bulk: true,
	},
	{
		name: 'Get Messages',
		parameters: (options) =>
			officialAccountParameters(
				'getMessages',
				{ officialAccountId: '={{ $json.officialAccount }}' },
				options,
			),
		bulk: false,
	},
	{
		name: 'Account Import',
		parameters: (options) =>
			resourceParameters('account', 'import', { userId: '={{ $json.subscribers }}' }, options),
		bulk: true,
	},
	{
		name: 'Account Check',
		parameters: (options) =>
			resourceParameters('account', 'check', { userIds: '={{ $json.subscribers }}' }, options),
		bulk: true,
	},
	{
		name: 'Account Delete',
		parameters: (options) =>
			resourceParameters('account', 'delete', { userIds: '={{ $json.subscribers }}' }, options),
		bulk: true,
	},
	{
		name: 'Message Send',
		parameters: (options) =>
			resourceParameters(
				'message',
				'send',
				{ to: '={{ $json.subscribers }}', messageType: 'text', text: 'Hi' },
				options,
			),
		bulk: false,
	},
	{
		name: 'Message Send and Wait',
		parameters: (options) =>
			resourceParameters(
				'message',
				'sendAndWait',
				{ to: '={{ $json.subscribers }}', message: 'Approve?' },
				options,
			),
		bulk: false,
		without: ['maxConcurrency'],
	},
	{
		name: 'Message Send to Many',
		parameters: (options) =>
			resourceParameters(
				'message',
				'sendToMany',
				{ recipients: '={{ $json.subscribers }}', messageType: 'text', text: 'Hi' },
				options,
			),
		bulk: true,
	},
	...groupOperations(),
	{
		name: 'Group Send and Wait',
		parameters: (options) =>
			resourceParameters(
				'group',
				'sendAndWait',
				{ groupId: { __rl: true, mode: 'id', value: 'team' }, message: 'Approve?' },
				options,
			),
		bulk: false,
		without: ['maxConcurrency'],
	},
	{
		name: 'User Get Profile',
		parameters: (options) =>
			resourceParameters('user', 'getProfile', { userIds: '={{ $json.subscribers }}' }, options),
		bulk: true,
	},
	{
		name: 'User Set Profile',
		parameters: (options) =>
			resourceParameters(
				'user',
				'setProfile',
				{ userId: '={{ $json.subscribers }}', profileFields: { nickname: 'A' } },
				options,
			),
		bulk: false,
	},
	{
		name: 'User Get Online Status',
		parameters: (options) =>
			resourceParameters(
				'user',
				'getOnlineStatus',
				{ userIds: '={{ $json.subscribers }}' },
				options,
			),
		bulk: true,
	},
	{
		name: 'Message Get History',
		parameters: (options) =>
			resourceParameters(
				'message',
				'getHistory',
				{ userId: '={{ $json.subscribers }}', peerId: 'administrator', returnAll: true },
				options,
			),
		bulk: false,
	},
	{
		name: 'Message Recall',
		parameters: (options) =>
			resourceParameters(
				'message',
				'recall',
				{ to: '={{ $json.subscribers }}', msgKey: '1_1_1700000000' },
				options,
			),
		bulk: false,
	},
	{
		name: 'Message Mark Read',
		parameters: (options) =>
			resourceParameters(
				'message',
				'markRead',
				{ userId: '={{ $json.subscribers }}', peerId: 'administrator' },
				options,
			),
		bulk: false,
	},
	{
		name: 'Message Get Unread Count',
		parameters: (options) =>
			resourceParameters(
				'message',
				'getUnreadCount',
				{ userId: '={{ $json.subscribers }}', peerIds: 'administrator' },
				options,
			),
		bulk: false,
	},
];

/** Every Group operation, on one group: values that would succeed, but for the option under test. */
function groupOperations(): OperationCase[] {
	const group = { groupId: { __rl: true, mode: 'id', value: 'team' } };
	const text = { messageType: 'text', text: 'Hi' };
	const rows: Array<[string, string, INodeParameters, boolean]> = [
		['Group Create', 'create', { groupType: 'Work', name: 'Team', additionalFields: {} }, false],
		['Group Get', 'get', group, false],
		['Group Get Many', 'getMany', { returnAll: true }, false],
		['Group Update', 'update', { ...group, updateFields: { name: 'Team' } }, false],
		['Group Delete', 'delete', group, false],
		['Group Add Members', 'addMembers', { ...group, memberIds: '={{ $json.subscribers }}' }, true],
		[
			'Group Remove Members',
			'removeMembers',
			{ ...group, memberIds: '={{ $json.subscribers }}' },
			true,
		],
		['Group Get Members', 'getMembers', { ...group, returnAll: true }, false],
		[
			'Group Get Joined Groups',
			'getJoinedGroups',
			{ memberId: '={{ $json.subscribers }}', returnAll: true },
			false,
		],
		[
			'Group Update Member',
			'updateMember',
			{ ...group, memberId: '={{ $json.subscribers }}', updateFields: { nameCard: 'x' } },
			false,
		],
		[
			'Group Mute Members',
			'muteMembers',
			{ ...group, memberIds: '={{ $json.subscribers }}', muteSeconds: 60 },
			true,
		],
		[
			'Group Change Owner',
			'changeOwner',
			{ ...group, newOwnerId: '={{ $json.subscribers }}' },
			false,
		],
		['Group Send Message', 'sendMessage', { ...group, ...text }, false],
		['Group Send Notification', 'sendNotification', { ...group, content: 'Hi' }, false],
		['Group Recall Messages', 'recallMessages', { ...group, msgSeqs: '1' }, true],
		['Group Get Messages', 'getMessages', { ...group, returnAll: true }, false],
	];
	return rows.map(([name, operation, fields, bulk]) => ({
		name,
		parameters: (options) => resourceParameters('group', operation, fields, options),
		bulk,
	}));
}
