import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { createClient } from '@redis/client';

import { HourlyBudget } from '../../../nodes/TencentChat/client/hourlyBudget';
import {
	RedisBudgetStore,
	type SharedBudgetSettings,
	storeKey,
} from '../../../nodes/TencentChat/client/shared/redisStore';
import { SharedHourlyBudget } from '../../../nodes/TencentChat/client/shared/sharedHourlyBudget';
import { SharedPacer } from '../../../nodes/TencentChat/client/shared/sharedPacer';
import { FaultProxy } from '../../helpers/faultProxy';
import { RedisServer } from '../../helpers/redisServer';

// The shared pacer against a real Redis, on short windows (200 ms, 20 calls) so that a test of
// several windows takes a second or two. Two stores are two workers: each has its own connection,
// its own name in Redis and its own pacer, as two n8n processes would.

const WINDOW_MS = 200;
const MARGIN_MS = 10;
const LIMIT = 20;
const ALONE = 10;

const redis = new RedisServer();
beforeAll(() => redis.start());
afterAll(() => redis.stop());

const stores: RedisBudgetStore[] = [];
afterAll(() => Promise.all(stores.map((store) => store.close())));

function settings(
	port: number,
	overrides: Partial<SharedBudgetSettings> = {},
): SharedBudgetSettings {
	return {
		host: '127.0.0.1',
		port,
		database: 0,
		user: '',
		password: '',
		tls: false,
		keyPrefix: 'test:',
		...overrides,
	};
}

async function worker(
	port: number,
	key: string,
): Promise<{ store: RedisBudgetStore; pacer: SharedPacer }> {
	const config = settings(port);
	const store = new RedisBudgetStore(config, `${storeKey(config)} ${stores.length}`);
	stores.push(store);
	await store.ready();
	const pacer = new SharedPacer(store, store.key(key), {
		sharedCeiling: LIMIT,
		aloneCeiling: ALONE,
		windowMs: WINDOW_MS,
		marginMs: MARGIN_MS,
		name: key,
		fastestKey: store.key(`${key}:fastest`),
	});
	return { store, pacer };
}

/** The most of `times` in any window of `windowMs`. */
function peakInWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let peak = 0;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= windowMs) start++;
		peak = Math.max(peak, end - start + 1);
	}
	return peak;
}

/**
 * `calls` calls through `pacer` to a simulated service that counts each call 2 ms after it was
 * let go and answers 5 ms later; `during(i)` runs as call i is let go. Returns the count times.
 */
async function callService(
	pacer: SharedPacer,
	calls: number,
	during?: (call: number) => void,
): Promise<number[]> {
	const countedAt: number[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: calls }, async () => {
			const paced = await pacer.acquire();
			during?.(next++);
			paced.written();
			await sleep(2);
			countedAt.push(performance.now());
			await sleep(5);
			paced.answered();
		}),
	);
	return countedAt;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SharedPacer with Redis', () => {
	test('two workers together keep to the limit in every window, and each finishes', async () => {
		const a = await worker(redis.port, 'together');
		const b = await worker(redis.port, 'together');
		const [countedByA, countedByB] = await Promise.all([
			callService(a.pacer, 60),
			callService(b.pacer, 60),
		]);
		expect(countedByA).toHaveLength(60);
		expect(countedByB).toHaveLength(60);
		expect([a.store.reason, b.store.reason]).toEqual(['', '']);
		expect(peakInWindow([...countedByA, ...countedByB], WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
		expect(a.pacer.shared && b.pacer.shared).toBe(true);
	});

	test('one worker alone gets the whole limit, not its share, in a round trip per block of calls', async () => {
		const { pacer } = await worker(redis.port, 'alone');
		const countedAt = await callService(pacer, 100);
		expect(peakInWindow(countedAt, WINDOW_MS)).toBe(LIMIT);
		// Five slots a block at this limit (50 ms of a 200 ms window): 100 calls, about 20 reservations and the reports.
		expect(pacer.roundTrips).toBeLessThan(50);
	});

	test('without Redis from the start, a worker keeps to its share alone and says so once', async () => {
		// A proxy that drops every connection at once: nothing else can take its port meanwhile.
		const gone = new FaultProxy(redis.port);
		await gone.start();
		gone.cut();
		const port = gone.port;
		const { store, pacer } = await worker(port, 'unreachable');
		const countedAt = await callService(pacer, 30);
		expect(countedAt).toHaveLength(30);
		expect(peakInWindow(countedAt, WINDOW_MS)).toBeLessThanOrEqual(ALONE);
		expect(store.episode).toBe(1);
		expect(store.reason).toContain(`127.0.0.1:${port}`);
		await gone.stop();
	});

	test('a window flushed mid-job: the worker notices its slots are gone, goes on alone, and back', async () => {
		const { store, pacer } = await worker(redis.port, 'flushed');
		const admin = createClient({ socket: { host: '127.0.0.1', port: redis.port } });
		await admin.connect();
		const modes: boolean[] = [];
		const countedAt = await callService(pacer, 160, (call) => {
			modes.push(pacer.shared);
			if (call === 25) void admin.flushAll();
		});
		await admin.close();
		expect(countedAt).toHaveLength(160);
		expect(modes.includes(false)).toBe(true);
		expect(modes[modes.length - 1]).toBe(true);
		expect(store.episode).toBe(1);
		expect(store.reason).toContain('lost slots of flushed');
	});

	test('an hourly budget kept in Redis is one budget for every worker', async () => {
		const [a, b] = await Promise.all([worker(redis.port, 'hour-a'), worker(redis.port, 'hour-b')]);
		const hourOf = (store: RedisBudgetStore) =>
			new SharedHourlyBudget(store, store.key('hourly'), 2, new HourlyBudget(1));
		const [hourA, hourB] = [hourOf(a.store), hourOf(b.store)];
		const first = await hourA.take();
		const second = await hourB.take();
		const third = await hourA.take();
		expect([first.granted, second.granted, third.granted]).toEqual([true, true, false]);
		expect(third.granted === false && third.waitMs).toBeGreaterThan(3_590_000);
		// An attempt that cannot have reached Tencent gives its place back, for every worker.
		if (second.granted) hourB.giveBack(second.place);
		await sleep(50);
		expect((await hourA.take()).granted).toBe(true);
	});

	test('Redis lost mid-job: the job goes on at its share, and back in Redis once it answers', async () => {
		const server = new RedisServer();
		await server.start();
		const proxy = new FaultProxy(server.port);
		await proxy.start();
		const { store, pacer } = await worker(proxy.port, 'lost');
		const modes: boolean[] = [];
		const countedAt = await callService(pacer, 120, (call) => {
			modes.push(pacer.shared);
			if (call === 30) proxy.cut();
			if (call === 50) proxy.restore();
		});
		expect(countedAt).toHaveLength(120);
		expect(peakInWindow(countedAt, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
		expect(modes.slice(0, 30).every(Boolean)).toBe(true);
		expect(modes.includes(false)).toBe(true);
		expect(modes[modes.length - 1]).toBe(true);
		expect(store.episode).toBe(1);
		await proxy.stop();
		await server.stop();
	});
});
