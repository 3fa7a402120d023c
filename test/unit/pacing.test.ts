import { describe, expect, test } from '@jest/globals';

import { ConcurrencyGate, RequestPacer } from '../../nodes/TencentChat/client/pacing';

/** The most calls in any window of `windowMs` among these send times. */
function peakInWindow(times: number[], windowMs: number): number {
	let peak = 0;
	let start = 0;
	for (let end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		peak = Math.max(peak, end - start + 1);
	}
	return peak;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls through `pacer` to a simulated service: each call reaches the service (and is counted)
 * `delayOf(i)` ms after the pacer let it go, and its answer comes back `answerMs` later.
 */
async function callService(
	pacer: RequestPacer,
	calls: number,
	{ delayOf, answerMs }: { delayOf: (call: number) => number; answerMs: number },
): Promise<number[]> {
	const countedAt: number[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: calls }, async () => {
			const paced = await pacer.acquire();
			await sleep(delayOf(next++));
			countedAt.push(performance.now());
			await sleep(answerMs);
			pacer.answered(paced, { roundTrip: true });
		}),
	);
	return countedAt.sort((a, b) => a - b);
}

describe('RequestPacer', () => {
	// Timers and the event loop add a few ms of lag that these tests cannot control; the margin
	// absorbs it, as it absorbs the error of the fastest round trip in production.
	test('never lets the service count more than the limit in any sliding window', async () => {
		const pacer = new RequestPacer(20, { windowMs: 200, marginMs: 30 });
		const countedAt = await callService(pacer, 70, { delayOf: () => Math.random() * 30, answerMs: 20 });
		expect(peakInWindow(countedAt, 200)).toBeLessThanOrEqual(20);
		// 70 calls at 20 per window cannot be counted in fewer than three full windows.
		expect(countedAt[69] - countedAt[0]).toBeGreaterThanOrEqual(3 * 200);
	});

	test('a burst that queued on its way spreads the next window by as much, from the answers', async () => {
		// The first window's calls reach the service ever later (a burst queueing), the later
		// ones at once: a pacer that held calls to when they left here would let the second
		// window's calls through too early.
		const pacer = new RequestPacer(20, { windowMs: 300, marginMs: 30 });
		const countedAt = await callService(pacer, 60, { delayOf: (call) => (call < 20 ? 8 * call : 2), answerMs: 20 });
		expect(peakInWindow(countedAt, 300)).toBeLessThanOrEqual(20);
	});

	test("an idle pacer lets a whole window's budget go at once", async () => {
		const pacer = new RequestPacer(20, { windowMs: 500, marginMs: 10 });
		const startedAt = performance.now();
		await Promise.all(Array.from({ length: 20 }, () => pacer.acquire()));
		expect(performance.now() - startedAt).toBeLessThan(100);
	});

	test('a call in flight holds its place in the window until it is answered', async () => {
		const pacer = new RequestPacer(2, { windowMs: 50, marginMs: 0 });
		const first = await pacer.acquire();
		await pacer.acquire();
		let thirdAt = 0;
		const third = pacer.acquire().then(() => (thirdAt = performance.now()));
		await sleep(200);
		expect(thirdAt).toBe(0);
		// Answered without a round trip to learn from: held to the moment its answer came.
		const answeredAt = performance.now();
		pacer.answered(first);
		await third;
		expect(thirdAt - answeredAt).toBeGreaterThanOrEqual(45);
	});

	/** A pacer on a clock of its own that has let `count` calls through, at time 0. */
	async function pacerWithCalls(count: number) {
		const clock = { now: 0 };
		const pacer = new RequestPacer(200, { now: () => clock.now });
		const calls = await Promise.all(Array.from({ length: count }, () => pacer.acquire()));
		return { clock, pacer, calls };
	}

	test('a frequency-limit answer cuts the rate to what the service let through, never below half', async () => {
		const { clock, pacer, calls } = await pacerWithCalls(150);
		clock.now = 60;
		calls.slice(0, 130).forEach((call) => pacer.answered(call, { roundTrip: true }));
		pacer.slowDown(calls[0]);
		expect(pacer.currentRate).toBe(129);
		pacer.slowDown(calls[1]);
		expect(pacer.slowDowns).toBe(1);

		clock.now = 2000;
		pacer.slowDown(calls[140]);
		expect(pacer.currentRate).toBeCloseTo(129 / 2);
	});

	test('cuts by 20% when the window is full of calls the service let through', async () => {
		const { clock, pacer, calls } = await pacerWithCalls(200);
		clock.now = 60;
		calls.forEach((call) => pacer.answered(call, { roundTrip: true }));
		pacer.slowDown();
		expect(pacer.currentRate).toBeCloseTo(160);
	});

	test('the fastest round trip follows the network, and an idle spell does not erase it', async () => {
		let now = 0;
		const pacer = new RequestPacer(1, { now: () => now, windowMs: 100, marginMs: 0 });
		const roundTrip = async (ms: number) => {
			const call = await pacer.acquire();
			now += ms;
			pacer.answered(call, { roundTrip: true });
			now += 1000;
			return (pacer as unknown as { fastestRoundTrip: number }).fastestRoundTrip;
		};
		expect(await roundTrip(50)).toBe(50);
		expect(await roundTrip(80)).toBe(50);
		now += 10 * 60_000; // idle: nothing to learn from
		expect(await roundTrip(90)).toBe(50);
		now += 61_000;
		// A period with calls, all slower: the network changed.
		expect(await roundTrip(95)).toBe(90);
	});

	test('a new ceiling moves a rate that was at the old one, and keeps a cut rate cut', () => {
		const pacer = new RequestPacer(20);
		pacer.setCeiling(50);
		expect(pacer.currentRate).toBe(50);
		pacer.slowDown();
		pacer.setCeiling(200);
		expect(pacer.currentRate).toBe(25);
		pacer.setCeiling(10);
		expect(pacer.currentRate).toBe(10);
	});

	test('wins back 5% of its ceiling per quiet window', async () => {
		let now = 0;
		const pacer = new RequestPacer(100, { now: () => now });
		pacer.slowDown();
		expect(pacer.currentRate).toBeCloseTo(50);
		now += 1000;
		await pacer.acquire();
		expect(pacer.currentRate).toBeCloseTo(55);
	});

	test('rejects a waiting caller when its signal aborts', async () => {
		const pacer = new RequestPacer(1, { windowMs: 10_000, marginMs: 0 });
		await pacer.acquire();
		const controller = new AbortController();
		const waiting = pacer.acquire(controller.signal);
		controller.abort(new Error('cancelled'));
		await expect(waiting).rejects.toThrow('cancelled');
	});
});

describe('ConcurrencyGate', () => {
	test('holds at most its size and serves waiters in order', async () => {
		const gate = new ConcurrencyGate(2);
		const order: number[] = [];
		await gate.acquire();
		await gate.acquire();
		const third = gate.acquire().then(() => order.push(3));
		const fourth = gate.acquire().then(() => order.push(4));
		gate.release();
		await third;
		expect(order).toEqual([3]);
		gate.release();
		await fourth;
		expect(order).toEqual([3, 4]);
		expect(gate.peak).toBe(2);
	});
});
