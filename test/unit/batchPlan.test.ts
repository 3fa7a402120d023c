import { describe, expect, test } from '@jest/globals';

import { TencentChatError } from '../../nodes/TencentChat/client';
import {
	OutcomeBook,
	outcomeFromError,
	outcomesFromAnswer,
	planBatches,
	type SubscriptionRequest,
} from '../../nodes/TencentChat/helpers/batchPlan';

const request = (itemIndex: number, officialAccount: string, subscriberId: string): SubscriptionRequest => ({
	itemIndex,
	officialAccount,
	subscriberId,
});

describe('planBatches', () => {
	test('groups by official account in order of first appearance', () => {
		const { batches } = planBatches([request(0, 'B', 'x'), request(1, 'A', 'y'), request(2, 'B', 'z')], 100);
		expect(batches).toEqual([
			{ officialAccount: 'B', subscriberIds: ['x', 'z'], firstSlot: 0 },
			{ officialAccount: 'A', subscriberIds: ['y'], firstSlot: 2 },
		]);
	});

	test('sends a subscriber asked for twice for one account once, and gives both requests one slot', () => {
		const plan = planBatches([request(0, 'A', 'x'), request(1, 'A', 'x'), request(1, 'B', 'x')], 100);
		expect(plan.batches).toEqual([
			{ officialAccount: 'A', subscriberIds: ['x'], firstSlot: 0 },
			{ officialAccount: 'B', subscriberIds: ['x'], firstSlot: 1 },
		]);
		expect([...plan.slotOfRequest]).toEqual([0, 0, 1]);
		expect(plan.slots).toBe(2);
	});

	test('cuts 250 subscribers into calls of 100, 100 and 50 with consecutive slots', () => {
		const requests = Array.from({ length: 250 }, (_, i) => request(i, 'A', `u${i}`));
		const { batches, slotOfRequest } = planBatches(requests, 100);
		expect(batches.map((batch) => [batch.subscriberIds.length, batch.firstSlot])).toEqual([
			[100, 0],
			[100, 100],
			[50, 200],
		]);
		expect(slotOfRequest[249]).toBe(249);
	});

	test('gives every request the slot of its subscriber in its call', () => {
		const requests = [request(0, 'A', 'a'), request(1, 'B', 'b'), request(2, 'A', 'c'), request(3, 'B', 'b'), request(4, 'A', 'd')];
		const { batches, slotOfRequest } = planBatches(requests, 2);
		requests.forEach((asked, index) => {
			const slot = slotOfRequest[index];
			const batch = batches.find((candidate) => slot >= candidate.firstSlot && slot < candidate.firstSlot + candidate.subscriberIds.length);
			expect([batch?.officialAccount, batch?.subscriberIds[slot - (batch?.firstSlot ?? 0)]]).toEqual([
				asked.officialAccount,
				asked.subscriberId,
			]);
		});
	});

	test('honours a smaller batch size', () => {
		const requests = Array.from({ length: 5 }, (_, i) => request(i, 'A', `u${i}`));
		expect(planBatches(requests, 2).batches.map((batch) => batch.subscriberIds)).toEqual([['u0', 'u1'], ['u2', 'u3'], ['u4']]);
	});

	test('makes no call for no requests', () => {
		expect(planBatches([], 100)).toEqual({ batches: [], slotOfRequest: new Int32Array(0), slots: 0 });
	});
});

describe('outcomesFromAnswer', () => {
	const batch = { officialAccount: 'A', subscriberIds: ['a', 'b', 'c', 'd'], firstSlot: 0 };
	const results = new Map([
		['a', 1],
		['b', 2],
		['c', 0],
	] as const);

	test('maps Tencent Result 1, 2 and 0 to added, alreadySubscribed and failed, and a missing one to failed', () => {
		const outcomes = outcomesFromAnswer(batch, { results: new Map(results), mayHaveBeenAppliedBefore: false, attempts: 1 });
		expect(outcomes.map((outcome) => [outcome.result, outcome.status, outcome.errorCode])).toEqual([
			[1, 'added', undefined],
			[2, 'alreadySubscribed', undefined],
			[0, 'failed', 'NOT_ADDED'],
			[0, 'failed', 'MISSING_RESULT'],
		]);
	});

	test('marks Result 2 as ambiguous when an earlier attempt may have added the subscriber', () => {
		const [, second] = outcomesFromAnswer(batch, { results: new Map(results), mayHaveBeenAppliedBefore: true, attempts: 2 });
		expect(second).toEqual({ result: 2, status: 'addedOrAlreadySubscribed', ambiguous: true });
	});

	test('still reports Result 1 as added after an ambiguous retry: this attempt added it', () => {
		const [first] = outcomesFromAnswer(batch, { results: new Map(results), mayHaveBeenAppliedBefore: true, attempts: 2 });
		expect(first).toEqual({ result: 1, status: 'added' });
	});
});

describe('outcomeFromError', () => {
	test("carries Tencent's code, ErrorInfo and the hint", () => {
		const error = new TencentChatError(130004, 'official account does not exist', {
			action: 'reject',
			hint: 'Check the Official Account ID.',
		});
		expect(outcomeFromError(error)).toEqual({
			result: 0,
			status: 'failed',
			errorCode: 130004,
			errorInfo: 'official account does not exist. Check the Official Account ID.',
		});
	});
});

describe('OutcomeBook', () => {
	test("records a call's outcomes in its slots and counts each slot once", () => {
		const book = new OutcomeBook(5);
		const batch = { officialAccount: 'A', subscriberIds: ['x', 'y'], firstSlot: 3 };
		book.recordBatch(batch, [
			{ result: 1, status: 'added' },
			{ result: 2, status: 'alreadySubscribed' },
		]);
		book.recordBatch(batch, { result: 1, status: 'added' });
		expect(book.size).toBe(2);
		expect(book.get(4)?.status).toBe('added');
		expect(book.get(0)).toBeUndefined();
	});
});
