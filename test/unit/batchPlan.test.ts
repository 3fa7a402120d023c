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
		const batches = planBatches([request(0, 'B', 'x'), request(1, 'A', 'y'), request(2, 'B', 'z')], 100);
		expect(batches).toEqual([
			{ officialAccount: 'B', subscriberIds: ['x', 'z'] },
			{ officialAccount: 'A', subscriberIds: ['y'] },
		]);
	});

	test('sends a subscriber asked for twice for one account once', () => {
		const batches = planBatches([request(0, 'A', 'x'), request(1, 'A', 'x'), request(1, 'B', 'x')], 100);
		expect(batches).toEqual([
			{ officialAccount: 'A', subscriberIds: ['x'] },
			{ officialAccount: 'B', subscriberIds: ['x'] },
		]);
	});

	test('cuts 250 subscribers into calls of 100, 100 and 50', () => {
		const requests = Array.from({ length: 250 }, (_, i) => request(i, 'A', `u${i}`));
		expect(planBatches(requests, 100).map((batch) => batch.subscriberIds.length)).toEqual([100, 100, 50]);
	});

	test('honours a smaller batch size', () => {
		const requests = Array.from({ length: 5 }, (_, i) => request(i, 'A', `u${i}`));
		expect(planBatches(requests, 2).map((batch) => batch.subscriberIds)).toEqual([['u0', 'u1'], ['u2', 'u3'], ['u4']]);
	});

	test('makes no call for no requests', () => {
		expect(planBatches([], 100)).toEqual([]);
	});
});

describe('outcomesFromAnswer', () => {
	const batch = { officialAccount: 'A', subscriberIds: ['a', 'b', 'c', 'd'] };
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
	test('counts distinct subscribers per account', () => {
		const book = new OutcomeBook();
		book.record('A', 'x', { result: 1, status: 'added' });
		book.record('A', 'x', { result: 1, status: 'added' });
		book.record('B', 'x', { result: 2, status: 'alreadySubscribed' });
		expect(book.size).toBe(2);
		expect(book.get('B', 'x')?.status).toBe('alreadySubscribed');
		expect(book.get('C', 'x')).toBeUndefined();
	});
});
