import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { resetProcessState } from '../../nodes/TencentChat/client';
import type { AnswerPath, FakeApp, Mutation } from '../fake-tencent/config';
import { runNode } from '../helpers/engine';
import {
	credentialsFor,
	fakeApp,
	officialAccountParameters,
	resourceParameters,
	SDK_APP_ID,
} from '../helpers/fixtures';
import { useFakeServer } from '../helpers/useFakeServer';

// Every operation against hostile answers: the OK answer of its first call with one value changed
// (each field missing, of the wrong type, out of range, huge; list entries repeated, or for IDs
// nobody asked). Whatever the answer, the node does not crash, reports nothing it was not told,
// and the other item's call comes out exactly as it does against an honest answer.

const NEWS = '@TOA#_news';
const DEALS = '@TOA#_deals';
const CREATED = 1_700_000_000;
const ACCOUNTS = ['u_a', 'u_b', 'old1', 'd1'];

const app = (): FakeApp => ({
	...fakeApp(
		{
			[NEWS]: {
				subscribers: ['old1', 'old2'],
				subscriberCustomStrings: { old1: 'vip' },
				messages: ['n0', 'n1'],
				createTime: CREATED,
				name: 'News',
				introduction: 'All the news',
			},
			[DEALS]: {
				subscribers: ['d1', 'old1'],
				messages: ['d0'],
				createTime: CREATED,
				name: 'Deals',
			},
		},
		ACCOUNTS,
	),
	groups: {
		g1: { type: 'Public', name: 'One', owner: 'u_a', members: ['old1'], messages: ['m1', 'm2'] },
		g2: { type: 'Public', name: 'Two', owner: 'u_b', members: ['d1'], messages: ['m1'] },
	},
});
const server = useFakeServer(app);

interface HostileCase {
	name: string;
	command: string;
	parameters: INodeParameters;
	/** Two items, each its own call: the first meets the hostile answer, the second is the witness. */
	items: [IDataObject, IDataObject];
	/** A list operation: entries for other IDs are entries, not intruders, and an item may have none. */
	list?: boolean;
	/** Both items' IDs go in one call (Get takes 50 accounts a call, and offers no Batch Size). */
	oneCall?: boolean;
	/** State the app needs besides `app()`, set on the server directly after it is made. */
	before?: () => void;
}

/** One-to-one messages the history operations read: u_a and old1 both ways, u_b to d1. */
function seedMessages(): void {
	const sends = [
		['u_a', 'old1', 'one'],
		['old1', 'u_a', 'two'],
		['u_b', 'd1', 'three'],
	];
	sends.forEach(([from, to, text], random) =>
		server.seed(SDK_APP_ID, 'openim/sendmsg', {
			From_Account: from,
			To_Account: to,
			MsgRandom: random,
			MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
		}),
	);
}
const keyOf = (from: string, to: string) =>
	server.inspect('conversation', SDK_APP_ID, from, to).find((message) => message.from === from)
		?.msgKey;
