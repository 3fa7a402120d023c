import { describe, expect, test } from '@jest/globals';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { decodeUserSig } from '../fake-tencent/userSigCheck';

const credential = new TencentChatApi();
const data = {
	sdkAppId: 1400000001,
	identifier: 'administrator',
	secretKey: 'k',
	region: 'singapore',
	useBackupDomain: false,
};

describe('TencentChatApi.authenticate', () => {
	test('adds the signed query Tencent expects, keeping the query already there', async () => {
		const options = await credential.authenticate(data, {
			url: '/v4/x/y',
			method: 'POST',
			qs: { keep: 1 },
		});
		expect(options.qs).toMatchObject({
			keep: 1,
			sdkappid: 1400000001,
			identifier: 'administrator',
			contenttype: 'json',
		});
		const { random, usersig } = options.qs as { random: number; usersig: string };
		expect(Number.isInteger(random) && random >= 0 && random <= 4294967295).toBe(true);
		expect(decodeUserSig(usersig)).toMatchObject({
			'TLS.identifier': 'administrator',
			'TLS.sdkappid': 1400000001,
		});
	});

	test("sends a relative URL to the region's domain, or its backup domain", async () => {
		expect((await credential.authenticate(data, { url: '/v4/x/y' })).baseURL).toBe(
			'https://adminapisgp.im.qcloud.com',
		);
		const backup = await credential.authenticate(
			{ ...data, useBackupDomain: true },
			{ url: '/v4/x/y' },
		);
		expect(backup.baseURL).toBe('https://adminapisgp.my-imcloud.com');
	});

	test('leaves a full URL, as the HTTP Request node gives it, where it points', async () => {
		const options = await credential.authenticate(data, {
			url: 'https://console.tim.qq.com/v4/x/y',
		});
		expect(options.baseURL).toBeUndefined();
		expect(options.url).toBe('https://console.tim.qq.com/v4/x/y');
	});

	test('refuses a custom base URL over plain http to another machine', async () => {
		await expect(
			credential.authenticate(
				{ ...data, region: 'custom', baseUrl: 'http://10.0.0.5:8080' },
				{ url: '/v4/x/y' },
			),
		).rejects.toThrow('Base URL must start with https://');
	});

	test('the Test request checks the admin account', () => {
		expect(credential.test.request).toMatchObject({
			method: 'POST',
			url: '/v4/im_open_login_svc/account_check',
		});
		expect(credential.test.rules?.length).toBeGreaterThan(10);
	});
});
