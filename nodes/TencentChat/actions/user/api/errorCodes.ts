import type { ErrorTable } from '../../../client/errorCodes';

// Error codes of the profile service (portrait_get / portrait_set), from CN 1639 and CN 1640.

export const PROFILE_ERRORS: ErrorTable = [
	[[40006], { action: 'retry', hint: 'An internal error at Tencent; try again in a moment.' }],
	[
		[40001],
		{ action: 'reject', hint: 'Tencent found a parameter of the profile request invalid.' },
	],
	[
		[40002, 40003],
		{
			action: 'reject',
			hint: 'The account is not an imported account: import it first (Account → Import).',
		},
	],
	[
		[40004],
		{
			action: 'configuration',
			field: 'identifier',
			hint: 'Profiles of other users can only be read and written by an app admin: use one as Admin UserID.',
		},
	],
	[[40005], { action: 'reject', hint: 'A value holds words Tencent filters as sensitive.' }],
	[
		[40007, 40008],
		{
			action: 'reject',
			hint: 'The app admin has no read or write permission for this profile field: set its permissions in the Chat console.',
		},
	],
	[
		[40009],
		{
			action: 'reject',
			// The console's menu path is UNCONFIRMED (it has been renamed over time).
			hint: 'The app has no such profile field: create the custom field (Tag_Profile_Custom_<Key>) in the Chat console under your app → Feature Configuration → User Custom Field, then wait about 5 minutes for it to take effect.',
		},
	],
	[
		[40601],
		{
			action: 'reject',
			hint: 'A value is too long: Tencent allows at most 500 bytes (a location 16).',
		},
	],
	[
		[40605],
		{
			action: 'reject',
			hint: 'A value is not one this standard profile field takes (e.g. gender: female, male or unknown).',
		},
	],
	[
		[40610],
		{
			action: 'reject',
			hint: 'A value has the wrong type for its field: level, role, language, birthday and message settings are whole numbers; custom fields are text.',
		},
	],
];
