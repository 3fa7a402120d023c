import type { ErrorTable } from '../../../client/errorCodes';

// Error codes of the Official Account service (official_account_open_http_svc), from the error
// tables of its API pages, e.g. https://www.tencentcloud.com/document/product/1047/60756.

export const OFFICIAL_ACCOUNT_ERRORS: ErrorTable = [
	[[6017, 20001], { action: 'reject', hint: 'Tencent found a request parameter invalid.' }],
	[
		[10004, 20005],
		{ action: 'retry', hint: 'An internal error at Tencent; try again in a moment.' },
	],
	[
		[130002],
		{
			action: 'configuration',
			hint: 'Insufficient permission for this official account operation.',
		},
	],
	[
		[130004],
		{
			action: 'reject',
			hint: 'The official account does not exist or was destroyed: check the Official Account ID.',
		},
	],
	[
		[130006],
		{
			action: 'reject',
			hint: "The official account's subscriber limit is reached. Upgrade the plan, then raise the account's MaxSubscriberNum.",
		},
	],
	[
		[130007],
		{
			action: 'reject',
			hint: 'The Official Account ID is not valid: use the OfficialAccountUserID returned at creation.',
		},
	],
	[[130008], { action: 'reject', hint: 'The official account ID is already in use.' }],
	[
		[130010],
		{
			action: 'reject',
			hint: 'A subscriber follows too many official accounts: unsubscribe them from some first.',
		},
	],
	[
		[131000],
		{
			action: 'configuration',
			hint: 'Official accounts are not enabled for this app (an Enterprise edition feature).',
		},
	],
];

/**
 * official_account_msg_recall's RetCode per MsgKey, 0 being recalled (TC 60811). The page lists
 * these; others (its sample shows 10030) are UNCONFIRMED and reported by number.
 */
export const RECALL_RET_CODES: Readonly<Record<number, string>> = {
	10002: 'An internal error at Tencent; try again in a moment',
	10003: 'Tencent found the command invalid',
	10004: 'Tencent found a parameter invalid: check the MsgKey, as Send Message returned it',
	10007: 'No permission to recall this message',
	10010: 'The official account does not exist or was destroyed',
};
