import type { ErrorTable } from '../../../client/errorCodes';

// Error codes of the account service (im_open_login_svc), from the error tables of its API pages:
// https://www.tencentcloud.com/document/product/1047/34953 (account_import, whose table
// multiaccount_import shares: UNCONFIRMED beyond 40006) and 34955 (account_delete).

export const ACCOUNT_ERRORS: ErrorTable = [
	[
		[40006, 70169],
		{ action: 'retry', hint: 'An internal error or timeout at Tencent; try again in a moment.' },
	],
	[
		[70107],
		{ action: 'reject', hint: 'The account does not exist: import it first (Account → Import).' },
	],
	[
		[70398],
		{
			action: 'configuration',
			hint: "The app's account limit is reached (a trial app holds 100 accounts): upgrade the Tencent Chat plan, or delete accounts no longer used.",
		},
	],
	[[40601], { action: 'reject', hint: 'A field is too long: Tencent allows at most 500 bytes.' }],
	// 70403's meaning is UNCONFIRMED (its text on the page is cut off); taken as a bad request.
	[[70402, 70403], { action: 'reject', hint: 'Tencent found a request parameter invalid.' }],
];
