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
			{
				command: 'OfficialAccount.CallbackBeforeCreateOfficialAccount',
				name: 'Official Account About to Be Created',
				before: true,
			},
			{
				command: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
				name: 'Official Account Created',
			},
			{
				command: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
				name: 'Official Account Info Changed',
			},
			{
				command: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
				name: 'Official Account Destroyed',
			},
			{
				command: 'OfficialAccount.CallbackBeforeAddSubscriber',
				name: 'Subscriber About to Be Added',
				before: true,
			},
			{ command: 'OfficialAccount.CallbackAfterAddSubscriber', name: 'Subscriber Added' },
			{
				command: 'OfficialAccount.CallbackAfterOfficialAccountFull',
				name: 'Official Account Full',
			},
			{ command: 'OfficialAccount.CallbackAfterDeleteSubscriber', name: 'Subscriber Removed' },
			{
				command: 'OfficialAccount.CallbackBeforeSendMsg',
				name: 'Official Account Message About to Be Sent',
				before: true,
			},
			{ command: 'OfficialAccount.CallbackAfterSendMsg', name: 'Official Account Message Sent' },
			{
				command: 'OfficialAccount.CallbackAfterMsgWithDraw',
				name: 'Official Account Message Recalled',
			},
		],
	},
	{
		prefix: 'C2C',
		name: 'One-to-One Message',
		commands: [
			{
				command: 'C2C.CallbackBeforeSendMsg',
				name: 'One-to-One Message About to Be Sent',
				before: true,
			},
			{ command: 'C2C.CallbackAfterSendMsg', name: 'One-to-One Message Sent' },
			{ command: 'C2C.CallbackAfterMsgReport', name: 'One-to-One Message Read' },
			{ command: 'C2C.CallbackAfterMsgWithDraw', name: 'One-to-One Message Recalled' },
		],
	},
	{
		prefix: 'Group',
		name: 'Group',
		commands: [
			{
				command: 'Group.CallbackBeforeCreateGroup',
				name: 'Group About to Be Created',
				before: true,
			},
			{ command: 'Group.CallbackAfterCreateGroup', name: 'Group Created' },
			{
				command: 'Group.CallbackBeforeApplyJoinGroup',
				name: 'Request to Join a Group',
				before: true,
			},
			{
				command: 'Group.CallbackBeforeInviteJoinGroup',
				name: 'Invitation to Join a Group',
				before: true,
			},
			{ command: 'Group.CallbackAfterNewMemberJoin', name: 'Group Member Joined' },
			{ command: 'Group.CallbackAfterMemberExit', name: 'Group Member Left' },
			{
				command: 'Group.CallbackBeforeSendMsg',
				name: 'Group Message About to Be Sent',
				before: true,
			},
			{ command: 'Group.CallbackAfterSendMsg', name: 'Group Message Sent' },
			{ command: 'Group.CallbackSendMsgException', name: 'Group Message Failed to Send' },
			{ command: 'Group.CallbackAfterRecallMsg', name: 'Group Message Recalled' },
			{ command: 'Group.CallbackAfterGroupFull', name: 'Group Full' },
			{ command: 'Group.CallbackAfterGroupDestroyed', name: 'Group Destroyed' },
			{ command: 'Group.CallbackAfterGroupInfoChanged', name: 'Group Info Changed' },
			{ command: 'Group.CallbackAfterMemberFieldChanged', name: 'Group Member Field Changed' },
			{ command: 'Group.CallbackAfterGroupAttrChanged', name: 'Group Attributes Changed' },
			{ command: 'Group.CallbackAfterChangeGroupOwner', name: 'Group Owner Changed' },
			{ command: 'Group.CallbackAfterReadReceipt', name: 'Group Message Read' },
			{
				command: 'Group.CallbackBeforeCreateTopic',
				name: 'Topic About to Be Created',
				before: true,
			},
			{ command: 'Group.CallbackAfterCreateTopic', name: 'Topic Created' },
			{ command: 'Group.CallbackAfterTopicDestroyed', name: 'Topic Destroyed' },
			{ command: 'Group.CallbackAfterTopicInfoChanged', name: 'Topic Info Changed' },
			{
				command: 'Group.CallbackOnMemberStateChange',
				name: 'Live Group Member Online State Changed',
			},
			{ command: 'Group.CallbackOnDailyGroupQuotaAlarm', name: 'Daily Group Quota Alarm' },
		],
	},
	{
		prefix: 'State',
		name: 'Presence',
		commands: [{ command: 'State.StateChange', name: 'User Online State Changed' }],
	},
	{
		prefix: 'Alert',
		name: 'Alert',
		commands: [{ command: 'Alert.RequestOverLimit', name: 'Request Rate Over the Limit' }],
	},
];

const areaWildcard = (area: CallbackArea) => `${area.prefix}.*`;

/**
 * The Events option: everything, each area as a whole, and each command. Names read as events,
 * since n8n also lists each as a trigger action, "On subscriber added"; the values are Tencent's
 * commands, unchanged.
 */
export function eventOptions(): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = [
		{
			name: 'Any Event',
			value: ALL_EVENTS,
			description: 'Every callback the console sends, of any area',
		},
	];
	for (const area of CALLBACK_AREAS) {
		options.push({
			name: `Any ${area.name} Event`,
			value: areaWildcard(area),
			description: `Every ${area.prefix}.* callback`,
		});
		for (const { command, name, before } of area.commands) {
			const description = before
				? `${command} (Tencent waits for the answer, at most 2 s)`
				: command;
			options.push({ name, value: command, description });
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
