import type { INodeParameters } from 'n8n-workflow';

import type { ScriptedAnswer } from '../fake-tencent/config';
import type { FakeApp, FakeTencentServer } from '../fake-tencent/FakeTencentServer';

export const SDK_APP_ID = 1400000001;
export const SECRET_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
export const ADMIN = 'administrator';
export const WRONG_SECRET_KEY = 'not-the-right-key-3f9a1c';
/** The password of the tests' Redis when it has one, and one it refuses. */
export const REDIS_PASSWORD = 'redis-pass-7c41e9d2b8';
export const WRONG_REDIS_PASSWORD = 'redis-wrong-55f0a3';
/** Every key the tests sign with, and every password: none may appear in any output, error or log. */
export const TEST_SECRETS = [SECRET_KEY, WRONG_SECRET_KEY, REDIS_PASSWORD, WRONG_REDIS_PASSWORD];

export function fakeApp(
	officialAccounts: FakeApp['officialAccounts'],
	accounts?: string[],
): FakeApp {
	return {
		sdkAppId: SDK_APP_ID,
		secretKey: SECRET_KEY,
		admins: [ADMIN],
		officialAccounts,
		...(accounts ? { accounts } : {}),
	};
}

export function credentialsFor(server: FakeTencentServer, overrides: Record<string, unknown> = {}) {
	return {
		sdkAppId: SDK_APP_ID,
		identifier: ADMIN,
		secretKey: SECRET_KEY,
		region: 'custom',
		baseUrl: server.url,
		...overrides,
	};
}

/** Add Subscribers' fields, read from each item's `officialAccount` and `subscribers`. */
export const ADD_SUBSCRIBERS_FIELDS: INodeParameters = {
	officialAccountId: '={{ $json.officialAccount }}',
	subscriberIds: '={{ $json.subscribers }}',
};

/** Send Message's fields for a text broadcast, read from each item's `account` and `text`. */
export const BROADCAST_TEXT_FIELDS: INodeParameters = {
	officialAccountId: '={{ $json.account }}',
	messageType: 'text',
	text: '={{ $json.text }}',
};

export function addSubscribersParameters(options: INodeParameters = {}): INodeParameters {
	return officialAccountParameters('addSubscribers', ADD_SUBSCRIBERS_FIELDS, options);
}

/** The node's parameters for an operation of the Official Account resource. */
export function officialAccountParameters(
	operation: string,
	fields: INodeParameters = {},
	options: INodeParameters = {},
): INodeParameters {
	return { resource: 'officialAccount', operation, ...fields, options };
}

/** The node's parameters for an operation of another resource (Account, Message). */
export function resourceParameters(
	resource: string,
	operation: string,
	fields: INodeParameters = {},
	options: INodeParameters = {},
): INodeParameters {
	return { resource, operation, ...fields, options };
}

/** An answer as Tencent's REST API writes one that succeeded, with the command's own `fields`. */
export function tencentAnswer(fields: object = {}): Record<string, unknown> {
	return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...fields };
}

/**
 * The next call's answer, as Tencent would write it with `fields`: an OK answer sent as it is.
 * With `apply`, the fake also carries the call out (its state changes as if it had answered).
 */
export function scriptedAnswer(fields: object = {}, { apply = false } = {}): ScriptedAnswer {
	return {
		kind: 'raw',
		status: 200,
		contentType: 'application/json',
		body: JSON.stringify(tencentAnswer(fields)),
		...(apply ? { apply } : {}),
	};
}

/** An answer as Tencent's REST API writes one that failed, with its code and text. */
export function tencentFailure(
	errorCode: number,
	errorInfo: string,
	fields: object = {},
): Record<string, unknown> {
	return { ActionStatus: 'FAIL', ErrorCode: errorCode, ErrorInfo: errorInfo, ...fields };
}
