import { describe, expect, test } from '@jest/globals';

import { HourlyBudget } from '../../nodes/TencentChat/client/hourlyBudget';
import { VirtualClock } from '../helpers/virtualClock';

const HOUR = 3_600_000;

/** A budget on virtual time, and a way to take a place at a given moment. */
function budgetAt(callsPerHour: number) {
	const clock = new VirtualClock();
	const budget = new HourlyBudget(callsPerHour, clock);
	const at = async (ms: number) => {
		await clock.advance(ms - clock.now());
		return budget.take();
	};
	return { clock, budget, at };
}

describe('the hourly budget (on virtual time)', () => {
	test('grants the budget, refuses the next at once and says when a place frees: an hour after the oldest', async () => {
		const { at } = budgetAt(2);
		expect((await at(1_000)).granted).toBe(true);
		expect((await at(5_000)).granted).toBe(true);
		expect(await at(6_000)).toEqual({ granted: false, waitMs: 1_000 + HOUR - 6_000 });
		expect(await at(1_000 + HOUR - 1)).toEqual({ granted: false, waitMs: 1 });
		expect((await at(1_000 + HOUR)).granted).toBe(true);
		expect(await at(1_000 + HOUR + 1)).toEqual({
			granted: false,
			waitMs: 5_000 + HOUR - (1_000 + HOUR + 1),
		});
	});

	test('a refused call takes no place', async () => {
		const { at } = budgetAt(1);
		await at(0);
		for (let minute = 1; minute < 60; minute++)
			expect((await at(minute * 60_000)).granted).toBe(false);
		expect((await at(HOUR)).granted).toBe(true);
	});

	test('a place counts from when its call was sent, after waiting for its second', async () => {
		const { clock, budget, at } = budgetAt(1);
		const turn = await at(0);
		await clock.advance(1_500);
		if (turn.granted) budget.sent(turn.place);
		expect(await at(HOUR)).toEqual({ granted: false, waitMs: 1_500 });
	});

	test('a place given back (its call was never sent, or not counted) is free again', async () => {
		const { budget, at } = budgetAt(1);
		const turn = await at(0);
		if (turn.granted) budget.giveBack(turn.place);
		expect((await at(10)).granted).toBe(true);
	});

	test('a lower ceiling applies to the places already taken', async () => {
		const { budget, at } = budgetAt(3);
		await at(0);
		await at(10);
		budget.setCeiling(2);
		expect(await at(20)).toEqual({ granted: false, waitMs: HOUR - 20 });
	});

	test('the wall clock stepped back two hours or forward changes nothing: the hour is measured on the monotonic clock', async () => {
		const { at } = budgetAt(1);
		const wall = Date.now;
		try {
			await at(0);
			Date.now = () => wall() - 2 * HOUR;
			expect((await at(HOUR - 1)).granted).toBe(false);
			Date.now = () => wall() + 2 * HOUR;
			expect((await at(HOUR - 1)).granted).toBe(false);
			expect((await at(HOUR)).granted).toBe(true);
		} finally {
			Date.now = wall;
		}
	});
});
