import { describe, expect, test } from '@jest/globals';

import { type Batch, BatchPlan, OutcomeBook } from '../../nodes/TencentChat/helpers/batchPlan';

/** A plan of one ID per item, from `[key, id]` pairs in item order; every call it makes, full ones first. */
function planOf(
	requests: Array<[string, string]>,
	batchSize = 100,
): { plan: BatchPlan; calls: Batch[] } {
	const plan = new BatchPlan(batchSize);
	const calls = requests.flatMap(([key, id], itemIndex) => plan.add(itemIndex, key, [id]));
	return { plan, calls: [...calls, ...plan.finish()] };
}

/** Every request as its item, key, ID and slot. */
const requestsOf = (plan: BatchPlan) =>
	Array.from({ length: plan.requests }, (_, request) => [
		plan.itemIndex(request),
		plan.key(request),
		plan.id(request),
		plan.slot(request),
	]);

describe('BatchPlan', () => {
	test('groups by key, a slot per distinct ID in order of first appearance', () => {
		const { calls } = planOf([
			['B', 'x'],
			['A', 'y'],
			['B', 'z'],
		]);
		expect(calls).toEqual([
			{ key: 'B', ids: ['x', 'z'], slots: [0, 2] },
			{ key: 'A', ids: ['y'], slots: [1] },
		]);
	});

	test('sends an ID asked for twice under one key once, and gives both requests one slot', () => {
		const plan = new BatchPlan(100);
		plan.add(0, 'A', ['x']);
		plan.add(1, 'A', ['x']);
		plan.add(1, 'B', ['x']);
		expect(plan.finish()).toEqual([
			{ key: 'A', ids: ['x'], slots: [0] },
			{ key: 'B', ids: ['x'], slots: [1] },
		]);
		expect(requestsOf(plan)).toEqual([
			[0, 'A', 'x', 0],
			[1, 'A', 'x', 0],
			[1, 'B', 'x', 1],
		]);
		expect([plan.requests, plan.slots]).toEqual([3, 2]);
	});

	test("keeps an item's repeated ID as two requests of one slot", () => {
		const plan = new BatchPlan(100);
		plan.add(0, 'A', ['x', 'y', 'x']);
		expect(plan.finish()).toEqual([{ key: 'A', ids: ['x', 'y'], slots: [0, 1] }]);
		expect(requestsOf(plan)).toEqual([
			[0, 'A', 'x', 0],
			[0, 'A', 'y', 1],
			[0, 'A', 'x', 0],
		]);
	});

	test('hands out a call as soon as it is full, and the last, part-full one when finished', () => {
		const plan = new BatchPlan(100);
		const handedOut: number[] = [];
		for (let item = 0; item < 250; item++) {
			for (const call of plan.add(item, 'A', [`u${item}`]))
				handedOut.push(item, call.ids.length, call.slots[0]);
		}
		expect(handedOut).toEqual([99, 100, 0, 199, 100, 100]);
		expect(plan.finish().map((call) => [call.ids.length, call.slots[0]])).toEqual([[50, 200]]);
		expect([plan.itemIndex(249), plan.id(249), plan.slot(249)]).toEqual([249, 'u249', 249]);
	});

	test('hands out nothing more when the last call of a key is full', () => {
		const plan = new BatchPlan(2);
		expect(plan.add(0, 'A', ['a', 'b', 'c', 'd'])).toEqual([
			{ key: 'A', ids: ['a', 'b'], slots: [0, 1] },
			{ key: 'A', ids: ['c', 'd'], slots: [2, 3] },
		]);
		expect(plan.finish()).toEqual([]);
	});

	test('gives every request the slot of its ID in its call', () => {
		const asked: Array<[string, string]> = [
			['A', 'a'],
			['B', 'b'],
			['A', 'c'],
			['B', 'b'],
			['A', 'd'],
		];
		const { plan, calls } = planOf(asked, 2);
		asked.forEach(([key, id], request) => {
			const call = plan.callOf(plan.slot(request));
			expect(calls).toContain(call);
			expect([call.key, call.ids[call.slots.indexOf(plan.slot(request))]]).toEqual([key, id]);
		});
	});

	test('keeps keys apart when items alternate between them', () => {
		const plan = new BatchPlan(100);
		for (let item = 0; item < 6; item++)
			plan.add(item, item % 2 === 0 ? 'even' : 'odd', [`u${item % 3}`]);
		expect(plan.finish()).toEqual([
			{ key: 'even', ids: ['u0', 'u2', 'u1'], slots: [0, 2, 4] },
			{ key: 'odd', ids: ['u1', 'u0', 'u2'], slots: [1, 3, 5] },
		]);
		expect(requestsOf(plan).map(([, key, id, slot]) => `${key}:${id}@${slot}`)).toEqual([
			'even:u0@0',
			'odd:u1@1',
			'even:u2@2',
			'odd:u0@3',
			'even:u1@4',
			'odd:u2@5',
		]);
	});

	test('a key that comes back after a long gap still fills its one call: the fewest calls, whatever the order', () => {
		const plan = new BatchPlan(10);
		plan.add(0, 'rare', ['a']);
		for (let item = 1; item <= 1_000; item++) plan.add(item, 'busy', [`b${item}`]);
		plan.add(1_001, 'rare', ['c']);
		const open = plan.finish();
		expect(open).toEqual([{ key: 'rare', ids: ['a', 'c'], slots: [0, 1_001] }]);
	});

	test('honours a smaller batch size', () => {
		const { calls } = planOf(
			Array.from({ length: 5 }, (_, i): [string, string] => ['A', `u${i}`]),
			2,
		);
		expect(calls.map((call) => call.ids)).toEqual([['u0', 'u1'], ['u2', 'u3'], ['u4']]);
	});

	test('makes no call for no requests', () => {
		const plan = new BatchPlan(100);
		expect([plan.finish(), plan.requests, plan.slots, plan.isFinished]).toEqual([[], 0, 0, true]);
	});

	test('takes no IDs once finished', () => {
		const { plan } = planOf([['A', 'a']]);
		expect(() => plan.add(1, 'A', ['b'])).toThrow('cannot grow');
		expect([plan.requests, plan.slot(0)]).toEqual([1, 0]);
	});

	test('a million keys of one ID each take a slot each, not a call of slots each', () => {
		const plan = new BatchPlan(500);
		for (let item = 0; item < 1_000_000; item++) plan.add(item, `message ${item}`, ['u']);
		const calls = plan.finish();
		const book = new OutcomeBook<string>();
		calls.forEach((call) => book.record(call, 0, 'sent'));
		expect([calls.length, plan.slots, book.size, book.get(999_999), plan.key(999_999)]).toEqual([
			1_000_000,
			1_000_000,
			1_000_000,
			'sent',
			'message 999999',
		]);
	});
});

describe('OutcomeBook', () => {
	test("records a call's outcomes in its slots and counts each slot once", () => {
		const book = new OutcomeBook<string>();
		const call = { key: 'A', ids: ['x', 'y'], slots: [3, 7] };
		book.record(call, 0, 'added');
		book.record(call, 1, 'alreadySubscribed');
		book.record(call, 0, 'added again');
		expect(book.size).toBe(2);
		expect([book.get(3), book.of(call, 0)]).toEqual(['added again', 'added again']);
		expect(book.get(7)).toBe('alreadySubscribed');
		expect(book.get(0)).toBeUndefined();
		expect(book.get(1000)).toBeUndefined();
	});
});

describe('BatchPlan refuses a batch size that would never end', () => {
	test.each([0, -1, Number.NaN, 1.5])('batch size %p', (size) => {
		expect(() => new BatchPlan(size)).toThrow(RangeError);
	});
});