const one = { maxRetries: 1 };
const USER_AND_HISTORY: HostileCase[] = [
	{
		name: 'User Get Profile',
		command: 'portrait_get',
		parameters: resourceParameters(
			'user',
			'getProfile',
			{ userIds: '={{ $json.ids }}' },
			{ ...one, batchSize: 2 },
		),
		items: [{ ids: 'u_a, nobody' }, { ids: 'u_b' }],
		before: () =>
			['u_a', 'u_b'].forEach((id) =>
				server.seed(SDK_APP_ID, 'profile/portrait_set', {
					From_Account: id,
					ProfileItem: [
						{ Tag: 'Tag_Profile_IM_Nick', Value: `Nick ${id}` },
						{ Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Female' },
						{ Tag: 'Tag_Profile_IM_BirthDay', Value: 19900419 },
						{ Tag: 'Tag_Profile_IM_Level', Value: 2 },
					],
				}),
			),
	},
	{
		name: 'User Set Profile',
		command: 'portrait_set',
		parameters: resourceParameters(
			'user',
			'setProfile',
			{ userId: '={{ $json.id }}', profileFields: { nickname: 'N', level: 1 } },
			one,
		),
		items: [{ id: 'u_a' }, { id: 'u_b' }],
	},
	{
		name: 'User Get Online Status',
		command: 'query_online_status',
		parameters: resourceParameters(
			'user',
			'getOnlineStatus',
			{ userIds: '={{ $json.ids }}' },
			{ ...one, batchSize: 2, includePlatforms: true },
		),
		items: [{ ids: 'u_a, nobody' }, { ids: 'u_b' }],
		before: () =>
			server.inspect('setPresence', SDK_APP_ID, 'u_a', {
				state: 'Online',
				platforms: [{ Platform: 'iPhone', Status: 'Online' }],
			}),
	},
	{
		name: 'Message Get History',
		command: 'admin_getroammsg',
		parameters: resourceParameters(
			'message',
			'getHistory',
			{ userId: '={{ $json.user }}', peerId: '={{ $json.peer }}', returnAll: true },
			one,
		),
		items: [
			{ user: 'u_a', peer: 'old1' },
			{ user: 'u_b', peer: 'd1' },
		],
		list: true,
		before: seedMessages,
	},
	{
		name: 'Message Recall',
		command: 'admin_msgwithdraw',
		parameters: resourceParameters(
			'message',
			'recall',
			{ from: '={{ $json.from }}', to: '={{ $json.to }}', msgKey: '={{ $json.key }}' },
			one,
		),
		// The keys of the messages `before` sent: read when the run starts.
		get items(): [IDataObject, IDataObject] {
			return [
				{ from: 'u_a', to: 'old1', key: keyOf('u_a', 'old1') },
				{ from: 'u_b', to: 'd1', key: keyOf('u_b', 'd1') },
			];
		},
		before: seedMessages,
	},
	{
		name: 'Message Mark Read',
		command: 'admin_set_msg_read',
		parameters: resourceParameters(
			'message',
			'markRead',
			{ userId: '={{ $json.user }}', peerId: '={{ $json.peer }}' },
			one,
		),
		items: [
			{ user: 'u_a', peer: 'old1' },
			{ user: 'u_b', peer: 'd1' },
		],
	},
	{
		name: 'Message Get Unread Count',
		command: 'get_c2c_unread_msg_num',
		parameters: resourceParameters(
			'message',
			'getUnreadCount',
			{ userId: '={{ $json.user }}', peerIds: '={{ $json.peers }}' },
			one,
		),
		items: [
			{ user: 'u_a', peers: 'old1, nobody' },
			{ user: 'd1', peers: 'u_b' },
		],
		before: seedMessages,
	},
];

const account = '={{ $json.account }}';
const OPERATIONS: HostileCase[] = [
	{
		name: 'Add Subscribers',
		command: 'add_subscriber',
		parameters: officialAccountParameters(
			'addSubscribers',
			{ officialAccountId: account, subscriberIds: '={{ $json.ids }}' },
			one,
		),
		items: [
			{ account: NEWS, ids: 'new1, old1' },
			{ account: DEALS, ids: 'new2' },
		],
	},
	{
		name: 'Remove Subscribers',
		command: 'delete_subscriber',
		parameters: officialAccountParameters(
			'removeSubscribers',
			{ officialAccountId: account, subscriberIds: '={{ $json.ids }}' },
			one,
		),
		items: [
			{ account: NEWS, ids: 'old1, nobody' },
			{ account: DEALS, ids: 'd1' },
		],
	},
	{
		name: 'Get',
		command: 'get_official_account_info',
		parameters: officialAccountParameters('get', { officialAccountIds: account }, one),
		items: [{ account: NEWS }, { account: DEALS }],
		oneCall: true,
	},
	{
		name: 'Get Many Subscribers',
		command: 'get_subscriber_info',
		parameters: officialAccountParameters(
			'getSubscribers',
			{ officialAccountId: account, returnAll: true },
			one,
		),
		items: [{ account: NEWS }, { account: DEALS }],
		list: true,
	},
	{
		name: 'Update Subscriber',
		command: 'modify_subscriber_info',
		parameters: officialAccountParameters(
			'updateSubscriber',
			{ officialAccountId: account, subscriberId: '={{ $json.id }}', customString: 'x' },
			one,
		),
		items: [
			{ account: NEWS, id: 'old1' },
			{ account: DEALS, id: 'd1' },
		],
	},
	{
		name: 'Create',
		command: 'create_official_account',
		parameters: officialAccountParameters(
			'create',
			{ ownerId: 'administrator', name: '={{ $json.name }}', additionalFields: {} },
			one,
		),
		items: [{ name: 'One' }, { name: 'Two' }],
	},
	{
		name: 'Update',
		command: 'modify_official_account_base_info',
		parameters: officialAccountParameters(
			'update',
			{ officialAccountId: account, updateFields: { name: 'Renamed' } },
			one,
		),
		items: [{ account: NEWS }, { account: DEALS }],
	},
	{
		name: 'Delete',
		command: 'destroy_official_account',
		parameters: officialAccountParameters('delete', { officialAccountId: account }, one),
		items: [{ account: NEWS }, { account: DEALS }],
	},
	{
		name: 'Get Subscriptions of a User',
		command: 'get_subscribed_official_account_list',
		parameters: officialAccountParameters(
			'getSubscriptions',
			{ subscriberId: '={{ $json.id }}', returnAll: true },
			one,
		),
		items: [{ id: 'old1' }, { id: 'd1' }],
		list: true,
	},
	{
		name: 'Send Message',
		command: 'send_official_account_msg',
		parameters: officialAccountParameters(
			'sendMessage',
			{ officialAccountId: account, messageType: 'text', text: 'Hello' },
			one,
		),
		items: [{ account: NEWS }, { account: DEALS }],
	},
	{
		name: 'Recall Messages',
		command: 'official_account_msg_recall',
		parameters: officialAccountParameters(
			'recallMessages',
			{ officialAccountId: account, msgKeys: '={{ $json.keys }}' },
			one,
		),
		items: [
			{ account: NEWS, keys: `1_1_${CREATED}, 2_1_${CREATED + 1}` },
			{ account: DEALS, keys: `1_1_${CREATED}` },
		],
	},
	{
		name: 'Get Messages',
		command: 'official_account_msg_get_simple',
		parameters: officialAccountParameters(
			'getMessages',
			{ officialAccountId: account, returnAll: true },
			one,
		),
		items: [{ account: NEWS }, { account: DEALS }],
		list: true,
	},
	{
		name: 'Account Import',
		command: 'multiaccount_import',
		parameters: resourceParameters(
			'account',
			'import',
			{ userId: '={{ $json.ids }}' },
			{ ...one, batchSize: 1 },
		),
		items: [{ ids: 'n_1' }, { ids: 'n_2' }],
	},
	{
		name: 'Account Check',
		command: 'account_check',
		parameters: resourceParameters(
			'account',
			'check',
			{ userIds: '={{ $json.ids }}' },
			{ ...one, batchSize: 2 },
		),
		items: [{ ids: 'u_a, nobody' }, { ids: 'u_b' }],
	},
	{
		name: 'Account Delete',
		command: 'account_delete',
		parameters: resourceParameters(
			'account',
			'delete',
			{ userIds: '={{ $json.ids }}' },
			{ ...one, batchSize: 2 },
		),
		items: [{ ids: 'u_a, nobody' }, { ids: 'u_b' }],
	},
	{
		name: 'Message Send',
		command: 'sendmsg',
		parameters: resourceParameters(
			'message',
			'send',
			{ to: '={{ $json.to }}', messageType: 'text', text: 'Hi' },
			one,
		),
		items: [{ to: 'u_a' }, { to: 'u_b' }],
	},
	{
		name: 'Message Send to Many',
		command: 'batchsendmsg',
		parameters: resourceParameters(
			'message',
			'sendToMany',
			{ recipients: '={{ $json.to }}', messageType: 'text', text: '={{ $json.text }}' },
			one,
		),
		items: [
			{ to: 'u_a, nobody', text: 'one' },
			{ to: 'u_b', text: 'two' },
		],
	},
	...USER_AND_HISTORY,
	...groupOperations(),
];

/** Every Group operation: two items, each on its own group (g1, g2), each its own call. */
function groupOperations(): HostileCase[] {
	const group = { groupId: { __rl: true, mode: 'id', value: '={{ $json.group }}' } };
	const on = (operation: string, fields: INodeParameters, options: INodeParameters = one) =>
		resourceParameters('group', operation, { ...group, ...fields }, options);
	const both: [IDataObject, IDataObject] = [{ group: 'g1' }, { group: 'g2' }];
	return [
		{
			name: 'Group Create',
			command: 'create_group',
			parameters: resourceParameters(
				'group',
				'create',
				{
					groupType: 'Public',
					name: '={{ $json.name }}',
					additionalFields: { ownerId: 'administrator', customGroupId: '={{ $json.id }}' },
				},
				one,
			),
			items: [
				{ name: 'One', id: 'c1' },
				{ name: 'Two', id: 'c2' },
			],
		},
		{
			name: 'Group Get',
			command: 'get_group_info',
			parameters: on('get', {}),
			items: both,
			oneCall: true,
		},
		{
			name: 'Group Get Many',
			command: 'get_appid_group_list',
			parameters: resourceParameters('group', 'getMany', { returnAll: true }, one),
			items: [{}, {}],
			list: true,
		},
		{
			name: 'Group Update',
			command: 'modify_group_base_info',
			parameters: on('update', { updateFields: { name: 'Renamed' } }),
			items: both,
		},
		{ name: 'Group Delete', command: 'destroy_group', parameters: on('delete', {}), items: both },
		{
			name: 'Group Add Members',
			command: 'add_group_member',
			parameters: on('addMembers', { memberIds: '={{ $json.ids }}' }),
			items: [
				{ group: 'g1', ids: 'u_b, old1' },
				{ group: 'g2', ids: 'u_a' },
			],
		},
		{
			name: 'Group Remove Members',
			command: 'delete_group_member',
			parameters: on('removeMembers', { memberIds: '={{ $json.ids }}' }),
			items: [
				{ group: 'g1', ids: 'old1, nobody' },
				{ group: 'g2', ids: 'd1' },
			],
		},
		{
			name: 'Group Get Members',
			command: 'get_group_member_info',
			parameters: on('getMembers', { returnAll: true }),
			items: both,
			list: true,
		},
		{
			name: 'Group Get Joined Groups',
			command: 'get_joined_group_list',
			parameters: resourceParameters(
				'group',
				'getJoinedGroups',
				{ memberId: '={{ $json.id }}', returnAll: true },
				one,
			),
			items: [{ id: 'old1' }, { id: 'd1' }],
			list: true,
		},
		{
			name: 'Group Update Member',
			command: 'modify_group_member_info',
			parameters: on('updateMember', {
				memberId: '={{ $json.id }}',
				updateFields: { nameCard: 'Card' },
			}),
			items: [
				{ group: 'g1', id: 'old1' },
				{ group: 'g2', id: 'd1' },
			],
		},
		{
			name: 'Group Mute Members',
			command: 'forbid_send_msg',
			parameters: on('muteMembers', { memberIds: '={{ $json.id }}', muteSeconds: 60 }),
			items: [
				{ group: 'g1', id: 'old1' },
				{ group: 'g2', id: 'd1' },
			],
		},
		{
			name: 'Group Change Owner',
			command: 'change_group_owner',
			parameters: on('changeOwner', { newOwnerId: '={{ $json.id }}' }),
			items: [
				{ group: 'g1', id: 'old1' },
				{ group: 'g2', id: 'd1' },
			],
		},
		{
			name: 'Group Send Message',
			command: 'send_group_msg',
			parameters: on('sendMessage', { messageType: 'text', text: 'Hello' }),
			items: both,
		},
		{
			name: 'Group Send Notification',
			command: 'send_group_system_notification',
			parameters: on('sendNotification', { content: 'Hello' }),
			items: both,
		},
		{
			name: 'Group Recall Messages',
			command: 'group_msg_recall',
			parameters: on('recallMessages', { msgSeqs: '={{ $json.seqs }}' }),
			items: [
				{ group: 'g1', seqs: '1, 2' },
				{ group: 'g2', seqs: '1' },
			],
		},
		{
			name: 'Group Get Messages',
			command: 'group_msg_get_simple',
			parameters: on('getMessages', { returnAll: true }),
			items: both,
			list: true,
		},
	];
}

/** The base fields every answer has: what breaks them is the exchange's own test. */
const BASE = new Set(['ActionStatus', 'ErrorCode', 'ErrorInfo']);
const HUGE = 'h'.repeat(100_000);

/** Every change to one answer: each value at each path (the first entry of a list standing for all). */
function mutationsOf(
	answer: unknown,
	path: AnswerPath = [],
): Array<{ label: string; mutation: Mutation }> {
	const here = (label: string, mutation: Mutation) => ({
		label: `${path.join('.')} ${label}`,
		mutation,
	});
	const mutations: Array<{ label: string; mutation: Mutation }> = [];
	if (path.length === 0)
		mutations.push({
			label: 'an extra field',
			mutation: { path: ['Unexpected'], set: { List: [1, 'two', null] } },
		});
	if (path.length > 0) {
		mutations.push(here('missing', { path, remove: true }), here('null', { path, set: null }));
		if (typeof answer === 'string')
			mutations.push(
				here('a number', { path, set: 7 }),
				here('huge', { path, set: HUGE }),
				here('an object', { path, set: { a: 1 } }),
			);
		if (typeof answer === 'number') {
			for (const [label, value] of [
				['text', 'x'],
				['-1', -1],
				['1e13', 1e13],
				['2^64', 2 ** 64],
				['1.5', 1.5],
				['an array', [1]],
			] as const)
				mutations.push(here(label, { path, set: value }));
		}
		if (Array.isArray(answer))
			mutations.push(
				here('text', { path, set: 'x' }),
				here('empty', { path, set: [] }),
				here('an object', { path, set: {} }),
			);
		if (typeof answer === 'object' && answer !== null && !Array.isArray(answer))
			mutations.push(here('text', { path, set: 'x' }), here('an array', { path, set: [] }));
	}
	if (Array.isArray(answer) && answer.length > 0) {
		const first = [...path, 0];
		mutations.push({
			label: `${first.join('.')} repeated`,
			mutation: { path: first, repeat: true },
		});
		mutations.push({
			label: `${first.join('.')} for an ID nobody asked`,
			mutation: { path: first, stranger: true },
		});
		mutations.push(...mutationsOf(answer[0], first));
	} else if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) {
		for (const [key, value] of Object.entries(answer))
			if (!(path.length === 0 && BASE.has(key)))
				mutations.push(...mutationsOf(value, [...path, key]));
	}
	return mutations;
}

