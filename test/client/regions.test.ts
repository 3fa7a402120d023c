import { describe, expect, test } from '@jest/globals';

import { readCredentials } from '../../nodes/TencentChat/client/credentials';
import { resolveBaseUrl } from '../../nodes/TencentChat/client/regions';

const custom = (baseUrl: string) => resolveBaseUrl({ region: 'custom', baseUrl });

describe('where requests go', () => {
	test("a region's domain, or its backup domain", () => {
		expect(resolveBaseUrl({ region: 'frankfurt' })).toBe('https://adminapiger.im.qcloud.com');
		expect(resolveBaseUrl({ region: 'frankfurt', useBackupDomain: true })).toBe(
			'https://adminapiger.my-imcloud.com',
		);
	});

	test('a custom URL keeps its path prefix, without a trailing slash', () => {
		expect(custom('https://gw.example.com/tencent-gw/')).toBe('https://gw.example.com/tencent-gw');
		expect(custom('https://gw.example.com:8443')).toBe('https://gw.example.com:8443');
		expect(custom('http://127.0.0.1:3000/prefix')).toBe('http://127.0.0.1:3000/prefix');
	});

	test.each([
		['', 'Base URL is empty'],
		['   ', 'Base URL is empty'],
		['not a url', 'Base URL "not a url" is not a URL'],
		['http://example.com', 'Base URL must start with https://'],
		['https://user:pass@gw.example.com', 'must not contain a user name or password'],
		['https://gw.example.com/?key=1', 'must not contain a query or fragment (?key=1)'],
		['https://gw.example.com/#x', 'must not contain a query or fragment (#x)'],
	])('refuses %p', (baseUrl, message) => {
		expect(() => custom(baseUrl)).toThrow(message);
	});
});

describe('readCredentials', () => {
	const good = {
		sdkAppId: '1400000001',
		identifier: ' administrator ',
		secretKey: 'k',
		region: 'singapore',
	};

	test('takes the SDKAppID as text or number, trims the admin, and defaults the share to 100%', () => {
		expect(readCredentials(good)).toMatchObject({
			sdkAppId: 1400000001,
			identifier: 'administrator',
			rateLimitShare: 100,
		});
		expect(
			readCredentials({ ...good, sdkAppId: 1400000001, rateLimitShare: 50 }).rateLimitShare,
		).toBe(50);
	});

	test.each([
		[{ sdkAppId: 0 }, 'SDKAppID must be'],
		[{ sdkAppId: '' }, 'SDKAppID must be'],
		[{ sdkAppId: '14e20' }, 'SDKAppID must be'],
		[{ identifier: '' }, 'Admin UserID is empty'],
		[{ secretKey: '' }, 'Secret Key is empty'],
		[{ region: 'mars' }, 'Unknown region "mars"'],
		[{ rateLimitShare: 0 }, 'Share of Rate Limits (%) must be a number from 1 to 100'],
		[{ rateLimitShare: 150 }, 'Share of Rate Limits (%) must be a number from 1 to 100'],
		[{ rateLimitShare: 'half' }, 'Share of Rate Limits (%) must be a number from 1 to 100'],
	])('refuses %p', (override, message) => {
		expect(() => readCredentials({ ...good, ...override })).toThrow(message);
	});
});
