import { afterAll, expect } from '@jest/globals';
import { format } from 'node:util';

import { resetProcessState } from '../../nodes/TencentChat/client';
import { FakeTencentServer } from '../fake-tencent/FakeTencentServer';
import { capture, captured } from './capture';
import { TEST_SECRETS } from './fixtures';

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		capture(format(...args));
		original(...args);
	};
}
for (const stream of [process.stdout, process.stderr]) {
	const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
	stream.write = ((chunk: unknown, ...rest: unknown[]) => {
		capture(String(chunk));
		return original(chunk, ...rest);
	}) as typeof stream.write;
}

afterAll(() => {
	const text = captured.join('\n');
	for (const secret of TEST_SECRETS) expect(text.includes(secret)).toBe(false);
	for (const userSig of FakeTencentServer.userSigsSeen) expect(text.includes(userSig)).toBe(false);
	expect(text).not.toMatch(/usersig=(?!\*\*\*)/i);
});

// The pool's keep-alive connections and the limiters belong to the process: each test file starts
// afresh and leaves nothing open for Jest to wait on.
afterAll(async () => {
	await resetProcessState();
});
