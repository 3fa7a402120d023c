/**
 * What a Tencent Chat error code means for a client: retry it, renew the UserSig, or stop and
 * tell the user which setting to fix. One table, used by the client, the node and the credential test.
 */
export type ErrorAction =
	/** Transient on Tencent's side: retry with backoff. */
	| 'retry'
	/** Over the call frequency limit: slow down, then retry. */
	| 'slowDown'
	/** The UserSig expired: make a new one and retry once. */
	| 'renewUserSig'
	/** A setting of the credential or the app is wrong: retrying cannot help. */
	| 'configuration'
	/** The request itself is wrong for this data: retrying cannot help. */
	| 'reject';

/** The credential field a configuration error points at, so the message can name it. */
export type CredentialField = 'sdkAppId' | 'identifier' | 'secretKey' | 'region';

export interface ErrorCodeInfo {
	action: ErrorAction;
	hint?: string;
	field?: CredentialField;
}

const entries: Array<[number[], ErrorCodeInfo]> = [
	[[60002, 60003], { action: 'reject', hint: 'The request was malformed. Please report this as a bug of the node.' }],
	[[60004, 60005], { action: 'retry' }],
	[
		[60006],
		{ action: 'configuration', field: 'sdkAppId', hint: 'The SDKAppID is invalid or the app is disabled: check SDKAppID in the credential.' },
	],
	[
		[60010, 60012, 60016],
		{
			action: 'configuration',
			field: 'identifier',
			hint: 'The Admin UserID in the credential is not an app admin. Use an admin account from the Chat console (default "administrator").',
		},
	],
	[[60007, 60011, 60018, 60019], { action: 'slowDown' }],
	[[60008, 60014], { action: 'retry' }],
	[
		[60020, 80005],
		{ action: 'configuration', hint: 'The Tencent Chat plan of this app has expired or the service is deactivated.' },
	],
	[
		[60021],
		{ action: 'configuration', hint: "This n8n server's IP address is not on the app's allow-list in the Chat console." },
	],
	[
		[60025],
		{ action: 'configuration', hint: 'A URL parameter was rejected: check SDKAppID and Admin UserID in the credential.' },
	],
	[
		[60026, 70016, 70020],
		{
			action: 'configuration',
			field: 'region',
			hint: 'The SDKAppID is not known in this data centre: choose the region the app was created in.',
		},
	],
	[[70001], { action: 'renewUserSig' }],
	[[70003, 70005], { action: 'reject', hint: 'The UserSig was malformed. Please report this as a bug of the node.' }],
	[
		[70009],
		{ action: 'configuration', field: 'secretKey', hint: 'The UserSig signature is wrong: check the Secret Key in the credential.' },
	],
	[
		[70013, 70014],
		{ action: 'configuration', hint: 'The UserSig does not match the SDKAppID or Admin UserID: check both in the credential.' },
	],
	[
		[70050],
		{
			action: 'configuration',
			field: 'secretKey',
			hint: 'Too many signature failures: wait a minute, then check the Secret Key in the credential.',
		},
	],
	[[80001], { action: 'reject', hint: 'Tencent rejected the content.' }],
	[[80002], { action: 'reject', hint: 'The request body is too large.' }],
	[[6017, 20001], { action: 'reject', hint: 'Tencent found a request parameter invalid.' }],
	[[10004, 20005], { action: 'retry' }],
	[[130002], { action: 'configuration', hint: 'Insufficient permission for this official account operation.' }],
	[
		[130004],
		{ action: 'reject', hint: 'The official account does not exist or was destroyed: check the Official Account ID.' },
	],
	[
		[130006],
		{
			action: 'reject',
			hint: "The official account's subscriber limit is reached. Upgrade the plan, then raise the account's MaxSubscriberNum.",
		},
	],
	[[130007], { action: 'reject', hint: 'The Official Account ID is not valid: use the OfficialAccountUserID returned at creation.' }],
	[[130008], { action: 'reject', hint: 'The official account ID is already in use.' }],
	[
		[130010],
		{ action: 'reject', hint: 'A subscriber follows too many official accounts: unsubscribe them from some first.' },
	],
	[
		[131000],
		{ action: 'configuration', hint: 'Official accounts are not enabled for this app (an Enterprise edition feature).' },
	],
];

const byCode = new Map<number, ErrorCodeInfo>(
	entries.flatMap(([codes, info]) => codes.map((code) => [code, info] as const)),
);

/** Codes not in the table fail at once: a retry of an unknown failure is a guess. */
export function describeErrorCode(code: number): ErrorCodeInfo {
	return byCode.get(code) ?? { action: 'reject' };
}

/** Every code that points at a setting, with its hint: the credential test reports these. */
export function configurationErrorCodes(): Array<{ code: number; hint: string }> {
	return [...byCode]
		.filter(([, info]) => info.action === 'configuration' && info.hint !== undefined)
		.map(([code, info]) => ({ code, hint: info.hint as string }));
}
