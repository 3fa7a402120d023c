import { LIMITS } from './limits';
import type { CallSignals, TencentChatAnswer, TencentChatClient } from './TencentChatClient';
import { TencentChatError } from './TencentChatError';

export const OFFICIAL_ACCOUNT_SERVICE = 'official_account_open_http_svc';

/** Tencent's per-subscriber Result of add_subscriber. */
export const ADD_RESULT = { failed: 0, added: 1, alreadySubscribed: 2 } as const;
export type AddResult = (typeof ADD_RESULT)[keyof typeof ADD_RESULT];

export interface AddSubscribersAnswer {
	/** Result per subscriber that the answer named; a subscriber the answer left out is absent. */
	results: Map<string, AddResult>;
	mayHaveBeenAppliedBefore: boolean;
	attempts: number;
}

interface RawAnswer extends TencentChatAnswer {
	SubscriberList?: unknown;
}

/** `add_subscriber` for up to 100 subscribers of one official account. */
export async function addSubscribers(
	client: TencentChatClient,
	officialAccount: string,
	subscriberIds: string[],
	signals: CallSignals = {},
): Promise<AddSubscribersAnswer> {
	if (subscriberIds.length < 1 || subscriberIds.length > LIMITS.addSubscriberMaxPerCall) {
		throw new RangeError(`add_subscriber takes 1 to ${LIMITS.addSubscriberMaxPerCall} subscribers, got ${subscriberIds.length}`);
	}
	const { body, attempts, mayHaveBeenAppliedBefore } = await client.call<RawAnswer>(
		OFFICIAL_ACCOUNT_SERVICE,
		'add_subscriber',
		() => ({
			Official_Account: officialAccount,
			SubscriberList: subscriberIds.map((id) => ({ Subscriber_Account: id })),
		}),
		signals,
	);
	return { results: readResults(body, new Set(subscriberIds), attempts), mayHaveBeenAppliedBefore, attempts };
}

/**
 * Results keyed by subscriber. Entries for subscribers that were not asked about, or whose Result
 * is not one Tencent documents, or that the answer names twice with different Results, are left
 * out: a result is only ever attributed to the subscriber the answer names.
 */
function readResults(body: RawAnswer, asked: Set<string>, attempts: number): Map<string, AddResult> {
	if (!Array.isArray(body.SubscriberList)) {
		const error = new TencentChatError('INVALID_RESPONSE', 'the answer is OK but has no SubscriberList', {
			action: 'reject',
		});
		error.attempts = attempts;
		throw error;
	}
	const results = new Map<string, AddResult>();
	const conflicting = new Set<string>();
	for (const entry of body.SubscriberList as unknown[]) {
		const { Subscriber_Account: account, Result: result } = (entry ?? {}) as Record<string, unknown>;
		if (typeof account !== 'string' || !asked.has(account) || !isAddResult(result)) continue;
		const earlier = results.get(account);
		if (earlier !== undefined && earlier !== result) conflicting.add(account);
		results.set(account, result);
	}
	for (const account of conflicting) results.delete(account);
	return results;
}

function isAddResult(value: unknown): value is AddResult {
	return value === 0 || value === 1 || value === 2;
}
