import { describe, expect, test } from '@jest/globals';

import { HourlyBudget } from '../../nodes/TencentChat/client/hourlyBudget';

const HOUR = 3_600_000;

describe('the hourly budget (on virtual time)', () => {
	test('grants the budget, refuses the next at once and says when a place frees: an hour after the oldest', () => {
		const budget = new HourlyBudget(2);
		expect(budget.take(1_000).granted).toBe(true);
		expect(budget.take(5_000).granted).toBe(true);
		expect(budget.take(6_000)).toEqual({ granted: false, nextAt: 1_000 + HOUR });
		expect(budget.take(1_000 + HOUR - 1)).toEqual({ granted: false, nextAt: 1_000 + HOUR });
		expect(budget.take(1_000 + HOUR).granted).toBe(true);
		expect(budget.take(1_000 + HOUR + 1)).toEqual({ granted: false, nextAt: 5_000 + HOUR });
	});

	test('a refused call takes no place', () => {
		const budget = new HourlyBudget(1);
		budget.take(0);
		for (let minute = 1; minute < 60; minute++) expect(budget.take(minute * 60_000).granted).toBe(false);
		expect(budget.take(HOUR).granted).toBe(true);
	});

	test("a place counts from when its call was sent, after waiting for its second", () => {
		const budget = new HourlyBudget(1);
		const turn = budget.take(0);
		if (turn.granted) budget.sent(turn.place, 1_500);
		expect(budget.take(HOUR)).toEqual({ granted: false, nextAt: 1_500 + HOUR });
	});

	test('a place given back (its call was never sent) is free again', () => {
		const budget = new HourlyBudget(1);
		const turn = budget.take(0);
		if (turn.granted) budget.giveBack(turn.place);
		expect(budget.take(10).granted).toBe(true);
	});

	test('a lower ceiling applies to the places already taken', () => {
		const budget = new HourlyBudget(3);
		budget.take(0);
		budget.take(10);
		budget.setCeiling(2);
		expect(budget.take(20)).toEqual({ granted: false, nextAt: HOUR });
	});
});
