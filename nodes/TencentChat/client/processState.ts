import type { LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';

import { type Budget, type Command, commandPath } from './commands';
import { HourlyBudget } from './hourlyBudget';
import { type Clock, RequestPacer, realClock } from './pacer';
import { UserSigCache } from './userSig';

// Everything the client keeps across executions of this n8n process, in one place: the budgets
// that keep every execution under Tencent's limits, the connection pool, the UserSig cache and the
// calls waiting to hear that they were written. Tests reset it; nothing else changes it except
// through the functions below.

interface ProcessState {
	/** One pacer per budget a second Tencent counts: (app, command, and key for a budget on one). */
	pacers: Map<string, RequestPacer>;
	/** One per budget an hour, by the same kind of id. */
	hourlyBudgets: Map<string, HourlyBudget>;
	/** The monotonic clock every budget runs on; tests put virtual time here. */
	clock: Clock;
	userSigs: UserSigCache;
	pool?: { proxyKey: string; lookup?: LookupFunction; dispatcher: Dispatcher };
	/** Calls waiting to be written, by the `random` of their query. */
	awaitingWrite: Map<string, () => void>;
}

export const processState: ProcessState = {
	pacers: new Map(),
	hourlyBudgets: new Map(),
	clock: realClock,
	userSigs: new UserSigCache(),
	awaitingWrite: new Map(),
};

/** Pacing margin over each window: covers how far the fastest round trip seen is from the true one. */
export const PACING_MARGIN_MS = 25;

/** The budgets one call of a command counts against, made on first use. */
export interface CommandBudgets {
	/** A second's budgets, those on the key first: a call waits for its entity's turn before it takes one of the app's. */
	pacers: RequestPacer[];
	hourly: HourlyBudget[];
}

/**
 * The budgets of `command` for this app (and `key`, the entity its per-entity budgets count on,
 * such as the official account that sends). Each ceiling is the app's share of Tencent's limit, a
 * setting of the credential: no execution's options change it.
 */
export function budgetsFor(sdkAppId: number, command: Command, rateLimitShare: number, key?: string): CommandBudgets {
	const budgets = [...command.budgets].sort((a, b) => (a.on === b.on ? 0 : a.on === 'key' ? -1 : 1));
	const pacers: RequestPacer[] = [];
	const hourly: HourlyBudget[] = [];
	for (const budget of budgets) {
		const id = budgetId(sdkAppId, command, budget, key);
		const ceiling = Math.max(1, Math.floor((budget.calls * rateLimitShare) / 100));
		if (budget.per === 'second') pacers.push(pacerFor(id, ceiling));
		else hourly.push(hourlyBudgetFor(id, ceiling));
	}
	return { pacers, hourly };
}

function pacerFor(id: string, ceiling: number): RequestPacer {
	let pacer = processState.pacers.get(id);
	if (pacer === undefined) {
		pacer = new RequestPacer(ceiling, { marginMs: PACING_MARGIN_MS, clock: processState.clock });
		processState.pacers.set(id, pacer);
	} else {
		pacer.setCeiling(ceiling);
	}
	return pacer;
}

function hourlyBudgetFor(id: string, ceiling: number): HourlyBudget {
	let budget = processState.hourlyBudgets.get(id);
	if (budget === undefined) {
		budget = new HourlyBudget(ceiling, processState.clock);
		processState.hourlyBudgets.set(id, budget);
	} else {
		budget.setCeiling(ceiling);
	}
	return budget;
}

function budgetId(sdkAppId: number, command: Command, budget: Budget, key?: string): string {
	return `${sdkAppId} ${commandPath(command)} ${budget.per}${budget.on === 'key' ? ` ${key ?? ''}` : ''}`;
}

/** Forgets every budget and signature and closes the pool: for tests, between files. */
export async function resetProcessState(): Promise<void> {
	const pool = processState.pool?.dispatcher;
	processState.pacers.clear();
	processState.hourlyBudgets.clear();
	processState.userSigs = new UserSigCache();
	processState.awaitingWrite.clear();
	processState.pool = undefined;
	await pool?.close().catch(() => undefined);
}
