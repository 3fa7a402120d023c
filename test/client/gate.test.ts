import { describe, expect, test } from '@jest/globals';

import { ConcurrencyGate } from '../../nodes/TencentChat/client/gate';

describe('ConcurrencyGate', () => {
	test('holds at most its size and serves waiters in order', async () => {
		const gate = new ConcurrencyGate(2);
		const order: number[] = [];
		await gate.acquire();
		await gate.acquire();
		const third = gate.acquire().then(() => order.push(3));
		const fourth = gate.acquire().then(() => order.push(4));
		await Promise.resolve();
		expect(order).toEqual([]);
		gate.release();
		await third;
		expect(order).toEqual([3]);
		gate.release();
		await fourth;
		expect(order).toEqual([3, 4]);
	});

	test('two gates (two executions) do not share places', async () => {
		const first = new ConcurrencyGate(1);
		const second = new ConcurrencyGate(1);
		await first.acquire();
		let secondGotIn = false;
		void second.acquire().then(() => (secondGotIn = true));
		await new Promise((resolve) => setImmediate(resolve));
		expect(secondGotIn).toBe(true);
	});
});
