import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { IDataObject, IRun } from 'n8n-workflow';

import { runNode } from '../helpers/engine';
import { FaultProxy } from '../helpers/faultProxy';
import {
	addSubscribersParameters,
	credentialsFor,
	fakeApp,
	REDIS_PASSWORD,
	SDK_APP_ID,
	WRONG_REDIS_PASSWORD,
} from '../helpers/fixtures';
import { RedisServer } from '../helpers/redisServer';
import { useFakeServer } from '../helpers/useFakeServer';

// Queue mode: the credential keeps Tencent's limits in a real Redis (Debian's redis-server) for
// every n8n process. The fake server enforces add_subscriber's 200 calls a second for the app and
// counts every call it refused for it (60007).
//
// What the shared limiter guarantees is on its own clock: no more than 200 calls leave in any
// second, every process's together. The fake counts a call when it reads it, which is later than
// when the call left by however long it waited in flight; on a busy machine that wait varies (a
// call that waited 30 ms, then one that waited 1 ms), so calls that left more than a second apart
// can be read less than a second apart, and refused. So two processes' jobs are checked on the
// moments their limiters let calls go; the fake's refusals are checked to be retried, each once.

const ACCOUNTS = ['@TOA#_queue_a', '@TOA#_queue_b'];
const server = useFakeServer(() => fakeApp({ [ACCOUNTS[0]]: {}, [ACCOUNTS[1]]: {} }));
const redis = new RedisServer();
beforeAll(() => redis.start());
afterAll(() => redis.stop());

/** `count` subscribers for `account`, 100 an item: every call is full. */
function items(account: string, count: number): IDataObject[] {
	return Array.from({ length: count / 100 }, (_, item) => ({
		officialAccount: account,
		subscribers: Array.from({ length: 100 }, (__, n) => `${account.slice(-1)}${item * 100 + n}`),
	}));
}

function credentials(port: number, overrides: Record<string, string | number | boolean> = {}) {
	return credentialsFor(server, {
		limitsKeptBy: 'redis',
		redisHost: '127.0.0.1',
		redisPort: port,
		rateLimitShare: 50,
		...overrides,
	}) as Record<string, string | number | boolean>;
}

interface JobResult {
	error?: string;
	outputItems: number;
	added: number;
	hints: string[];
	/** When the job's limiters let each add_subscriber call go (ms since the epoch). */
	departures: number[];
}

/** The most of `moments` (ms) in any one second: in (t - 1000, t] for some t. */
function mostInOneSecond(moments: number[]): number {
	const sorted = [...moments].sort((a, b) => a - b);
	let most = 0;
	let from = 0;
	for (let to = 0; to < sorted.length; to++) {
		while (sorted[from] <= sorted[to] - 1_000) from++;
		most = Math.max(most, to - from + 1);
	}
	return most;
}

/** An Add Subscribers job in a process of its own, as an n8n worker runs it. */
function jobInItsOwnProcess(
	account: string,
	count: number,
	credentials: Record<string, string | number | boolean>,
): Promise<JobResult> {
	return new Promise((resolve, reject) => {
		const child = fork(
			join(__dirname, '../helpers/isolated/addSubscribersJob.js'),
			[JSON.stringify({ account, count, credentials })],
			{
				stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
			},
		);
		let out = '';
		child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr?.resume();
		child.on('exit', (code) => {
			const line = out.split('\n').find((text) => text.startsWith('RESULT '));
			if (line) resolve(JSON.parse(line.slice(7)) as JobResult);
			else reject(new Error(`the job exited with ${code}: ${out.slice(-300)}`));
		});
	});
}

/** The hints the node left in its output pane. */
function hints(run: IRun): string[] {
	return (run.data.resultData.runData['Tencent Chat']?.[0]?.hints ?? []).map(
		(hint) => hint.message,
	);
}

