import type { ErrorTable } from '../../../client/errorCodes';

// Error codes of the group service (group_open_http_svc): ../shared/reference/tencent-chat-groups-users.md
// §1.2 (Tencent's error-code page, CN 1671 / TC 34348). Each hint says what to do.

export const GROUP_ERRORS: ErrorTable = [
	[[10002], { action: 'retry', hint: 'An internal error at Tencent; try again in a moment.' }],
	[
		[10003],
		{
			action: 'reject',
			hint: 'Tencent did not know the command. Please report this as a bug of the node.',
		},
	],
	[
		[10004],
		{ action: 'reject', hint: 'Tencent found a parameter invalid (its ErrorInfo says which).' },
	],
	[[10005], { action: 'reject', hint: 'Too many accounts in one call: lower Batch Size.' }],
	[
		[10006, 10023, 10049],
		{
			action: 'slowDown',
			hint: 'Tencent answered that the limit was reached (calls, messages of the group, or new groups of the day).',
		},
	],
	[
		[10007],
		{
			action: 'reject',
			hint: 'No permission, or the group type does not allow this operation (see the group types in the docs).',
		},
	],
	[[10008], { action: 'renewUserSig' }],
	[
		[10009],
		{ action: 'reject', hint: 'The owner cannot leave this group: change the owner first.' },
	],
	[
		[10010],
		{ action: 'reject', hint: 'The group does not exist or was dissolved: check the group ID.' },
	],
	[
		[10011],
		{
			action: 'reject',
			hint: 'Tencent could not read the request. Please report this as a bug of the node.',
		},
	],
	[[10012], { action: 'reject', hint: 'The operator (From) is not a valid UserID.' }],
	[[10013], { action: 'reject', hint: 'The user is already a member of the group.' }],
	[
		[10014],
		{
			action: 'reject',
			hint: 'The group is full: remove members, or raise Max Members with Update (within your edition’s cap).',
		},
	],
	[
		[10015],
		{
			action: 'reject',
			hint: 'The group ID is not valid: check it (a Community’s own ID starts with @TGS#_, other custom IDs must not start with @TGS#).',
		},
	],
	[[10016], { action: 'reject', hint: 'Your app’s "before" callback refused the operation.' }],
	[
		[10017],
		{
			action: 'reject',
			hint: 'The sender is muted in this group (or the whole group is muted): unmute them, or send as the owner or an admin.',
		},
	],
	[
		[10018],
		{
			action: 'reject',
			hint: 'The answer would exceed 1 MB: ask for fewer fields or a smaller page.',
		},
	],
	[
		[10019],
		{
			action: 'reject',
			hint: 'An account is not imported into the app: import it first (Account → Import), then run again.',
		},
	],
	[
		[10021],
		{ action: 'reject', hint: 'This group ID is used by someone else: choose another one.' },
	],
	[
		[10025],
		{
			action: 'reject',
			hint: 'A group with this ID exists already and you own it: dissolve it (Delete) or choose another ID.',
		},
	],
	[
		[10026],
		{ action: 'configuration', hint: 'This command is disabled for the app in the Chat console.' },
	],
	[
		[10030],
		{
			action: 'reject',
			hint: 'The message was not found: check the MsgSeq that Send Message returned.',
		},
	],
	[[10031], { action: 'reject', hint: 'The message is past the time it can be recalled in.' }],
	[
		[10032, 10033],
		{ action: 'reject', hint: 'This message, or this group type, cannot be recalled.' },
	],
	[
		[10036],
		{
			action: 'reject',
			hint: 'Your edition’s number of AVChatRooms is reached: upgrade the plan.',
		},
	],
	[
		[10037],
		{
			action: 'reject',
			hint: 'A user has joined as many groups as your edition allows: remove them from other groups, or upgrade the plan.',
		},
	],
	[
		[10038],
		{
			action: 'reject',
			hint: 'More members than your edition lets a group hold: upgrade the plan, then raise Max Members.',
		},
	],
	[
		[10041],
		{
			action: 'configuration',
			hint: 'Recalling group messages is disabled for the app in the Chat console.',
		},
	],
	[[10053], { action: 'reject', hint: 'A message can @ at most 30 members.' }],
	[
		[10058],
		{
			action: 'reject',
			hint: 'The Developer edition holds at most 100 groups: delete some, or upgrade the plan.',
		},
	],
];

/** group_msg_recall's RetCode per MsgSeq, 0 being recalled (§1.1). */
export const GROUP_RECALL_CODES: Readonly<Record<number, string>> = {
	10030: 'Tencent found no such message in the group: check the MsgSeq that Send Message returned',
	10031: 'The message is past the time it can be recalled in',
	10032: 'This message cannot be recalled',
	10033: 'Messages of this group type cannot be recalled',
	10041: 'Recalling group messages is disabled for the app',
};
