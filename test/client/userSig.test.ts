import { describe, expect, test } from '@jest/globals';
// Tencent's own library: the oracle the signature must agree with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Api: TencentSigApi } = require('tls-sig-api-v2/TLSSigAPIv2.js') as {
	Api: new (sdkAppId: number, key: string) => { genUserSig(id: string, expire: number): string };
};

import { signUserSig, UserSigCache } from '../../nodes/TencentChat/client/userSig';
import { checkUserSig, decodeUserSig } from '../fake-tencent/userSigCheck';

const input = {
	sdkAppId: 1400000001,
	identifier: 'administrator',
	secretKey: 'a-secret-key-from-the-console',
};

describe('UserSig (TLSSigAPIv2)', () => {
	test('has the same HMAC and fields as Tencent tls-sig-api-v2 for the same inputs', () => {
		const theirs = decodeUserSig(
			new TencentSigApi(input.sdkAppId, input.secretKey).genUserSig(input.identifier, 86400),
		);
		const ours = decodeUserSig(signUserSig(input, theirs['TLS.time'], 86400));

		expect(ours['TLS.sig']).toBe(theirs['TLS.sig']);
		expect(ours).toEqual(theirs);
		expect(ours['TLS.ver']).toBe('2.0');
		expect(ours['TLS.sdkappid']).toBe(1400000001);
	});

	test('differs from the oracle when the key differs', () => {
		const theirs = decodeUserSig(
			new TencentSigApi(input.sdkAppId, 'another-key').genUserSig(input.identifier, 86400),
		);
		const ours = decodeUserSig(signUserSig(input, theirs['TLS.time'], 86400));
		expect(ours['TLS.sig']).not.toBe(theirs['TLS.sig']);
	});

	test('encodes with only URL-safe characters and decodes back to zlib JSON', () => {
		const userSig = signUserSig(input, 1_700_000_000, 600);
		expect(userSig).toMatch(/^[A-Za-z0-9*\-_]+$/);
		const raw = Buffer.from(
			userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='),
			'base64',
		);
		expect(raw[0]).toBe(0x78);
		expect(decodeUserSig(userSig)).toMatchObject({ 'TLS.time': 1_700_000_000, 'TLS.expire': 600 });
	});

	test('is valid until time + expire and expired one second later', () => {
		const userSig = signUserSig(input, 1_000, 600);
		const expected = {
			identifier: input.identifier,
			sdkAppId: input.sdkAppId,
			secretKey: input.secretKey,
		};
		expect(checkUserSig(userSig, { ...expected, nowSeconds: 1_600 })).toEqual({ ok: true });
		expect(checkUserSig(userSig, { ...expected, nowSeconds: 1_601 }).errorCode).toBe(70001);
	});
});

describe('UserSigCache', () => {
	test('reuses one signature for the same app, admin and key', () => {
		let now = 1_000_000;
		const cache = new UserSigCache(() => now);
		const first = cache.get(input);
		now += 3600;
		expect(cache.get(input)).toBe(first);
	});

	test('signs anew for another key', () => {
		const cache = new UserSigCache(() => 1_000_000);
		expect(cache.get({ ...input, secretKey: 'other' })).not.toBe(cache.get(input));
	});

	test('renews an hour before the 24-hour lifetime ends', () => {
		let now = 1_000_000;
		const cache = new UserSigCache(() => now);
		const first = cache.get(input);
		now += 23 * 3600 - 1;
		expect(cache.get(input)).toBe(first);
		now += 1;
		const renewed = cache.get(input);
		expect(renewed).not.toBe(first);
		expect(decodeUserSig(renewed)['TLS.time']).toBe(now);
	});

	test('signs anew after invalidate', () => {
		let now = 1_000_000;
		const cache = new UserSigCache(() => now);
		const first = cache.get(input);
		now += 1;
		cache.invalidate(input);
		expect(cache.get(input)).not.toBe(first);
	});
});
