// First: the console is watched before any module (n8n's logger among them) takes a copy of its methods.
import './consoleWatch';

import { afterAll, expect } from '@jest/globals';
import { resetProcessState } from '../../nodes/TencentChat/client';
import { FakeTencentServer } from '../fake-tencent/FakeTencentServer';
import { captured } from './capture';
import { TEST_SECRETS } from './fixtures';

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
