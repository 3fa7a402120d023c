import type { LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';

import { type Budget, type Command, commandPath } from './commands';
import { HourlyBudget, type HourlyLimit } from './hourlyBudget';
import { type Clock, type PacedCall, RequestPacer, realClock } from './pacer';
import { RedisBudgetStore, type SharedBudgetSettings, storeKey } from './shared/redisStore';
import { SharedHourlyBudget } from './shared/sharedHourlyBudget';
import { SharedPacer } from './shared/sharedPacer';
import { UserSigCache } from './userSig';

// Everything the client keeps across executions of this n8n process, in one place: the budgets
// that keep every execution under Tencent's limits, the connection pool, the UserSig cache and the
// calls waiting to hear that they were written. Tests reset it; nothing else changes it except
// through the functions below.

/** What a call waits on for its turn in a second's budget: this process's pacer, or one kept in Redis in front of it. */
export interface Limiter {
	acquire(signal?: AbortSignal): Promise<PacedCall>;
}

interface ProcessState {
	/** One pacer per budget a second Tencent counts: (app, command, and key for a budget on one). */
	pacers: Map<string, RequestPacer>;
	/** One per budget an hour, by the same kind of id. */
	hourlyBudgets: Map<string, HourlyBudget>;
	/** The same two for credentials that keep the limits in Redis, by Redis and budget. */
	sharedBudgets: Map<string, SharedPacer | SharedHourlyBudget>;
	/** One connection per Redis (and its settings) that keeps budgets. */
	sharedStores: Map<string, RedisBudgetStore>;
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
	sharedBudgets: new Map(),
	sharedStores: new Map(),
	clock: realClock,
	userSigs: new UserSigCache(),
	awaitingWrite: new Map(),
};

/** Pacing margin over each window: covers how far the fastest round trip seen is from the true one. */
export const PACING_MARGIN_MS = 25;

/** The budgets one call of a command counts against, made on first use. */
export interface CommandBudgets {
	/** A second's budgets, those on the key first: a call waits for its entity's turn before it takes one of the app's. */
	pacers: Limiter[];
	hourly: HourlyLimit[];
}

/**
 * The budgets of `command` for this app (and `key`, the entity its per-entity budgets count on,
 * such as the official account that sends). Each ceiling is the app's share of Tencent's limit, a
 * setting of the credential: no execution's options change it.
 */
export function budgetsFor(
	sdkAppId: number,
	command: Command,
	rateLimitShare: number,
	key?: string,
	store?: RedisBudgetStore,
): CommandBudgets {
	const budgets = [...command.budgets].sort((a, b) =>
		a.on === b.on ? 0 : a.on === 'key' ? -1 : 1,
	);
	const pacers: Limiter[] = [];
	const hourly: HourlyLimit[] = [];
	for (const budget of budgets) {
		const id = budgetId(sdkAppId, command, budget, key);
		const ceiling = Math.max(1, Math.floor((budget.calls * rateLimitShare) / 100));
		if (store) {
			const shared = sharedBudgetFor(
				store,
				sdkAppId,
				id,
				sharedName(sdkAppId, command, budget, key),
				budget,
				ceiling,
			);
			if (shared instanceof SharedPacer) pacers.push(shared);
			else hourly.push(shared);
		} else if (budget.per === 'second') pacers.push(pacerFor(id, ceiling));
		else hourly.push(hourlyBudgetFor(id, ceiling));
	}
	return { pacers, hourly };
}

/**
 * A budget kept in `store` for every process that uses it: Tencent's whole limit with Redis,
 * this process's share (`aloneCeiling`) without.
 */
function sharedBudgetFor(
	store: RedisBudgetStore,
	sdkAppId: number,
	id: string,
	name: string,
	budget: Budget,
	aloneCeiling: number,
): SharedPacer | SharedHourlyBudget {
	const sharedId = `${store.id} ${name}`;
	let shared = processState.sharedBudgets.get(sharedId);
	if (shared === undefined) {
		shared =
			budget.per === 'second'
				? new SharedPacer(
						store,
						store.key(name),
						{
							sharedCeiling: budget.calls,
							aloneCeiling,
							windowMs: 1000,
							marginMs: PACING_MARGIN_MS,
							name,
							fastestKey: store.key(`fastest:${sdkAppId}`),
						},
						pacerFor(id, aloneCeiling),
					)
				: new SharedHourlyBudget(
						store,
						store.key(name),
						budget.calls,
						hourlyBudgetFor(id, aloneCeiling),
					);
		processState.sharedBudgets.set(sharedId, shared);
	} else {
		shared.setCeilings(budget.calls, aloneCeiling);
	}
	return shared;
}

/** The connection to the Redis of `settings`, made on first use. */
export function sharedStoreFor(settings: SharedBudgetSettings): RedisBudgetStore {
	const key = storeKey(settings);
	let store = processState.sharedStores.get(key);
	if (store === undefined) {
		store = new RedisBudgetStore(settings, key, processState.clock);
		processState.sharedStores.set(key, store);
	}
	return store;
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

/** A budget's key in Redis, after the credential's prefix: `1400000001:service/command:second[:key]`. */
function sharedName(sdkAppId: number, command: Command, budget: Budget, key?: string): string {
	return `${sdkAppId}:${commandPath(command)}:${budget.per}${budget.on === 'key' ? `:${key ?? ''}` : ''}`;
}

/** Forgets every budget and signature and closes the pool: for tests, between files. */
export async function resetProcessState(): Promise<void> {
	const pool = processState.pool?.dispatcher;
	processState.pacers.clear();
	processState.hourlyBudgets.clear();
	processState.sharedBudgets.clear();
	const stores = [...processState.sharedStores.values()];
	processState.sharedStores.clear();
	await Promise.all(stores.map((store) => store.close()));
	processState.userSigs = new UserSigCache();
	processState.awaitingWrite.clear();
	processState.pool = undefined;
	await pool?.close().catch(() => undefined);
}
