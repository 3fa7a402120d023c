import { createHash, timingSafeEqual } from 'node:crypto';

// Whether a callback comes from Tencent for this app: Tencent's query parameters, its Sign and the
// replay window (https://www.tencentcloud.com/document/product/1047/34354, "Security"). Pure: the caller passes the clock.

/** How far RequestTime may be from this server's clock, either way. */
export const REQUEST_TIME_WINDOW_SECONDS = 60;

/** The query Tencent appends to a callback URL; a parameter given more than once counts as absent. */
export interface CallbackQuery {
	sdkAppId?: string;
	callbackCommand?: string;
	clientIp?: string;
	optPlatform?: string;
	/** Unix seconds, sent only when a callback token is set in the console. */
	requestTime?: string;
	sign?: string;
}

const QUERY_NAMES: Record<keyof CallbackQuery, string> = {
	sdkAppId: 'SdkAppid',
	callbackCommand: 'CallbackCommand',
	clientIp: 'ClientIP',
	optPlatform: 'OptPlatform',
	requestTime: 'RequestTime',
	sign: 'Sign',
};

/** Reads Tencent's parameters from the query as n8n parsed it (a repeated one arrives as an array). */
export function readCallbackQuery(query: unknown): CallbackQuery {
	const source = (typeof query === 'object' && query !== null ? query : {}) as Record<
		string,
		unknown
	>;
	const read: CallbackQuery = {};
	for (const [field, name] of Object.entries(QUERY_NAMES) as Array<[keyof CallbackQuery, string]>) {
		const value = source[name];
		if (typeof value === 'string' && value !== '') read[field] = value;
	}
	return read;
}

/** Tencent's Sign: the lowercase hex SHA-256 of the token followed by RequestTime. */
export function callbackSign(token: string, requestTime: string): string {
	return createHash('sha256')
		.update(token + requestTime, 'utf8')
		.digest('hex');
}

export interface TriggerSecrets {
	sdkAppId: number;
	/** Empty when no callback token is set: every callback of the app is then accepted. */
	callbackToken: string;
}

export type Verdict = { accepted: true } | { accepted: false; reason: string };

const refuse = (reason: string): Verdict => ({ accepted: false, reason });

/**
 * Accepts a callback of the credential's app; with a token, only one signed with it whose
 * RequestTime is within the window of `nowMs`. The reasons name neither the token nor the Sign.
 */
export function verifyCallback(
	query: CallbackQuery,
	secrets: TriggerSecrets,
	nowMs: number,
): Verdict {
	if (query.sdkAppId === undefined || !/^\d+$/.test(query.sdkAppId)) {
		return refuse('SdkAppid is missing from the query');
	}
	if (Number(query.sdkAppId) !== secrets.sdkAppId) {
		return refuse(
			"SdkAppid is not this trigger's app: check SDKAppID in the Tencent Chat API credential",
		);
	}
	if (secrets.callbackToken === '') return { accepted: true };

	const { requestTime, sign } = query;
	if (requestTime === undefined || sign === undefined) {
		return refuse(
			'Sign or RequestTime is missing, but the credential has a Callback Token: set the same token in the Chat console',
		);
	}
	if (!/^\d{1,12}$/.test(requestTime)) return refuse('RequestTime is not a time in seconds');
	if (Math.abs(nowMs / 1000 - Number(requestTime)) > REQUEST_TIME_WINDOW_SECONDS) {
		return refuse(
			`RequestTime is more than ${REQUEST_TIME_WINDOW_SECONDS} s away from this server's clock: a replay, or a clock to set right`,
		);
	}
	if (!sameText(sign.toLowerCase(), callbackSign(secrets.callbackToken, requestTime))) {
		return refuse(
			"Sign does not match: the credential's Callback Token differs from the one in the Chat console",
		);
	}
	return { accepted: true };
}

/** Constant-time for equal lengths; a Sign of another length cannot match anyway. */
function sameText(given: string, expected: string): boolean {
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}
