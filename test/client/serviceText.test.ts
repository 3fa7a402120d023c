import { describe, expect, test } from '@jest/globals';

import { processState } from '../../nodes/TencentChat/client/processState';
import {
	MAX_SERVICE_TEXT,
	previewBody,
	redact,
	serviceText,
} from '../../nodes/TencentChat/client/serviceText';

describe('service text passed on', () => {
	test('hides every UserSig a quoted URL carries, whatever the case', () => {
		const quoted = 'GET /v4/x?sdkappid=1&UserSig=eJwtjc1Og0AU*bb&random=5 and usersig=abc';
		expect(redact(quoted)).toBe('GET /v4/x?sdkappid=1&UserSig=***&random=5 and usersig=***');
	});

	test('is bounded, and cut after redaction so that no part of a signature survives', () => {
		const text = `${'x'.repeat(MAX_SERVICE_TEXT - 10)} usersig=${'s'.repeat(5_000)}`;
		const shown = serviceText(text);
		expect(shown).not.toMatch(/s{10}/);
		expect(shown.length).toBeLessThan(MAX_SERVICE_TEXT + 40);
	});

	test('a 1 MB ErrorInfo becomes a few hundred characters', () => {
		const shown = serviceText('e'.repeat(1_000_000));
		expect(shown.length).toBeLessThan(MAX_SERVICE_TEXT + 40);
		expect(shown).toMatch(/more characters\)$/);
	});

	test('control characters and line breaks become spaces', () => {
		expect(serviceText('a\u0000b\r\nc\u001bd')).toBe('a b c d');
	});

	test('binary data is described, not shown', () => {
		expect(
			previewBody(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0xfd, 0x80, 0x81, 0x82])),
		).toBe('(10 bytes of binary data)');
		expect(previewBody(Buffer.alloc(0))).toBe('(empty body)');
		expect(previewBody(Buffer.from('<html>Login</html>'))).toBe('<html>Login</html>');
	});
});

describe('the UserSig this process signed is hidden in any form a server quotes it', () => {
	const userSig = processState.userSigs.get({
		sdkAppId: 1400000001,
		identifier: 'administrator',
		secretKey: 'a-key-for-the-mask-test',
	});
	const url = `http://127.0.0.1:1/v4/openim/sendmsg?sdkappid=1400000001&identifier=administrator&usersig=${userSig}&random=5&contenttype=json`;
	const pieceOf = (text: string) =>
		new RegExp(userSig.slice(20, 36).replace(/[*]/g, '\\*')).test(text);

	test.each([
		['the URL', url],
		['the URL percent-encoded (usersig%3D…)', encodeURIComponent(url)],
		['the URL encoded twice', encodeURIComponent(encodeURIComponent(url))],
		['JSON ("usersig":"…")', JSON.stringify({ usersig: userSig })],
		['JSON inside JSON', JSON.stringify(JSON.stringify({ usersig: userSig }))],
		['the bare value', `signature ${userSig} refused`],
		['the value with * percent-encoded', `sig=${userSig.replace(/\*/g, '%2A')}`],
		[
			'a part of it (a Location cut short)',
			`https://elsewhere.example.com/${userSig.slice(10, 90)}`,
		],
		['base64 of the URL', Buffer.from(`{"request":"${url}"}`).toString('base64')],
		['base64 of the URL at another offset', Buffer.from(`{"r":"${url}"}`).toString('base64url')],
	])('%s', (_label, text) => {
		const shown = serviceText(text, 5_000);
		expect(shown).toContain('***');
		expect(shown.includes(userSig)).toBe(false);
		expect(pieceOf(shown)).toBe(false);
		const decoded = [
			decodeURIComponent(decodeURIComponent(shown)),
			Buffer.from(shown, 'base64').toString('latin1'),
		];
		for (const form of decoded) expect(form.includes(userSig.slice(8, 40))).toBe(false);
	});

	test('the newest of many signatures is hidden too, after older ones are forgotten', () => {
		const sign = (n: number) =>
			processState.userSigs.get({
				sdkAppId: 1400000001,
				identifier: `admin${n}`,
				secretKey: 'a-key-for-the-mask-test',
			});
		for (let n = 0; n < 70; n++)
			expect(serviceText(`signature ${sign(n)} refused`, 5_000)).toBe('signature *** refused');
	});

	test('text without a signature passes unchanged', () => {
		expect(serviceText('official account does not exist: @TOA#_news (code 130004)')).toBe(
			'official account does not exist: @TOA#_news (code 130004)',
		);
	});
});
