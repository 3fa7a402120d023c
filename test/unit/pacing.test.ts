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

describe('RequestPacer', () => {
	// The calls are timed where they resume after `acquire`, a little after the pacer let them go;
	// under load that lag varies by more than 10 ms. The margin absorbs it, as it absorbs network
	// jitter in production: these tests use the production margin of 50 ms.
	test('never lets more than the limit through in any sliding window', async () => {
		const pacer = new RequestPacer(20, { windowMs: 200, marginMs: 50 });
		const sentAt: number[] = [];
		await Promise.all(
			Array.from({ length: 70 }, async () => {
				await pacer.acquire();
				sentAt.push(performance.now());
			}),
		);
		expect(peakInWindow(sentAt, 200)).toBeLessThanOrEqual(20);
		// 70 calls at 20 per 250 ms cannot finish in fewer than three full windows.
		expect(sentAt[69] - sentAt[0]).toBeGreaterThanOrEqual(3 * 200);
	});

	test("an idle pacer lets a whole window's budget go at once", async () => {
		const pacer = new RequestPacer(20, { windowMs: 500, marginMs: 10 });
		const startedAt = performance.now();
		await Promise.all(Array.from({ length: 20 }, () => pacer.acquire()));
		expect(performance.now() - startedAt).toBeLessThan(100);
	});

	test('after the window held calls back, it spaces them instead of letting a burst through', async () => {
		const pacer = new RequestPacer(20, { windowMs: 200, marginMs: 50 });
		const sentAt: number[] = [];
		await Promise.all(
			Array.from({ length: 60 }, async () => {
				await pacer.acquire();
				sentAt.push(performance.now());
			}),
		);
		// Calls 21 to 60 come one per 12.5 ms (250 ms / 20). A busy event loop may bunch a few,
		// a catch-up burst would bunch a window's worth: never ten within 20 ms.
		const later = sentAt.slice(20);
		const bunched = later.filter((time, i) => i >= 9 && time - later[i - 9] < 20);
		expect(bunched).toEqual([]);
		expect(peakInWindow(sentAt, 200)).toBeLessThanOrEqual(20);
	});

	test('cuts its rate by 20% once per burst of frequency-limit answers', () => {
		const pacer = new RequestPacer(200);
		pacer.slowDown();
		pacer.slowDown();
		expect(pacer.currentRate).toBeCloseTo(160);
		expect(pacer.slowDowns).toBe(1);
	});

	test('wins back 5% of its ceiling per quiet window', async () => {
		let now = 0;
		const pacer = new RequestPacer(100, { now: () => now });
		pacer.slowDown();
		expect(pacer.currentRate).toBeCloseTo(80);
		now += 1000;
		await pacer.acquire();
		expect(pacer.currentRate).toBeCloseTo(85);
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
