import type { ErrorTable } from '../../../client/errorCodes';

// Error codes of the one-to-one message service (openim), from the error tables of
// https://www.tencentcloud.com/document/product/1047/34919 (sendmsg) and 34920 (batchsendmsg).
// UNCONFIRMED: the shared reference of this project does not list these tables; the codes below
// follow Tencent's published pages as remembered, and an unknown code fails without a retry.

export const MESSAGE_ERRORS: ErrorTable = [
	[
		[20004, 20005, 90992, 91000],
		{ action: 'retry', hint: 'An internal error at Tencent; try again in a moment.' },
	],
	[
		[90001, 90002, 90005, 90007, 90010, 90031],
		{ action: 'reject', hint: 'Tencent found the message malformed: check MsgBody.' },
	],
	[
		[90003, 90012, 20003, 70107],
		{
			action: 'reject',
			hint: 'The recipient (To_Account) is not an imported account: import it first (Account → Import).',
		},
	],
	[
		[90008],
		{
			action: 'reject',
			hint: 'The sender (From) is not an imported account: import it, or leave From empty to send as the admin.',
		},
	],
	[
		[90009],
		{
			action: 'configuration',
			field: 'identifier',
			hint: 'Sending messages needs an app admin as Admin UserID.',
		},
	],
	[
		[90011],
		{ action: 'reject', hint: 'Too many recipients in one call: Tencent takes at most 500.' },
	],
	[
		[90026],
		{
			action: 'reject',
			hint: 'The message lifetime is out of range: 0 to 604,800 seconds (7 days).',
		},
	],
	[[93000], { action: 'reject', hint: 'The message is too large: Tencent takes at most 12 KB.' }],
	[
		[20006],
		{ action: 'reject', hint: 'The message was blocked by the app\'s "before send" callback.' },
	],
	[[20007], { action: 'reject', hint: 'The recipient has blocked the sender.' }],
	// admin_msgwithdraw (CN 38980): Recall turns 20022 and 20023 into statuses of their own.
	[
		[20022],
		{ action: 'reject', hint: 'Tencent has no such message: check From, To and the message key.' },
	],
	[[20023], { action: 'reject', hint: 'The message was recalled already.' }],
	[
		[90054],
		{
			action: 'reject',
			hint: 'The message key is not one Tencent gave: take it from Send, Get History or a webhook.',
		},
	],
];
