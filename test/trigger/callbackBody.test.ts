import { describe, expect, test } from '@jest/globals';

import {
	callbackCommandOf,
	callbackItem,
	MAX_CALLBACK_BYTES,
	readCallbackBody,
} from '../../nodes/TencentChatTrigger/callbackBody';

const body = {
	CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber',
	Official_Account: '@TOA#_news',
	Operator_Account: 'administrator',
	SubscribeAccountList: [{ Subscriber_Account: '107867' }],
	EventTime: 1669872112123,
};
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('readCallbackBody', () => {
	test("reads the JSON object from the request's bytes, a byte-order mark included", () => {
		expect(readCallbackBody(bytes(JSON.stringify(body)), undefined)).toEqual({ ok: true, body });
		expect(readCallbackBody(bytes(`\uFEFF${JSON.stringify(body)}`), undefined)).toEqual({
			ok: true,
			body,
		});
	});

	test('refuses what is not a JSON object with a 400 that says what it got', () => {
		const cases: Array<[string, string]> = [
			['', 'The body is empty: Tencent Chat sends a JSON object'],
			['  \n', 'The body is empty: Tencent Chat sends a JSON object'],
			['CallbackCommand=x', 'The body is not JSON: Tencent Chat sends a JSON object'],
			['{"CallbackCommand":', 'The body is not JSON: Tencent Chat sends a JSON object'],
			['[1,2]', 'The body is JSON but an array: Tencent Chat sends a JSON object'],
			['null', 'The body is JSON but null: Tencent Chat sends a JSON object'],
			['"text"', 'The body is JSON but a string: Tencent Chat sends a JSON object'],
			['42', 'The body is JSON but a number: Tencent Chat sends a JSON object'],
			['{}', 'The body is an empty JSON object: Tencent Chat sends its fields'],
		];
		for (const [text, reason] of cases)
			expect(readCallbackBody(bytes(text), undefined)).toEqual({ ok: false, status: 400, reason });
	});

	test('refuses a body over 1 MiB with a 413, and takes one of exactly 1 MiB', () => {
		const padded = (size: number) => {
			const start = '{"CallbackCommand":"State.StateChange","Pad":"';
			return bytes(start + 'x'.repeat(size - start.length - 2) + '"}');
		};
		expect(MAX_CALLBACK_BYTES).toBe(1_048_576);
		expect(readCallbackBody(padded(MAX_CALLBACK_BYTES), undefined).ok).toBe(true);
		expect(readCallbackBody(padded(MAX_CALLBACK_BYTES + 1), undefined)).toEqual({
			ok: false,
			status: 413,
			reason: 'The body has 1048577 bytes; a callback may have at most 1048576',
		});
	});

	test('without the bytes, uses the body n8n parsed', () => {
		expect(readCallbackBody(undefined, body)).toEqual({ ok: true, body });
		expect(readCallbackBody(undefined, JSON.stringify(body))).toEqual({ ok: true, body });
		expect(readCallbackBody(undefined, undefined)).toMatchObject({ ok: false, status: 400 });
		expect(readCallbackBody(undefined, {})).toMatchObject({ ok: false, status: 400 });
		expect(readCallbackBody(undefined, [body])).toMatchObject({ ok: false, status: 400 });
	});
});

describe('callbackItem', () => {
	test("says the event and its time in the node's names, the query's in camelCase, and keeps the body as sent under body", () => {
		const query = {
			sdkAppId: '1400000001',
			clientIp: '10.0.0.7',
			optPlatform: 'RESTAPI',
			requestTime: '1669872112',
			sign: 'x',
		};
		expect(
			callbackItem(body.CallbackCommand, query, { ...body, EventTime: 1_669_872_111_500 }),
		).toEqual({
			event: 'OfficialAccount.CallbackAfterAddSubscriber',
			eventTime: '2022-12-01T05:21:51.500Z',
			sdkAppId: 1400000001,
			clientIp: '10.0.0.7',
			optPlatform: 'RESTAPI',
			body: { ...body, EventTime: 1_669_872_111_500 },
		});
		// Without an EventTime, the time of the request.
		expect(
			callbackItem(body.CallbackCommand, query, { CallbackCommand: body.CallbackCommand })
				.eventTime,
		).toBe('2022-12-01T05:21:52.000Z');
	});

	test('gives null for what the query did not say, and never carries the Sign', () => {
		const item = callbackItem(
			'Alert.RequestOverLimit',
			{ sdkAppId: '1400000001' },
			{ CallbackCommand: 'Alert.RequestOverLimit' },
		);
		expect(item).toEqual({
			event: 'Alert.RequestOverLimit',
			eventTime: null,
			sdkAppId: 1400000001,
			clientIp: null,
			optPlatform: null,
			body: { CallbackCommand: 'Alert.RequestOverLimit' },
		});
	});
});

describe('callbackCommandOf', () => {
	test("takes the query's command, else the body's", () => {
		expect(callbackCommandOf({ callbackCommand: 'State.StateChange' }, body)).toBe(
			'State.StateChange',
		);
		expect(callbackCommandOf({}, body)).toBe('OfficialAccount.CallbackAfterAddSubscriber');
		expect(callbackCommandOf({}, { Official_Account: 'x' })).toBeUndefined();
	});
});
