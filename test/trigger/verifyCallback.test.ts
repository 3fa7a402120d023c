import { describe, expect, test } from '@jest/globals';

import {
	callbackSign,
	readCallbackQuery,
	REQUEST_TIME_WINDOW_SECONDS,
	verifyCallback,
} from '../../nodes/TencentChatTrigger/verifyCallback';
import { without } from './fixtures';

const SDK_APP_ID = 1400000001;
const TOKEN = 'xxxxyyyy';
/** Tencent's own example: token "xxxxyyyy", RequestTime 1669872112. */
const EXAMPLE_TIME = 1669872112;
const EXAMPLE_SIGN = '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061';
const atExampleTime = EXAMPLE_TIME * 1000;

const signed = (requestTime = EXAMPLE_TIME, sign = callbackSign(TOKEN, String(requestTime))) => ({
	sdkAppId: String(SDK_APP_ID),
	callbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber',
	requestTime: String(requestTime),
	sign,
});
const withToken = { sdkAppId: SDK_APP_ID, callbackToken: TOKEN };
const withoutToken = { sdkAppId: SDK_APP_ID, callbackToken: '' };

describe('callbackSign', () => {
	test("is the lowercase hex SHA-256 of the token followed by RequestTime (Tencent's example)", () => {
		expect(callbackSign(TOKEN, String(EXAMPLE_TIME))).toBe(EXAMPLE_SIGN);
	});
});

describe('verifyCallback with a callback token', () => {
	test("accepts Tencent's example at its own time", () => {
		expect(verifyCallback(signed(EXAMPLE_TIME, EXAMPLE_SIGN), withToken, atExampleTime)).toEqual({
			accepted: true,
		});
	});

	test('accepts the Sign in upper case too', () => {
		expect(
			verifyCallback(signed(EXAMPLE_TIME, EXAMPLE_SIGN.toUpperCase()), withToken, atExampleTime)
				.accepted,
		).toBe(true);
	});

	test('refuses a Sign made with another token', () => {
		const verdict = verifyCallback(
			signed(EXAMPLE_TIME, callbackSign('another-token', String(EXAMPLE_TIME))),
			withToken,
			atExampleTime,
		);
		expect(verdict).toEqual({
			accepted: false,
			reason:
				"Sign does not match: the credential's Callback Token differs from the one in the Chat console",
		});
	});

	test('refuses a Sign of another length, and one for another RequestTime', () => {
		expect(
			verifyCallback(signed(EXAMPLE_TIME, EXAMPLE_SIGN.slice(1)), withToken, atExampleTime)
				.accepted,
		).toBe(false);
		const signForLater = callbackSign(TOKEN, String(EXAMPLE_TIME + 1));
		expect(
			verifyCallback(signed(EXAMPLE_TIME, signForLater), withToken, atExampleTime).accepted,
		).toBe(false);
	});

	test('refuses a callback without Sign or without RequestTime', () => {
		for (const query of [without(signed(), 'sign'), without(signed(), 'requestTime')]) {
			expect(verifyCallback(query, withToken, atExampleTime)).toEqual({
				accepted: false,
				reason:
					'Sign or RequestTime is missing, but the credential has a Callback Token: set the same token in the Chat console',
			});
		}
	});

	test('accepts RequestTime up to 60 s either side of the clock, and refuses it 61 s away', () => {
		expect(REQUEST_TIME_WINDOW_SECONDS).toBe(60);
		expect(verifyCallback(signed(EXAMPLE_TIME - 60), withToken, atExampleTime).accepted).toBe(true);
		expect(verifyCallback(signed(EXAMPLE_TIME + 60), withToken, atExampleTime).accepted).toBe(true);
		// The clock is in ms: 60.5 s after RequestTime is past the window.
		expect(verifyCallback(signed(EXAMPLE_TIME), withToken, atExampleTime + 60_500).accepted).toBe(
			false,
		);
		for (const requestTime of [EXAMPLE_TIME - 61, EXAMPLE_TIME + 61]) {
			expect(verifyCallback(signed(requestTime), withToken, atExampleTime)).toEqual({
				accepted: false,
				reason:
					"RequestTime is more than 60 s away from this server's clock: a replay, or a clock to set right",
			});
		}
	});

	test('refuses a RequestTime that is not whole seconds', () => {
		for (const requestTime of ['1669872112.5', '-1669872112', '1e9', 'now']) {
			const query = { ...signed(), requestTime, sign: callbackSign(TOKEN, requestTime) };
			expect(verifyCallback(query, withToken, atExampleTime)).toEqual({
				accepted: false,
				reason: 'RequestTime is not a time in seconds',
			});
		}
	});
});

describe('verifyCallback and the app', () => {
	test("refuses another app's callback, signed or not", () => {
		const other = { ...signed(), sdkAppId: '1400000002' };
		const reason =
			"SdkAppid is not this trigger's app: check SDKAppID in the Tencent Chat API credential";
		expect(verifyCallback(other, withToken, atExampleTime)).toEqual({ accepted: false, reason });
		expect(verifyCallback(other, withoutToken, atExampleTime)).toEqual({ accepted: false, reason });
	});

	test('refuses a callback without SdkAppid', () => {
		expect(verifyCallback(without(signed(), 'sdkAppId'), withoutToken, atExampleTime)).toEqual({
			accepted: false,
			reason: 'SdkAppid is missing from the query',
		});
	});

	test('without a token, accepts any callback of the app, with or without Sign and RequestTime', () => {
		expect(verifyCallback({ sdkAppId: String(SDK_APP_ID) }, withoutToken, atExampleTime)).toEqual({
			accepted: true,
		});
		expect(verifyCallback(signed(1, 'whatever'), withoutToken, atExampleTime)).toEqual({
			accepted: true,
		});
	});
});

describe('readCallbackQuery', () => {
	test("reads Tencent's parameters by their exact names", () => {
		expect(
			readCallbackQuery({
				SdkAppid: '1400000001',
				CallbackCommand: 'State.StateChange',
				contenttype: 'json',
				ClientIP: '10.0.0.7',
				OptPlatform: 'iOS',
				RequestTime: '1669872112',
				Sign: EXAMPLE_SIGN,
			}),
		).toEqual({
			sdkAppId: '1400000001',
			callbackCommand: 'State.StateChange',
			clientIp: '10.0.0.7',
			optPlatform: 'iOS',
			requestTime: '1669872112',
			sign: EXAMPLE_SIGN,
		});
	});

	test('ignores a parameter given twice, empty, nested or in another case', () => {
		expect(
			readCallbackQuery({
				Sign: [EXAMPLE_SIGN, 'x'],
				RequestTime: '',
				SdkAppid: { a: '1' },
				sign: EXAMPLE_SIGN,
			}),
		).toEqual({});
		expect(readCallbackQuery(undefined)).toEqual({});
	});
});
