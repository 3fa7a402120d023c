import type { AddResult, AddSubscribersAnswer, TencentChatError } from '../client';
import { ADD_RESULT } from '../client';

/** One subscriber asked for by one input item. */
export interface SubscriptionRequest {
	itemIndex: number;
	officialAccount: string;
	subscriberId: string;
}

/** One add_subscriber call. */
export interface Batch {
	officialAccount: string;
	subscriberIds: string[];
}

export type SubscriptionStatus = 'added' | 'alreadySubscribed' | 'addedOrAlreadySubscribed' | 'failed';

export interface SubscriptionOutcome {
	result: AddResult;
	status: SubscriptionStatus;
	errorCode?: number | string;
	errorInfo?: string;
	/** The answer cannot tell whether this run added the subscriber or it was there before. */
	ambiguous?: true;
}

/**
 * Groups the requests by official account (in order of first appearance), sends each
 * subscriber of an account once, and cuts each account's subscribers into calls of `batchSize`.
 */
export function planBatches(requests: Iterable<SubscriptionRequest>, batchSize: number): Batch[] {
	const subscribersByAccount = new Map<string, Set<string>>();
	for (const { officialAccount, subscriberId } of requests) {
		let subscribers = subscribersByAccount.get(officialAccount);
		if (subscribers === undefined) {
			subscribers = new Set();
			subscribersByAccount.set(officialAccount, subscribers);
		}
		subscribers.add(subscriberId);
	}

	const batches: Batch[] = [];
	for (const [officialAccount, subscribers] of subscribersByAccount) {
		const ids = [...subscribers];
		for (let start = 0; start < ids.length; start += batchSize) {
			batches.push({ officialAccount, subscriberIds: ids.slice(start, start + batchSize) });
		}
	}
	return batches;
}

/** Outcomes without details are shared: a run of 100,000 subscribers makes no 100,000 copies. */
const ADDED: SubscriptionOutcome = Object.freeze({ result: ADD_RESULT.added, status: 'added' });
const ALREADY_SUBSCRIBED: SubscriptionOutcome = Object.freeze({
	result: ADD_RESULT.alreadySubscribed,
	status: 'alreadySubscribed',
});
const ADDED_OR_ALREADY_SUBSCRIBED: SubscriptionOutcome = Object.freeze({
	result: ADD_RESULT.alreadySubscribed,
	status: 'addedOrAlreadySubscribed',
	ambiguous: true,
});
const MISSING_RESULT = failed('MISSING_RESULT', 'The answer gave no result for this subscriber; it may or may not have been added');
const NOT_ADDED = failed(
	'NOT_ADDED',
	'Tencent answered Result 0 (failed) for this subscriber without a reason; check that the UserID exists',
);

/** What each subscriber of `batch` came to, from the service's answer. */
export function outcomesFromAnswer(batch: Batch, answer: AddSubscribersAnswer): SubscriptionOutcome[] {
	return batch.subscriberIds.map((id): SubscriptionOutcome => {
		switch (answer.results.get(id)) {
			case ADD_RESULT.added:
				return ADDED;
			case ADD_RESULT.alreadySubscribed:
				return answer.mayHaveBeenAppliedBefore ? ADDED_OR_ALREADY_SUBSCRIBED : ALREADY_SUBSCRIBED;
			case ADD_RESULT.failed:
				return NOT_ADDED;
			default:
				return MISSING_RESULT;
		}
	});
}

/** Every subscriber of a call that failed as a whole shares its error. */
export function outcomeFromError(error: TencentChatError): SubscriptionOutcome {
	const info = error.hint ? `${error.info}. ${error.hint}` : error.info;
	return failed(error.code, info);
}

function failed(errorCode: number | string, errorInfo: string): SubscriptionOutcome {
	return Object.freeze({ result: ADD_RESULT.failed, status: 'failed', errorCode, errorInfo });
}

/** Outcomes by official account and subscriber, so that a subscriber asked for twice shares one. */
export class OutcomeBook {
	private readonly byAccount = new Map<string, Map<string, SubscriptionOutcome>>();
	private count = 0;

	record(officialAccount: string, subscriberId: string, outcome: SubscriptionOutcome): void {
		let outcomes = this.byAccount.get(officialAccount);
		if (outcomes === undefined) {
			outcomes = new Map();
			this.byAccount.set(officialAccount, outcomes);
		}
		if (!outcomes.has(subscriberId)) this.count++;
		outcomes.set(subscriberId, outcome);
	}

	get(officialAccount: string, subscriberId: string): SubscriptionOutcome | undefined {
		return this.byAccount.get(officialAccount)?.get(subscriberId);
	}

	/** Distinct subscribers with an outcome. */
	get size(): number {
		return this.count;
	}
}
