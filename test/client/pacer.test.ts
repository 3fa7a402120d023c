import { describe, expect, test } from '@jest/globals';

import { type PacedCall, RequestPacer } from '../../nodes/TencentChat/client/pacer';
import { VirtualClock } from '../helpers/virtualClock';

// The pacer on virtual time: what these tests show holds whatever the machine is doing.

/** The most calls in any window of `windowMs` among these count times. */
function peakInWindow(times: number[], windowMs: number): number {
	let peak = 0;
	let start = 0;
	for (let end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		peak = Math.max(peak, end - start + 1);
	}
	return peak;
}

/**
 * Calls through `pacer` to a simulated service: call `i` reaches the service (and is counted)
 * `delayOf(i)` ms after the pacer let it go, and its answer is read `answerOf(i)` ms later.
 */
async function callService(
	clock: VirtualClock,
	pacer: RequestPacer,
	calls: number,
	{ delayOf, answerOf }: { delayOf: (call: number) => number; answerOf: (call: number) => number },
): Promise<number[]> {
	const countedAt: number[] = [];
	let next = 0;
	const done = Promise.all(
		Array.from({ length: calls }, async () => {
			const paced = await pacer.acquire();
			paced.written();
			const call = next++;
			await clock.sleep(delayOf(call));
			countedAt.push(clock.now());
			await clock.sleep(answerOf(call));
			paced.answered();
		}),
	);
	await clock.runAll();
	await done;
	return countedAt.sort((a, b) => a - b);
}

function pacerOn(clock: VirtualClock, rate: number, windowMs = 1000, marginMs = 25) {
	return new RequestPacer(rate, { windowMs, marginMs, clock });
}

