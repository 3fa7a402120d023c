import type { TencentChatError } from './TencentChatError';

// Whether and when to try a failed call again: a pure function of the failure and the attempt,
// tested without a network. The client's call loop only carries the decision out.

export type RetryDecision =
	| { kind: 'fail' }
	/** Sign a new UserSig and try again at once. */
	| { kind: 'renewUserSig' }
	/** Try again after `ms`. */
	| { kind: 'wait'; ms: number };

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** The pause before the first retry; it doubles each time, with jitter. */
	baseDelayMs: number;
	maxDelayMs: number;
}

export interface RetryState {
	/** The attempt that just failed, counted from 1. */
	attempt: number;
	/** A UserSig was renewed already during this call: a second expiry is not a passing fault. */
	renewedUserSig: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	baseDelayMs: 250,
	maxDelayMs: 8_000,
};

/** The longest a Retry-After is waited for; a server asking for more is failed at once. */
export const MAX_RETRY_AFTER_MS = 60_000;

export function decideRetry(
	failure: TencentChatError,
	{ attempt, renewedUserSig }: RetryState,
	policy: RetryPolicy,
	random: () => number = Math.random,
): RetryDecision {
	if (!failure.retryable || attempt > policy.maxRetries) return { kind: 'fail' };
	if (failure.action === 'renewUserSig')
		return renewedUserSig ? { kind: 'fail' } : { kind: 'renewUserSig' };

	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	const backoff = ceiling / 2 + random() * (ceiling / 2);
	const retryAfterMs = failure.retryAfterMs ?? 0;
	if (retryAfterMs > MAX_RETRY_AFTER_MS) return { kind: 'fail' };
	return { kind: 'wait', ms: Math.max(backoff, retryAfterMs) };
}
