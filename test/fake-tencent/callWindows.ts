// Tencent's call limits, enforced from the client's command table: a sliding window per (command),
// or per (command, key) for commands counted on an entity of the app, a second long, plus an hour
// long where the table gives an hourly budget. Only calls let through count.

import type { Budget, Command } from '../../nodes/TencentChat/client/commands';
import type { FaultConfig } from './config';

const SECOND_MS = 1_000;
const HOUR_MS = 3_600_000;
/** The rate of most commands, which `FaultConfig.callsPerSecond` is a share of. */
const TENCENT_APP_RATE = 200;

export interface Admission {
	admitted: boolean;
	/** Calls let through in the last second, this one included when admitted. */
	inWindow: number;
	/** How long the last budget plus one calls took, this one included; unknown until there were so many. */
	spanMs?: number;
}

/**
 * Calls a window for one budget of a command: its table rate, for a budget a second on the app
 * scaled by the share of Tencent's 200/s the test allows. So the default `callsPerSecond: 200`
 * leaves every command at its own rate; `callsPerSecond: 20` gives a 200/s command 20 and a 100/s
 * one 10, and `reservedCallsPerSecond` comes off the same way. Budgets on a key, and those of an
 * hour, keep their table rate.
 */
export function budgetFor(budget: Budget, faults: FaultConfig): number {
	if (budget.on !== 'app' || budget.per !== 'second') return budget.calls;
	const share = (faults.callsPerSecond - faults.reservedCallsPerSecond) / TENCENT_APP_RATE;
	return Math.max(0, Math.round(budget.calls * share));
}

/** The app's calls a second for a command, as the test's faults scale it. */
export function appBudgetFor(command: Command, faults: FaultConfig): number {
	const app = command.budgets.find((budget) => budget.on === 'app' && budget.per === 'second');
	return app === undefined ? Number.POSITIVE_INFINITY : budgetFor(app, faults);
}

/** One app's windows. */
export class CallWindows {
	/** Times of the latest calls let through, oldest first: at most a budget's worth per window. */
	private readonly accepted = new Map<string, number[]>();

	/** A call is let through when every budget of its command has room; only calls let through count. */
	admit(command: Command, key: string | undefined, faults: FaultConfig, now: number): Admission {
		const windows = command.budgets.map((budget) => ({
			name: `${command.name} ${budget.per}${budget.on === 'key' ? ` ${key ?? ''}` : ''}`,
			budget: budgetFor(budget, faults),
			windowMs: budget.per === 'second' ? SECOND_MS : HOUR_MS,
			isAppSecond: budget.on === 'app' && budget.per === 'second',
		}));
		const checked = windows.map((window) => ({
			...window,
			...this.check(window.name, now, window.budget, window.windowMs),
		}));
		// What the stats report is the app's second, where the command has one.
		const reported = checked.find((window) => window.isAppSecond) ?? checked[0];
		if (checked.some((window) => window.inWindow >= window.budget))
			return { admitted: false, inWindow: reported.inWindow };
		for (const window of checked) this.record(window.name, now, window.budget);
		return { admitted: true, inWindow: reported.inWindow + 1, spanMs: reported.spanMs };
	}

	private check(
		name: string,
		now: number,
		budget: number,
		windowMs: number,
	): { inWindow: number; spanMs?: number } {
		const recent = this.accepted.get(name) ?? [];
		let inWindow = 0;
		while (inWindow < recent.length && recent[recent.length - 1 - inWindow] > now - windowMs)
			inWindow++;
		const spanMs =
			budget > 0 && recent.length >= budget ? now - recent[recent.length - budget] : undefined;
		return { inWindow, spanMs };
	}

	private record(name: string, now: number, budget: number): void {
		const recent = this.accepted.get(name) ?? [];
		recent.push(now);
		while (recent.length > budget) recent.shift();
		this.accepted.set(name, recent);
	}
}
