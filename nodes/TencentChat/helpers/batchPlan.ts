import type { AddResult, AddSubscribersAnswer, TencentChatError } from '../client';
import { ADD_RESULT } from '../client';

/** One subscriber asked for by one input item. */
export interface SubscriptionRequest {
	itemIndex: number;
	officialAccount: string;
	subscriberId: string;
}

/** One add_subscriber call. Its subscribers own the outcome slots from `firstSlot` on. */
export interface Batch {
	officialAccount: string;
	subscriberIds: string[];
	firstSlot: number;
}

/**
 * The calls to make, and for each request the slot that will hold its outcome: one slot per
 * distinct (official account, subscriber), so that a subscriber asked for twice shares one.
 */
export interface Plan {
	batches: Batch[];
	slotOfRequest: Int32Array;
	slots: number;
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
 * Slots run account by account in the same order, so a call's subscribers have consecutive slots.
 */
export function planBatches(requests: SubscriptionRequest[], batchSize: number): Plan {
	const positionsByAccount = new Map<string, Map<string, number>>();
	const positionOfRequest = new Int32Array(requests.length);
	requests.forEach(({ officialAccount, subscriberId }, index) => {
		let positions = positionsByAccount.get(officialAccount);
		if (positions === undefined) {
			positions = new Map();
			positionsByAccount.set(officialAccount, positions);
		}
		let position = positions.get(subscriberId);
		if (position === undefined) {
			position = positions.size;
			positions.set(subscriberId, position);
		}
		positionOfRequest[index] = position;
	});

	const batches: Batch[] = [];
	const firstSlotOfAccount = new Map<string, number>();
	let slots = 0;
	for (const [officialAccount, positions] of positionsByAccount) {
		firstSlotOfAccount.set(officialAccount, slots);
		const ids = [...positions.keys()];
		for (let start = 0; start < ids.length; start += batchSize) {
			batches.push({ officialAccount, subscriberIds: ids.slice(start, start + batchSize), firstSlot: slots + start });
		}
		slots += ids.length;
	}

	const slotOfRequest = positionOfRequest;
	requests.forEach(({ officialAccount }, index) => {
		slotOfRequest[index] += firstSlotOfAccount.get(officialAccount) as number;
	});
	return { batches, slotOfRequest, slots };
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

/** The outcome of each slot of a plan; empty until its call has come back. */
export class OutcomeBook {
	private readonly outcomes: Array<SubscriptionOutcome | undefined>;
	private count = 0;

	constructor(slots: number) {
		this.outcomes = new Array<SubscriptionOutcome | undefined>(slots).fill(undefined);
	}

	/** Every subscriber of `batch`, in its order, gets its outcome. */
	recordBatch(batch: Batch, outcomes: SubscriptionOutcome[] | SubscriptionOutcome): void {
		batch.subscriberIds.forEach((_, index) => {
			const slot = batch.firstSlot + index;
			if (this.outcomes[slot] === undefined) this.count++;
			this.outcomes[slot] = Array.isArray(outcomes) ? outcomes[index] : outcomes;
		});
	}

	get(slot: number): SubscriptionOutcome | undefined {
		return this.outcomes[slot];
	}

	/** Distinct subscribers with an outcome. */
	get size(): number {
		return this.count;
	}
}
