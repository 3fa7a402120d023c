import { describe, expect, test } from '@jest/globals';

import {
	decideRetry,
	MAX_RETRY_AFTER_MS,
	type RetryPolicy,
} from '../../nodes/TencentChat/client/retryPolicy';
import { TencentChatError } from '../../nodes/TencentChat/client/TencentChatError';

const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000 };
const failure = (
	action: ConstructorParameters<typeof TencentChatError>[2]['action'],
	retryAfterMs?: number,
) => {
	const error = new TencentChatError('X', 'x', { action });
	error.retryAfterMs = retryAfterMs;
	return error;
};
const first = { attempt: 1, renewedUserSig: false };

describe('decideRetry', () => {
	test.each(['configuration', 'reject'] as const)('a %s failure fails at once', (action) => {
		expect(decideRetry(failure(action), first, policy)).toEqual({ kind: 'fail' });
	});

	test('a passing failure waits, doubling from the base with jitter in the upper half', () => {
		const waits = [1, 2, 3].map((attempt) =>
			decideRetry(failure('retry'), { attempt, renewedUserSig: false }, policy, () => 0),
		);
		expect(waits).toEqual([
			{ kind: 'wait', ms: 50 },
			{ kind: 'wait', ms: 100 },
			{ kind: 'wait', ms: 200 },
		]);
		expect(decideRetry(failure('retry'), first, policy, () => 0.999)).toEqual({
			kind: 'wait',
			ms: expect.closeTo(100, 0),
		});
	});

	test('the wait never exceeds the ceiling', () => {
		expect(
			decideRetry(
				failure('retry'),
				{ attempt: 3, renewedUserSig: false },
				{ ...policy, maxDelayMs: 150 },
				() => 1,
			),
		).toEqual({
			kind: 'wait',
			ms: 150,
		});
	});

	test('stops after the configured retries', () => {
		expect(decideRetry(failure('retry'), { attempt: 4, renewedUserSig: false }, policy)).toEqual({
			kind: 'fail',
		});
		expect(decideRetry(failure('retry'), first, { ...policy, maxRetries: 0 })).toEqual({
			kind: 'fail',
		});
	});

	test('an expired UserSig is renewed once, then fails', () => {
		expect(decideRetry(failure('renewUserSig'), first, policy)).toEqual({ kind: 'renewUserSig' });
		expect(
			decideRetry(failure('renewUserSig'), { attempt: 2, renewedUserSig: true }, policy),
		).toEqual({ kind: 'fail' });
	});

	test("a server's Retry-After is honoured when longer than the backoff", () => {
		expect(decideRetry(failure('slowDown', 5_000), first, policy, () => 0)).toEqual({
			kind: 'wait',
			ms: 5_000,
		});
		expect(decideRetry(failure('slowDown', 10), first, policy, () => 0)).toEqual({
			kind: 'wait',
			ms: 50,
		});
	});

	test('a Retry-After beyond a minute fails at once rather than holding the execution', () => {
		expect(decideRetry(failure('slowDown', MAX_RETRY_AFTER_MS + 1), first, policy)).toEqual({
			kind: 'fail',
		});
	});
});