describe('RequestPacer', () => {
	test('never lets the service count more than the limit in any sliding window', async () => {
		const clock = new VirtualClock();
		const pacer = pacerOn(clock, 20, 200, 5);
		let seed = 7;
		const jitter = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 30;
		const countedAt = await callService(clock, pacer, 70, {
			delayOf: jitter,
			answerOf: () => 20,
		});
		expect(peakInWindow(countedAt, 200)).toBeLessThanOrEqual(20);
		// 70 calls at 20 per window cannot be counted in fewer than three full windows.
		expect(countedAt[69] - countedAt[0]).toBeGreaterThanOrEqual(3 * 200);
	});

	test('a burst that queued on its way spreads the next window by as much, from the answers', async () => {
		// The first window's calls reach the service ever later (a burst queueing), the later ones at
		// once: a pacer that held calls to when they left here would let the second window's through too early.
		const clock = new VirtualClock();
		const pacer = pacerOn(clock, 20, 300, 5);
		const countedAt = await callService(clock, pacer, 60, {
			delayOf: (call) => (call < 20 ? 8 * call : 2),
			answerOf: () => 20,
		});
		expect(peakInWindow(countedAt, 300)).toBeLessThanOrEqual(20);
	});

	test('a busy process that reads its answers late keeps to the limit: the service counted each as it came', async () => {
		// The service counts each call 1 ms after it left and answers at once, but this process reads
		// answers only between stretches of other work, every 40 ms: round trips from 1 to 40 ms.
		const clock = new VirtualClock();
		const pacer = pacerOn(clock, 20, 200, 5);
		const readAt = (countedAt: number) => Math.ceil((countedAt + 1) / 40) * 40 - countedAt;
		const countedAt = await callService(clock, pacer, 100, {
			delayOf: () => 1,
			answerOf: () => readAt(clock.now()),
		});
		expect(peakInWindow(countedAt, 200)).toBeLessThanOrEqual(20);
		// Five windows' calls: the first four full, each at most a read's wait longer than a window.
		expect(countedAt[99] - countedAt[0]).toBeGreaterThanOrEqual(4 * 200);
		expect(countedAt[99] - countedAt[0]).toBeLessThanOrEqual(4 * (200 + 5 + 40));
	});

	test("an idle pacer lets a whole window's budget go at once", async () => {
		const clock = new VirtualClock();
		const pacer = pacerOn(clock, 20, 500);
		const calls = await Promise.all(Array.from({ length: 20 }, () => pacer.acquire()));
		expect(calls.map((call) => call.sentAt)).toEqual(Array(20).fill(0));
	});

	test('a call in flight holds its place in the window until it is answered', async () => {
		const clock = new VirtualClock();
		const pacer = pacerOn(clock, 2, 50, 0);
		const first = await pacer.acquire();
		await pacer.acquire();
		let thirdAt: number | undefined;
		const third = pacer.acquire().then(() => (thirdAt = clock.now()));
		await clock.advance(200);
		expect(thirdAt).toBeUndefined();
		// Failed without an answer to learn from: held to the moment it came back, plus the window.
		first.failed();
		await clock.advance(100);
		await third;
		expect(thirdAt).toBe(250);
	});

	/** A pacer that has let `count` calls through at time 0. */
	async function pacerWithCalls(count: number) {
		const clock = new VirtualClock();
		const pacer = pacerOn(clock, 200);
		const calls: PacedCall[] = await Promise.all(
			Array.from({ length: count }, () => pacer.acquire()),
		);
		return { clock, pacer, calls };
	}

	test('a frequency-limit answer cuts the rate to what the service let through, never below half', async () => {
		const { clock, pacer, calls } = await pacerWithCalls(150);
		await clock.advance(60);
		calls.slice(0, 130).forEach((call) => call.answered());
		calls[130].answered();
		calls[130].refused();
		expect(pacer.currentRate).toBe(130);
		calls[131].answered();
		calls[131].refused();
		expect(pacer.slowDowns).toBe(1);

		await clock.advance(2000);
		calls[140].refused();
		expect(pacer.currentRate).toBeCloseTo(130 / 2);
	});

	test('cuts by 20% when the window is full of calls the service let through', async () => {
		const { clock, pacer, calls } = await pacerWithCalls(200);
		await clock.advance(60);
		calls.slice(0, 199).forEach((call) => call.answered());
		calls[199].refused();
		expect(pacer.currentRate).toBeCloseTo(160);
	});

	test('the fastest round trip follows the network, and an idle spell does not erase it', async () => {
		const clock = new VirtualClock();
		const pacer = pacerOn(clock, 1, 100, 0);
		const roundTrip = async (ms: number) => {
			const call = await pacer.acquire();
			await clock.advance(ms);
			call.answered();
			await clock.advance(1000);
			return (pacer as unknown as { fastestRoundTrip: number }).fastestRoundTrip;
		};
		expect(await roundTrip(50)).toBe(50);
		expect(await roundTrip(80)).toBe(50);
		await clock.advance(10 * 60_000); // idle: nothing to learn from
		expect(await roundTrip(90)).toBe(50);
		await clock.advance(61_000);
		// A period with calls, all slower: the network changed.
		expect(await roundTrip(95)).toBe(90);
	});

	test('a round trip is timed from when the call was written, not from when it was let go', async () => {
		const clock = new VirtualClock();
		const pacer = pacerOn(clock, 5, 100, 0);
		const call = await pacer.acquire();
		await clock.advance(300); // waiting for a connection
		call.written();
		await clock.advance(40);
		call.answered();
		expect((pacer as unknown as { fastestRoundTrip: number }).fastestRoundTrip).toBe(40);
	});

	test('a new ceiling moves a rate that was at the old one, and keeps a cut rate cut', async () => {
		const { pacer, calls } = await pacerWithCalls(1);
		pacer.setCeiling(50);
		expect(pacer.currentRate).toBe(50);
		calls[0].refused();
		pacer.setCeiling(200);
		expect(pacer.currentRate).toBe(25);
		pacer.setCeiling(10);
		expect(pacer.currentRate).toBe(10);
	});

	test('wins back 5% of its ceiling per quiet window', async () => {
		const { clock, pacer, calls } = await pacerWithCalls(1);
		pacer.setCeiling(100);
		calls[0].refused();
		expect(pacer.currentRate).toBeCloseTo(50);
		await clock.advance(1000);
		await pacer.acquire();
		expect(pacer.currentRate).toBeCloseTo(55);
	});

	test('refuses a rate that is not a whole number of at least 1', () => {
		for (const rate of [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
			expect(() => new RequestPacer(rate)).toThrow(RangeError);
		}
	});

	test('rejects a waiting caller when its signal aborts', async () => {
		const clock = new VirtualClock();
		const pacer = pacerOn(clock, 1, 10_000, 0);
		await pacer.acquire();
		const controller = new AbortController();
		const waiting = pacer.acquire(controller.signal);
		controller.abort(new Error('cancelled'));
		await expect(waiting).rejects.toThrow('cancelled');
		expect(pacer.queued).toBe(0);
	});
});
