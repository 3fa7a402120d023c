import { describe, expect, test } from '@jest/globals';

import { type BulkRequest, OutcomeBook, planBatches } from '../../nodes/TencentChat/helpers/batchPlan';

const request = (itemIndex: number, key: string, id: string): BulkRequest => ({ itemIndex, key, id });

describe('planBatches', () => {
	test('groups by key in order of first appearance', () => {
		const { batches } = planBatches([request(0, 'B', 'x'), request(1, 'A', 'y'), request(2, 'B', 'z')], 100);
		expect(batches).toEqual([
			{ key: 'B', ids: ['x', 'z'], firstSlot: 0 },
			{ key: 'A', ids: ['y'], firstSlot: 2 },
		]);
	});

	test('sends an ID asked for twice under one key once, and gives both requests one slot', () => {
		const plan = planBatches([request(0, 'A', 'x'), request(1, 'A', 'x'), request(1, 'B', 'x')], 100);
		expect(plan.batches).toEqual([
			{ key: 'A', ids: ['x'], firstSlot: 0 },
			{ key: 'B', ids: ['x'], firstSlot: 1 },
		]);
		expect([...plan.slotOfRequest]).toEqual([0, 0, 1]);
		expect(plan.slots).toBe(2);
	});

	test('cuts 250 IDs into calls of 100, 100 and 50 with consecutive slots', () => {
		const requests = Array.from({ length: 250 }, (_, i) => request(i, 'A', `u${i}`));
		const { batches, slotOfRequest } = planBatches(requests, 100);
		expect(batches.map((batch) => [batch.ids.length, batch.firstSlot])).toEqual([
			[100, 0],
			[100, 100],
			[50, 200],
		]);
		expect(slotOfRequest[249]).toBe(249);
	});

	test('gives every request the slot of its ID in its call', () => {
		const requests = [request(0, 'A', 'a'), request(1, 'B', 'b'), request(2, 'A', 'c'), request(3, 'B', 'b'), request(4, 'A', 'd')];
		const { batches, slotOfRequest } = planBatches(requests, 2);
		requests.forEach((asked, index) => {
			const slot = slotOfRequest[index];
			const batch = batches.find((candidate) => slot >= candidate.firstSlot && slot < candidate.firstSlot + candidate.ids.length);
			expect([batch?.key, batch?.ids[slot - (batch?.firstSlot ?? 0)]]).toEqual([
				asked.key,
				asked.id,
			]);
		});
	});

	test('honours a smaller batch size', () => {
		const requests = Array.from({ length: 5 }, (_, i) => request(i, 'A', `u${i}`));
		expect(planBatches(requests, 2).batches.map((batch) => batch.ids)).toEqual([['u0', 'u1'], ['u2', 'u3'], ['u4']]);
	});

	test('makes no call for no requests', () => {
		expect(planBatches([], 100)).toEqual({ batches: [], slotOfRequest: new Int32Array(0), slots: 0 });
	});
});

describe('OutcomeBook', () => {
	test("records a call's outcomes in its slots and counts each slot once", () => {
		const book = new OutcomeBook<string>(5);
		const batch = { key: 'A', ids: ['x', 'y'], firstSlot: 3 };
		book.record(batch, 0, 'added');
		book.record(batch, 1, 'alreadySubscribed');
		book.record(batch, 0, 'added again');
		expect(book.size).toBe(2);
		expect(book.get(3)).toBe('added again');
		expect(book.get(4)).toBe('alreadySubscribed');
		expect(book.get(0)).toBeUndefined();
	});
});

describe('planBatches refuses a batch size that would never end', () => {
	test.each([0, -1, Number.NaN, 1.5])('batch size %p', (size) => {
		expect(() => planBatches([request(0, 'A', 'a')], size)).toThrow(RangeError);
	});
});
