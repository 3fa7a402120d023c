import type { INodePropertyOptions } from 'n8n-workflow';

// The callback commands Tencent Chat documents, by area: the one list the trigger's Events
// option, its filter and its tests are built from (https://www.tencentcloud.com/document/product/1047/34354 and the callback pages it links).

export interface CallbackCommand {
	/** Tencent's CallbackCommand, e.g. `OfficialAccount.CallbackAfterAddSubscriber`. */
	command: string;
	name: string;
	/**
	 * A "before" callback: Tencent waits (at most 2 s) for the answer, which can allow or refuse
	 * the action.
	 */
	before?: true;
}

export interface CallbackArea {
	/** The prefix of the area's commands, before the dot. */
	prefix: string;
	name: string;
	commands: CallbackCommand[];
}

export const ALL_EVENTS = '*';

export const CALLBACK_AREAS: CallbackArea[] = [
	{
		prefix: 'OfficialAccount',
		name: 'Official Account',
		commands: [
			{ command: 'OfficialAccount.CallbackBeforeCreateOfficialAccount', name: 'Before Create Official Account', before: true },
			{ command: 'OfficialAccount.CallbackAfterCreateOfficialAccount', name: 'After Create Official Account' },
			{ command: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged', name: 'After Official Account Info Changed' },
			{ command: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed', name: 'After Official Account Destroyed' },
			{ command: 'OfficialAccount.CallbackBeforeAddSubscriber', name: 'Before Add Subscriber', before: true },
			{ command: 'OfficialAccount.CallbackAfterAddSubscriber', name: 'After Add Subscriber' },
			{ command: 'OfficialAccount.CallbackAfterOfficialAccountFull', name: 'After Official Account Full' },
			{ command: 'OfficialAccount.CallbackAfterDeleteSubscriber', name: 'After Delete Subscriber' },
			{ command: 'OfficialAccount.CallbackBeforeSendMsg', name: 'Before Send Message', before: true },
			{ command: 'OfficialAccount.CallbackAfterSendMsg', name: 'After Send Message' },
			{ command: 'OfficialAccount.CallbackAfterMsgWithDraw', name: 'After Message Recalled' },
		],
	},
	{
		prefix: 'C2C',
		name: 'One-to-One Message',
		commands: [
			{ command: 'C2C.CallbackBeforeSendMsg', name: 'Before Send Message', before: true },
			{ command: 'C2C.CallbackAfterSendMsg', name: 'After Send Message' },
			{ command: 'C2C.CallbackAfterMsgReport', name: 'After Read Receipt' },
			{ command: 'C2C.CallbackAfterMsgWithDraw', name: 'After Message Recalled' },
		],
	},
	{
		prefix: 'Group',
		name: 'Group',
		commands: [
			{ command: 'Group.CallbackBeforeCreateGroup', name: 'Before Create Group', before: true },
			{ command: 'Group.CallbackAfterCreateGroup', name: 'After Create Group' },
			{ command: 'Group.CallbackBeforeApplyJoinGroup', name: 'Before Apply to Join', before: true },
			{ command: 'Group.CallbackBeforeInviteJoinGroup', name: 'Before Invite to Join', before: true },
			{ command: 'Group.CallbackAfterNewMemberJoin', name: 'After New Member Joined' },
			{ command: 'Group.CallbackAfterMemberExit', name: 'After Member Left' },
			{ command: 'Group.CallbackBeforeSendMsg', name: 'Before Send Message', before: true },
			{ command: 'Group.CallbackAfterSendMsg', name: 'After Send Message' },
			{ command: 'Group.CallbackSendMsgException', name: 'Send Message Failed' },
			{ command: 'Group.CallbackAfterRecallMsg', name: 'After Message Recalled' },
			{ command: 'Group.CallbackAfterGroupFull', name: 'After Group Full' },
			{ command: 'Group.CallbackAfterGroupDestroyed', name: 'After Group Destroyed' },
			{ command: 'Group.CallbackAfterGroupInfoChanged', name: 'After Group Info Changed' },
			{ command: 'Group.CallbackAfterMemberFieldChanged', name: 'After Member Field Changed' },
			{ command: 'Group.CallbackAfterGroupAttrChanged', name: 'After Group Attributes Changed' },
			{ command: 'Group.CallbackAfterChangeGroupOwner', name: 'After Owner Changed' },
			{ command: 'Group.CallbackAfterReadReceipt', name: 'After Read Receipt' },
			{ command: 'Group.CallbackBeforeCreateTopic', name: 'Before Create Topic', before: true },
			{ command: 'Group.CallbackAfterCreateTopic', name: 'After Create Topic' },
			{ command: 'Group.CallbackAfterTopicDestroyed', name: 'After Topic Destroyed' },
			{ command: 'Group.CallbackAfterTopicInfoChanged', name: 'After Topic Info Changed' },
			{ command: 'Group.CallbackOnMemberStateChange', name: 'Live Group Member Online State' },
			{ command: 'Group.CallbackOnDailyGroupQuotaAlarm', name: 'Daily Group Quota Alarm' },
		],
	},
	{
		prefix: 'State',
		name: 'Presence',
		commands: [{ command: 'State.StateChange', name: 'Online State Changed' }],
	},
	{
		prefix: 'Alert',
		name: 'Alert',
		commands: [{ command: 'Alert.RequestOverLimit', name: 'REST API Request Over Limit' }],
	},
];

const areaWildcard = (area: CallbackArea) => `${area.prefix}.*`;

/** The Events option: everything, each area as a whole, and each command, named by area. */
export function eventOptions(): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = [
		{ name: 'All Events', value: ALL_EVENTS, description: 'Every callback the console sends, of any area' },
	];
	for (const area of CALLBACK_AREAS) {
		options.push({ name: `${area.name}: All Events`, value: areaWildcard(area), description: `Every ${area.prefix}.* callback` });
		for (const { command, name, before } of area.commands) {
			const description = before ? `${command} (Tencent waits for the answer, at most 2 s)` : command;
			options.push({ name: `${area.name}: ${name}`, value: command, description });
		}
	}
	return options;
}

/** Whether a callback's command is among the selected events (values of `eventOptions`). */
export function isEventSelected(command: string, selected: readonly string[]): boolean {
	if (selected.includes(ALL_EVENTS) || selected.includes(command)) return true;
	const dot = command.indexOf('.');
	return dot > 0 && selected.includes(`${command.slice(0, dot)}.*`);
}