/** Values that differ from run to run (times, keys, Randoms, generated IDs) become their type. */
function stable(json: unknown): unknown {
	if (Array.isArray(json)) return json.map(stable);
	if (typeof json !== 'object' || json === null) return json;
	return Object.fromEntries(
		Object.entries(json).map(([key, value]) => [
			key,
			value !== undefined &&
			value !== null &&
			(/time|msgKey|random/i.test(key) || key === 'officialAccount')
				? typeof value
				: stable(value),
		]),
	);
}

const itemsOf = (
	run: { output: INodeExecutionData[]; errorOutput: INodeExecutionData[] },
	item: number,
) =>
	[...run.output, ...run.errorOutput]
		.filter((entry) => (entry.pairedItem as { item: number } | undefined)?.item === item)
		.map((entry) => stable(entry.json));

/** What an output item is about: the ID it reports on. */
const identity = (fields: IDataObject) =>
	String(
		fields.peerId ??
			fields.userId ??
			fields.subscriber ??
			fields.member ??
			fields.to ??
			fields.msgKey ??
			fields.officialAccount ??
			fields.group,
	);

/** Text in an item that only a value made of a broken conversion shows. */
const BROKEN = /Invalid Date|NaN|\[object Object\]|undefined/;
/** What a JavaScript defect says, never what the node should. */
const DEFECT =
	/Cannot read|is not a function|is not iterable|Invalid time value|Maximum call stack|toISOString|undefined|null is not/i;

