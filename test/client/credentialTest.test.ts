import { describe, expect, test } from '@jest/globals';

import { FakeTencentServer } from '../fake-tencent/FakeTencentServer';
import { runCredentialTest } from '../helpers/credentialTest';
import { credentialsFor, fakeApp } from '../helpers/fixtures';
import { useFakeServer } from '../helpers/useFakeServer';

// The credential's Test, run as n8n runs it, against the fake server: what it says, and that no
// UserSig reaches what it says, whatever the server answers.

const server = useFakeServer(() => fakeApp({}));

describe("the credential's Test", () => {
	test('succeeds with the right key', async () => {
		expect(await runCredentialTest(credentialsFor(server))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	test('names the Secret Key when the key is wrong', async () => {
		const result = await runCredentialTest(credentialsFor(server, { secretKey: 'another-key' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Secret Key');
	});

	test.each([
		['a FAIL quoting the URL', { kind: 'echoUrl' as const, errorCode: 130004 }],
		[
			'a FAIL quoting it percent-encoded',
			{ kind: 'echoUrl' as const, errorCode: 130004, form: 'percentEncoded' as const },
		],
		[
			'a FAIL quoting it as JSON',
			{ kind: 'echoUrl' as const, errorCode: 130004, form: 'json' as const },
		],
		[
			'a redirect carrying it in its Location',
			{ kind: 'echoRedirect' as const, form: 'url' as const },
		],
		['a redirect carrying it bare', { kind: 'echoRedirect' as const, form: 'bare' as const }],
		['a 502 whose status text quotes it', { kind: 'echoStatusText' as const, status: 502 }],
		['an HTML page', { kind: 'raw' as const, status: 200, body: '<html>Sign in</html>' }],
	])('fails on %s, saying so, and shows no UserSig', async (_label, scripted) => {
		server.script(scripted);
		const result = await runCredentialTest(credentialsFor(server));
		expect(result.status).toBe('Error');
		for (const userSig of FakeTencentServer.userSigsSeen)
			expect(result.message.includes(userSig.slice(10, 40))).toBe(false);
		expect(result.message).not.toMatch(/usersig/i);
	});
});
