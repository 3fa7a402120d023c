import { describe, expect, test } from '@jest/globals';

import { MAX_SERVICE_TEXT, previewBody, redact, serviceText } from '../../nodes/TencentChat/client/serviceText';

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
		expect(previewBody(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0xfd, 0x80, 0x81, 0x82]))).toBe('(10 bytes of binary data)');
		expect(previewBody(Buffer.alloc(0))).toBe('(empty body)');
		expect(previewBody(Buffer.from('<html>Login</html>'))).toBe('<html>Login</html>');
	});
});
