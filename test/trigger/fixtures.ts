import { expect } from '@jest/globals';

import { callbackSign } from '../fake-tencent/callbacks';
import { captured } from '../helpers/capture';
import { ADMIN, SDK_APP_ID, SECRET_KEY } from '../helpers/fixtures';

export const CALLBACK_TOKEN = 'cb-token-5f0e2a9d41c7';
export const AFTER_ADD = 'OfficialAccount.CallbackAfterAddSubscriber';
export const BEFORE_ADD = 'OfficialAccount.CallbackBeforeAddSubscriber';

export const triggerCredentials = (callbackToken = CALLBACK_TOKEN) => ({
	sdkAppId: SDK_APP_ID,
	identifier: ADMIN,
	secretKey: SECRET_KEY,
	region: 'singapore',
	callbackToken,
});

/** Every Sign a test sent: like the token, none may show in an answer, an item or a log. */
export const signsSent = new Set<string>();

/** Tencent's query for a callback of `command`, signed with `token` at `requestTime` (unix s). */
export function signedQuery(
	command: string,
	requestTime: number,
	token = CALLBACK_TOKEN,
): Record<string, string> {
	const sign = callbackSign(token, requestTime);
	signsSent.add(sign);
	return {
		SdkAppid: String(SDK_APP_ID),
		CallbackCommand: command,
		contenttype: 'json',
		ClientIP: '203.0.113.9',
		OptPlatform: 'RESTAPI',
		RequestTime: String(requestTime),
		Sign: sign,
	};
}

export function subscriberBody(command: string, subscribers: string[]) {
	return {
		CallbackCommand: command,
		Official_Account: '@TOA#_news',
		Operator_Account: ADMIN,
		SubscribeAccountList: subscribers.map((id) => ({ Subscriber_Account: id })),
		EventTime: 1669872112123,
	};
}

/** Checks everything the test file let out (answers, items, logs), and `more`. */
export function expectNoTokenOrSign(more: string[] = []): void {
	const text = [...captured, ...more].join('\n');
	expect(text.includes(CALLBACK_TOKEN)).toBe(false);
	for (const sign of signsSent) expect(text.includes(sign)).toBe(false);
}

/** `record` without the named keys. */
export function without<T extends object>(record: T, ...keys: string[]): Partial<T> {
	return Object.fromEntries(
		Object.entries(record).filter(([key]) => !keys.includes(key)),
	) as Partial<T>;
}
