import type { Command } from './commands';

// What a Tencent Chat error code means for a client: retry it, renew the UserSig, or stop and say
// which setting to fix. Codes 60000-79999 mean the same for every service and live here; a
// service's own codes travel with its commands (a resource's api/), because one number can mean different
// things in two services (10004 is an internal error for official accounts, a bad parameter for groups).
// Source: https://www.tencentcloud.com/document/product/1047/34348 (error codes) and each API's page.

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

export type ErrorTable = Array<[number[], ErrorCodeInfo]>;

const COMMON_ERRORS: ErrorTable = [
	[
		[60002, 60003],
		{
			action: 'reject',
			hint: 'The request was malformed. Please report this as a bug of the node.',
		},
	],
	[
		[60004, 60005],
		{ action: 'retry', hint: 'The service was busy checking the account; try again in a moment.' },
	],
	[
		[60006],
		{
			action: 'configuration',
			field: 'sdkAppId',
			hint: 'The SDKAppID is invalid or the app is disabled: check SDKAppID in the credential.',
		},
	],
	[
		[60010, 60012, 60016],
		{
			action: 'configuration',
			field: 'identifier',
			hint: 'The Admin UserID in the credential is not an app admin. Use an admin account from the Chat console (default "administrator").',
		},
	],
	[
		[60007, 60011, 60018, 60019],
		{ action: 'slowDown', hint: 'Tencent answered that the app calls too often.' },
	],
	[[60008, 60014], { action: 'retry', hint: 'The service timed out; try again in a moment.' }],
	[
		[60020, 80005],
		{
			action: 'configuration',
			hint: 'The Tencent Chat plan of this app has expired or the service is deactivated.',
		},
	],
	[
		[60021],
		{
			action: 'configuration',
			hint: "This n8n server's IP address is not on the app's allow-list in the Chat console.",
		},
	],
	[
		[60025],
		{
			action: 'configuration',
			hint: 'A URL parameter was rejected: check SDKAppID and Admin UserID in the credential.',
		},
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
	[
		[70003, 70005],
		{
			action: 'reject',
			hint: 'The UserSig was malformed. Please report this as a bug of the node.',
		},
	],
	[
		[70009],
		{
			action: 'configuration',
			field: 'secretKey',
			hint: 'The UserSig signature is wrong: check the Secret Key in the credential.',
		},
	],
	[
		[70013, 70014],
		{
			action: 'configuration',
			hint: 'The UserSig does not match the SDKAppID or Admin UserID: check both in the credential.',
		},
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
];

/** A service's codes, by number. */
export type ErrorCodes = ReadonlyMap<number, ErrorCodeInfo>;

export function indexErrorTable(table: ErrorTable): ErrorCodes {
	return new Map(table.flatMap(([codes, info]) => codes.map((code) => [code, info] as const)));
}

const common = indexErrorTable(COMMON_ERRORS);

/** Codes in neither table fail at once: a retry of an unknown failure is a guess. */
export function describeErrorCode(command: Pick<Command, 'errors'>, code: number): ErrorCodeInfo {
	return command.errors.get(code) ?? common.get(code) ?? { action: 'reject' };
}

/** Every common code that points at a setting, with its hint: the credential test reports these. */
export function configurationErrorCodes(): Array<{ code: number; hint: string }> {
	return [...common]
		.filter(([, info]) => info.action === 'configuration' && info.hint !== undefined)
		.map(([code, info]) => ({ code, hint: info.hint as string }));
}

/** Common codes that pass with time, with their hint: the credential test says to try again. */
export function transientErrorCodes(): Array<{ code: number; hint: string }> {
	return [...common]
		.filter(
			([, info]) =>
				(info.action === 'retry' || info.action === 'slowDown') && info.hint !== undefined,
		)
		.map(([code, info]) => ({ code, hint: info.hint as string }));
}