describe('Queue mode: the limits kept in Redis for every n8n process', () => {
	test('two n8n processes adding subscribers to one app at once keep to its limit together, and each job is done', async () => {
		// Answers take 50 ms after Tencent counted the call, as over a network (and in the bench): a
		// fake server starved of CPU by the test machine would otherwise count calls late.
		server.setFaults({ latencyMs: 50 });
		const jobs = await Promise.all(
			ACCOUNTS.map((account) => jobInItsOwnProcess(account, 40_000, credentials(redis.port))),
		);

		const done = { outputItems: 40_000, added: 40_000, hints: [], departures: expect.any(Array) };
		expect(jobs).toEqual([done, done]);
		const departures = jobs.flatMap((job) => job.departures);
		// Every call of both processes left by their limiters, together no more than 200 in a second.
		expect(jobs.every((job) => job.departures.length >= 400)).toBe(true);
		expect(departures).toHaveLength(800 + server.stats.rateLimited);
		expect(mostInOneSecond(departures)).toBeLessThanOrEqual(200);
		// Each batch carried out once: a call the fake refused was sent again, and nothing else was.
		expect(server.stats.applied.add_subscriber).toBe(800);
		expect(server.stats.calls.add_subscriber).toBe(800 + server.stats.rateLimited);
		expect(server.inspect('subscribers', SDK_APP_ID, ACCOUNTS[0])).toHaveLength(40_000);
		expect(server.inspect('subscribers', SDK_APP_ID, ACCOUNTS[1])).toHaveLength(40_000);
	}, 90_000);

	test('Redis killed mid-job and restarted: the job finishes, nothing lost or sent twice, and the output says so once', async () => {
		const flaky = new RedisServer();
		await flaky.start();
		let killed = false;
		const watch = setInterval(() => {
			const calls = server.stats.calls.add_subscriber ?? 0;
			if (!killed && calls >= 150) {
				killed = true;
				void flaky.kill();
			} else if (killed && calls >= 300) {
				clearInterval(watch);
				void flaky.start();
			}
		}, 10);

		const { output, error, run } = await runNode({
			parameters: addSubscribersParameters(),
			items: items(ACCOUNTS[0], 60_000),
			credentials: credentials(flaky.port),
		});
		clearInterval(watch);

		expect(error).toBeUndefined();
		expect(output).toHaveLength(60_000);
		expect(output.every((item) => item.json.status === 'added')).toBe(true);
		expect(server.inspect('subscribers', SDK_APP_ID, ACCOUNTS[0])).toHaveLength(60_000);
		expect(server.stats.calls.add_subscriber).toBe(600);
		expect(server.stats.rateLimited).toBe(0);
		const said = hints(run).filter((hint) => hint.includes('kept by this n8n process alone'));
		expect(said).toHaveLength(1);
		expect(said[0]).toContain('Share of Rate Limits (50%)');
		await flaky.stop();
	}, 60_000);

	test('Redis unreachable from the start: the job runs at the share of this process, saying so once', async () => {
		server.setFaults({ latencyMs: 50 });
		// A proxy that drops every connection at once: nothing else can take its port meanwhile.
		const gone = new FaultProxy(redis.port);
		await gone.start();
		gone.cut();

		const { output, error, run } = await runNode({
			parameters: addSubscribersParameters(),
			items: items(ACCOUNTS[1], 20_000),
			credentials: credentials(gone.port),
		});

		expect(error).toBeUndefined();
		expect(output.every((item) => item.json.status === 'added')).toBe(true);
		expect(server.stats.peakCallsPerSecondByCommand.add_subscriber).toBeLessThanOrEqual(100);
		expect(
			hints(run).filter((hint) => hint.includes(`Redis at 127.0.0.1:${gone.port}`)),
		).toHaveLength(1);
		await gone.stop();
	}, 60_000);

	test('a Redis that answers slowly (150 ms each way) does not slow a job below the share of this process', async () => {
		const proxy = new FaultProxy(redis.port);
		await proxy.start();
		proxy.delayMs = 150;

		const { output, error, run } = await runNode({
			parameters: addSubscribersParameters(),
			items: items(ACCOUNTS[0], 40_000),
			credentials: credentials(proxy.port),
		});
		await proxy.stop();

		expect(error).toBeUndefined();
		expect(output.every((item) => item.json.status === 'added')).toBe(true);
		expect(server.stats.rateLimited).toBe(0);
		// More than the share (100 a second) in some second: Redis was used, slow as it was.
		expect(server.stats.peakCallsPerSecondByCommand.add_subscriber).toBeGreaterThan(100);
		expect(hints(run)).toEqual([]);
	}, 60_000);

	test('a wrong Redis password is an error naming the field, before any call, and the password shows nowhere', async () => {
		const guarded = new RedisServer({ password: REDIS_PASSWORD });
		await guarded.start();

		const wrong = await runNode({
			parameters: addSubscribersParameters(),
			items: items(ACCOUNTS[0], 100),
			credentials: credentials(guarded.port, { redisPassword: WRONG_REDIS_PASSWORD }),
		});
		const right = await runNode({
			parameters: addSubscribersParameters(),
			items: items(ACCOUNTS[1], 100),
			credentials: credentials(guarded.port, { redisPassword: REDIS_PASSWORD }),
		});
		await guarded.stop();

		expect(wrong.error?.message).toContain('refused the Redis User and Redis Password');
		expect(wrong.error?.description).toContain(
			'Fix "Redis Password" in the Tencent Chat API credential',
		);
		expect(server.inspect('subscribers', SDK_APP_ID, ACCOUNTS[0])).toHaveLength(0);
		expect(right.error).toBeUndefined();
		expect(right.output).toHaveLength(100);
		expect(hints(right.run)).toEqual([]);
	}, 30_000);
});
