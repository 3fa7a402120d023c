import type { LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';

import { type Command, commandPath } from './commands';
import { HourlyBudget } from './hourlyBudget';
import { RequestPacer } from './pacer';
import { UserSigCache } from './userSig';

// Everything the client keeps across executions of this n8n process, in one place: the limiters
// that keep every execution under Tencent's per-app limits, the connection pool, the UserSig
// cache and the calls waiting to hear that they were written. Tests reset it; nothing else
// changes it except through the functions below.

interface ProcessState {
	/** One pacer per budget Tencent counts on: app and command (and key, for some commands). */
	limiters: Map<string, RequestPacer>;
	/** The hourly budgets of commands that have one, by the same id as their limiter. */
	hourlyBudgets: Map<string, HourlyBudget>;
	userSigs: UserSigCache;
	pool?: { proxyKey: string; lookup?: LookupFunction; dispatcher: Dispatcher };
	/** Calls waiting to be written, by the `random` of their query. */
	awaitingWrite: Map<string, () => void>;
}

export const processState: ProcessState = {
	limiters: new Map(),
	hourlyBudgets: new Map(),
	userSigs: new UserSigCache(),
	awaitingWrite: new Map(),
};

/** Pacing margin over each window: covers how far the fastest round trip seen is from the true one. */
export const PACING_MARGIN_MS = 25;

/**
 * The limiter of `command` for this app (and `key`, when Tencent counts the command per entity,
 * such as messages per official account), made on first use. Its ceiling is the app's share of
 * Tencent's limit, a setting of the credential: no execution's options change it.
 */
export function limiterFor(sdkAppId: number, command: Command, rateLimitShare: number, key?: string): RequestPacer {
	const id = budgetId(sdkAppId, command, key);
	const ceiling = Math.max(1, Math.floor((command.callsPerSecond * rateLimitShare) / 100));
	let limiter = processState.limiters.get(id);
	if (limiter === undefined) {
		limiter = new RequestPacer(ceiling, { marginMs: PACING_MARGIN_MS });
		processState.limiters.set(id, limiter);
	} else {
		limiter.setCeiling(ceiling);
	}
	return limiter;
}

function budgetId(sdkAppId: number, command: Command, key?: string): string {
	return `${sdkAppId} ${commandPath(command)}${command.countedOn === 'appAndKey' ? ` ${key ?? ''}` : ''}`;
}

/** The hourly budget of `command` for this app (and key), for commands that have one; the same share of it as of the rate. */
export function hourlyBudgetFor(sdkAppId: number, command: Command, rateLimitShare: number, key?: string): HourlyBudget | undefined {
	if (command.callsPerHour === undefined) return undefined;
	const id = budgetId(sdkAppId, command, key);
	const ceiling = Math.max(1, Math.floor((command.callsPerHour * rateLimitShare) / 100));
	let budget = processState.hourlyBudgets.get(id);
	if (budget === undefined) {
		budget = new HourlyBudget(ceiling);
		processState.hourlyBudgets.set(id, budget);
	} else {
		budget.setCeiling(ceiling);
	}
	return budget;
}

/** Forgets every limiter and signature and closes the pool: for tests, between files. */
export async function resetProcessState(): Promise<void> {
	const pool = processState.pool?.dispatcher;
	processState.limiters.clear();
	processState.hourlyBudgets.clear();
	processState.userSigs = new UserSigCache();
	processState.awaitingWrite.clear();
	processState.pool = undefined;
	await pool?.close().catch(() => undefined);
}
