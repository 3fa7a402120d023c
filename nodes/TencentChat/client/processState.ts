import type { LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';

import { type Command, commandPath } from './commands';
import { HourlyBudget } from './hourlyBudget';
import { type PacedCall, RequestPacer } from './pacer';
import { RedisBudgetStore, type SharedBudgetSettings, storeKey } from './shared/redisStore';
import { SharedPacer } from './shared/sharedPacer';
import { UserSigCache } from './userSig';

// Everything the client keeps across executions of this n8n process, in one place: the limiters
// that keep every execution under Tencent's per-app limits, the connection pool, the UserSig
// cache and the calls waiting to hear that they were written. Tests reset it; nothing else
// changes it except through the functions below.

/** What a call waits on for its turn: this process's pacer, or one kept in Redis in front of it. */
export interface Limiter {
	acquire(signal?: AbortSignal): Promise<PacedCall>;
}

interface ProcessState {
	/** One pacer per budget Tencent counts on: app and command (and key, for some commands). */
	limiters: Map<string, RequestPacer>;
	/** The same for credentials that keep the limits in Redis, by Redis and budget. */
	sharedLimiters: Map<string, SharedPacer>;
	/** One connection per Redis (and its settings) that keeps budgets. */
	sharedStores: Map<string, RedisBudgetStore>;
	/** The hourly budgets of commands that have one, by the same id as their limiter. */
	hourlyBudgets: Map<string, HourlyBudget>;
	userSigs: UserSigCache;
	pool?: { proxyKey: string; lookup?: LookupFunction; dispatcher: Dispatcher };
	/** Calls waiting to be written, by the `random` of their query. */
	awaitingWrite: Map<string, () => void>;
}

export const processState: ProcessState = {
	limiters: new Map(),
	sharedLimiters: new Map(),
	sharedStores: new Map(),
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
export function limiterFor(
	sdkAppId: number,
	command: Command,
	rateLimitShare: number,
	key?: string,
	store?: RedisBudgetStore,
): Limiter {
	const id = budgetId(sdkAppId, command, key);
	const ceiling = Math.max(1, Math.floor((command.callsPerSecond * rateLimitShare) / 100));
	if (store) {
		const name = `${sdkAppId}:${commandPath(command)}${command.countedOn === 'appAndKey' ? `:${key ?? ''}` : ''}`;
		return sharedLimiterFor(store, name, command.callsPerSecond, ceiling);
	}
	let limiter = processState.limiters.get(id);
	if (limiter === undefined) {
		limiter = new RequestPacer(ceiling, { marginMs: PACING_MARGIN_MS });
		processState.limiters.set(id, limiter);
	} else {
		limiter.setCeiling(ceiling);
	}
	return limiter;
}

/** The budget `name` kept in `store`: the whole limit with Redis, `aloneCeiling` without. */
function sharedLimiterFor(store: RedisBudgetStore, name: string, limit: number, aloneCeiling: number): SharedPacer {
	const sharedId = `${store.id} ${name}`;
	let limiter = processState.sharedLimiters.get(sharedId);
	if (limiter === undefined) {
		limiter = new SharedPacer(store, store.key(name), {
			sharedCeiling: limit,
			aloneCeiling,
			windowMs: 1000,
			marginMs: PACING_MARGIN_MS,
			name,
		});
		processState.sharedLimiters.set(sharedId, limiter);
	} else {
		limiter.setCeilings(limit, aloneCeiling);
	}
	return limiter;
}

/** The connection to the Redis of `settings`, made on first use. */
export function sharedStoreFor(settings: SharedBudgetSettings): RedisBudgetStore {
	const key = storeKey(settings);
	let store = processState.sharedStores.get(key);
	if (store === undefined) {
		store = new RedisBudgetStore(settings, key);
		processState.sharedStores.set(key, store);
	}
	return store;
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
	processState.sharedLimiters.clear();
	const stores = [...processState.sharedStores.values()];
	processState.sharedStores.clear();
	await Promise.all(stores.map((store) => store.close()));
	processState.hourlyBudgets.clear();
	processState.userSigs = new UserSigCache();
	processState.awaitingWrite.clear();
	processState.pool = undefined;
	await pool?.close().catch(() => undefined);
}