async function runOnce(operation: HostileCase, onError: 'continueErrorOutput' | 'stopWorkflow') {
	await resetProcessState();
	server.addApp(app());
	operation.before?.();
	return await runNode({
		parameters: operation.parameters,
		items: operation.items,
		credentials: credentialsFor(server),
		onError,
	});
}

describe('every operation against hostile answers', () => {
	test.each(OPERATIONS)(
		'$name: no crash, no misreport, the other item intact',
		async (operation) => {
			const clean = await runOnce(operation, 'continueErrorOutput');
			expect(clean.error).toBeUndefined();
			const answer = server.answersGiven.get(operation.command);
			expect(answer).toBeDefined();
			const witness = itemsOf(clean, 1);
			const honest = itemsOf(clean, 0);
			expect(witness.length).toBeGreaterThan(0);
			const mutations = mutationsOf(answer);
			expect(mutations.length).toBeGreaterThan(0);

			for (const { label, mutation } of mutations) {
				server.script({ kind: 'mutate', mutation });
				const run = await runOnce(operation, 'continueErrorOutput');
				const seen = { label, error: run.error?.message };
				expect(seen).toEqual({ label, error: undefined });
				if (!operation.oneCall)
					expect({ label, witness: itemsOf(run, 1) }).toEqual({ label, witness });
				const first = itemsOf(run, 0);
				const said = JSON.stringify(first);
				expect({
					label,
					items: operation.list === true || first.length > 0,
					broken: BROKEN.test(said),
					bounded: said.length < 1_000_000,
				}).toEqual({ label, items: true, broken: false, bounded: true });
				// Entries for IDs nobody asked, or given twice, make no output of their own.
				if (!operation.list)
					expect({ label, count: first.length }).toEqual({ label, count: honest.length });
				// A status differs from the honest one only to say less: unknown or failed, never another success.
				// A status differs from the honest one only to say less: unknown, failed, one of two, ambiguous; never another success.
				for (const json of first as IDataObject[]) {
					const fields = (json.details ?? json) as IDataObject;
					const honestFields = (honest as IDataObject[])
						.map((entry) => (entry.details ?? entry) as IDataObject)
						.find((entry) => identity(entry) === identity(fields));
					const saysLess =
						fields.status === 'unknown' ||
						fields.status === 'failed' ||
						/Or[A-Z]/.test(String(fields.status)) ||
						fields.ambiguous === true;
					if (
						!operation.list &&
						fields.status !== undefined &&
						fields.status !== honestFields?.status
					) {
						expect({ label, status: fields.status, saysLess }).toEqual({
							label,
							status: fields.status,
							saysLess: true,
						});
					}
				}

				server.script({ kind: 'mutate', mutation });
				const stopped = await runOnce(operation, 'stopWorkflow');
				if (stopped.error)
					expect({ label, message: DEFECT.test(stopped.error.message) }).toEqual({
						label,
						message: false,
					});
			}
		},
		240_000,
	);
});
