#!/usr/bin/env node
/**
 * Queue mode in real n8n: a main process (`n8n start`, EXECUTIONS_MODE=queue), two workers
 * (`n8n worker`, one job at a time each), Redis for the queue (Debian's redis-server) and PostgreSQL
 * for the database every process shares (Debian's postgresql 15), all started here on free ports of
 * 127.0.0.1 and stopped again, each process with the package installed in its own user folder.
 *
 *   node test/e2e/queueMode.e2e.js      (alone; run.js calls checkQueueMode with its own `check`)
 *
 * Two Add Subscribers executions for one app, started at once through the main's REST API, go to
 * the queue and run on the two workers; their credential keeps Tencent's limits in the queue's Redis
 * (its own key prefix) at a Share of Rate Limits of 50. Together they must keep to add_subscriber's
 * 200 calls a second in every second (the fake Tencent server refuses a call over it with 60007),
 * and each must add all its subscribers. Needs `npm run build`-able sources and the compiled tests
 * (the fake server in .test-build).
 */
'use strict';

const { execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const {
	addSubscribersNode,
	controlFakeServer: control,
	inspectFakeServer: inspect,
	installN8n,
	installPackage,
	installTarball,
	restClient,
	startFakeServer,
	startProcess,
	stopProcess,
} = require('./n8n');

const ROOT = path.resolve(__dirname, '../..');
const SDK_APP_ID = 1400000022;
const SECRET_KEY = 'queue-e2e-secret-key-5c2e91';
const ADMIN = 'administrator';
const ACCOUNTS = ['@TOA#_queue_e2e_a', '@TOA#_queue_e2e_b'];
const SUBSCRIBERS = 20_000;
/** add_subscriber's limit for the app, which the fake server enforces. */
const APP_RATE = 200;
const KEY_PREFIX = 'tencent-chat-queue-e2e:';
/** Debian's PostgreSQL (15 on bookworm, newer later): the newest installed, or POSTGRES_BIN. */
const POSTGRES_BIN =
	process.env.POSTGRES_BIN ||
	`/usr/lib/postgresql/${(fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql') : ['15']).sort((a, b) => Number(b) - Number(a))[0]}/bin`;
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Queue',
	lastName: 'Owner',
	password: 'E2e-Passw0rd!',
};

/**
 * n8n's processes run at a lower priority than the fake Tencent server (and Redis): Tencent's
 * servers do not share n8n's CPUs. On a loaded machine where they take turns, a burst of calls
 * queues before the fake counts it while n8n runs, and its answers wait to be read while the fake
 * runs, so that no call is fast on both sides; the pacer takes the fastest round trip for the
 * floor of every round trip, which no real network breaks that way (see client/pacer.ts).
 */
function behindTencent(child) {
	os.setPriority(child.pid, 10);
}

async function freePort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
function asPostgres(command, args) {
	const bin = path.join(POSTGRES_BIN, command);
	return process.getuid?.() === 0
		? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
		: [bin, args];
}

/** A throw-away cluster in a temporary folder, trusting local connections, on a free port. */
async function startPostgres(dir) {
	if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
	const [initdb, initArgs] = asPostgres('initdb', [
		'-D',
		dir,
		'-U',
		'postgres',
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	execFileSync(initdb, initArgs, { stdio: 'pipe' });
	const port = await freePort();
	const [postgres, args] = asPostgres('postgres', [
		'-D',
		dir,
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
	]);
	const server = startProcess(
		postgres,
		args,
		process.env,
		/database system is ready to accept connections/,
		60_000,
	);
	await server.ready;
	return { child: server.child, port };
}

async function startRedis(dir) {
	const port = await freePort();
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		dir,
	];
	const server = startProcess(
		'redis-server',
		args,
		process.env,
		/Ready to accept connections/,
		20_000,
	);
	await server.ready;
	return { child: server.child, port };
}

/** How many keys under the credential's prefix Redis holds now. */
function keysUnderPrefix(port) {
	return new Promise((resolve) => {
		execFile(
			'redis-cli',
			['-h', '127.0.0.1', '-p', String(port), '--scan', '--pattern', `${KEY_PREFIX}*`],
			(error, stdout) => resolve(error ? 0 : stdout.split('\n').filter(Boolean).length),
		);
	});
}

/** The most calls in any 1-second window (a call at t and one at t + 1000 ms are in different windows). */
function mostInOneSecond(times) {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let first = 0, last = 0; last < sorted.length; last++) {
		while (sorted[last] - sorted[first] >= 1000) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

/** n8n answers "starting up" for a while after it listens; /healthz/readiness says when it is done. */
async function waitUntilReady(base, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await fetch(`${base}/healthz/readiness`).catch(() => undefined);
		if (response?.ok) return;
		await sleep(500);
	}
	throw new Error(`n8n's main process was not ready within ${timeoutMs} ms`);
}

function workflowFor(account, credentials) {
	const code = `return Array.from({ length: ${SUBSCRIBERS} }, (_, i) => ({ json: { account: '${account}', subscriber: 'q${account.slice(-1)}' + i } }));`;
	return {
		name: `Queue e2e: Add Subscribers to ${account}`,
		nodes: [
			{
				id: 't',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'c',
				name: 'Code',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: code },
			},
			addSubscribersNode({ credentials }),
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
			Code: { main: [[{ node: 'Tencent Chat', type: 'main', index: 0 }]] },
		},
		settings: {},
		active: false,
	};
}

/**
 * Sets up the whole queue-mode installation, runs the two jobs, reports through `check(name, ok,
 * detail)` and stops every process it started, whatever happens.
 */
async function checkQueueMode({ check, tools = installN8n(), tarball }) {
	const started = Date.now();
	const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-queue-e2e-'));
	// PostgreSQL's own user must reach its data folder inside.
	fs.chmodSync(temp, 0o755);
	const processes = [];
	const stopAll = async () => {
		for (const child of processes.reverse()) await stopProcess(child, 5_000);
	};
	try {
		// The package in a user folder per process, as on separate machines.
		const folders = ['main', 'worker1', 'worker2'].map((name) => path.join(temp, name));
		for (const folder of folders) fs.mkdirSync(folder);
		const packed = tarball ?? installPackage(folders[0]);
		for (const folder of tarball ? folders : folders.slice(1)) installTarball(folder, packed);

		const pgDir = path.join(temp, 'postgres');
		fs.mkdirSync(pgDir);
		const redisDir = path.join(temp, 'redis');
		fs.mkdirSync(redisDir);
		const [postgres, redis] = await Promise.all([startPostgres(pgDir), startRedis(redisDir)]);
		processes.push(postgres.child, redis.child);

		const fake = await startFakeServer();
		processes.push(fake.child);
		const serverUrl = fake.url;
		await control(serverUrl, 'apps', {
			sdkAppId: SDK_APP_ID,
			secretKey: SECRET_KEY,
			admins: [ADMIN],
			officialAccounts: Object.fromEntries(ACCOUNTS.map((account) => [account, {}])),
		});
		// Answers come 50 ms after Tencent counted the call, as over a network: a fake server starved
		// of CPU by a busy machine would otherwise count calls later than they were sent.
		await control(serverUrl, 'faults', { faults: { latencyMs: 50 } });

		const mainPort = await freePort();
		const shared = {
			...process.env,
			N8N_ENCRYPTION_KEY: 'queue-e2e-encryption-key',
			EXECUTIONS_MODE: 'queue',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_RUNNERS_ENABLED: 'false',
			NO_COLOR: '1',
		};
		const envFor = async (folder, extra = {}) => ({
			...shared,
			N8N_USER_FOLDER: folder,
			// Each its own task-broker port: another n8n on the machine may hold the default.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...extra,
		});

		// The main first: it creates the database's tables before the workers read them.
		const main = startProcess(
			tools.node,
			[tools.n8n, 'start'],
			await envFor(folders[0], {
				N8N_PORT: String(mainPort),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_SECURE_COOKIE: 'false',
			}),
			/Editor is now accessible|n8n ready on/,
			180_000,
		);
		processes.push(main.child);
		behindTencent(main.child);
		await main.ready;
		const base = `http://127.0.0.1:${mainPort}`;
		await waitUntilReady(base, 120_000);
		// One job at a time per worker: two jobs queued at once must go to the two workers.
		const workers = [];
		for (const folder of folders.slice(1)) {
			const worker = startProcess(
				tools.node,
				[tools.n8n, 'worker', '--concurrency=1'],
				await envFor(folder, { QUEUE_HEALTH_CHECK_ACTIVE: 'false' }),
				/n8n worker is now ready/,
				180_000,
			);
			processes.push(worker.child);
			behindTencent(worker.child);
			workers.push(worker);
		}
		await Promise.all(workers.map((worker) => worker.ready));
		check(
			'queue mode: n8n main, two workers, Redis and PostgreSQL are up',
			true,
			`main on ${mainPort}, Redis on ${redis.port}, PostgreSQL on ${postgres.port}, ${Math.round((Date.now() - started) / 1000)} s`,
		);

		const headers = { 'content-type': 'application/json', 'browser-id': 'queue-e2e' };
		const setup = await fetch(`${base}/rest/owner/setup`, {
			method: 'POST',
			headers,
			body: JSON.stringify(OWNER),
		});
		const cookie = (
			setup.headers.getSetCookie().find((value) => value.startsWith('n8n-auth=')) ?? ''
		).split(';')[0];
		if (!setup.ok || !cookie) throw new Error(`the owner set-up answered HTTP ${setup.status}`);
		const authed = { ...headers, cookie };
		const rest = restClient(base, authed);

		const credential = await rest('POST', '/credentials', {
			name: 'Tencent Chat queue e2e',
			type: 'tencentChatApi',
			data: {
				sdkAppId: SDK_APP_ID,
				identifier: ADMIN,
				secretKey: SECRET_KEY,
				region: 'custom',
				baseUrl: serverUrl,
				limitsKeptBy: 'redis',
				redisHost: '127.0.0.1',
				redisPort: redis.port,
				redisKeyPrefix: KEY_PREFIX,
				rateLimitShare: 50,
			},
		});
		const credentials = { tencentChatApi: { id: credential.id, name: credential.name } };
		const flows = [];
		for (const account of ACCOUNTS)
			flows.push(await rest('POST', '/workflows', workflowFor(account, credentials)));

		// Redis's keys under the credential's prefix live a few seconds after their last call: watched
		// while the jobs run, they show the budget was kept there.
		let mostKeys = 0;
		const watch = setInterval(
			() => void keysUnderPrefix(redis.port).then((keys) => (mostKeys = Math.max(mostKeys, keys))),
			250,
		);
		const runStarted = Date.now();
		const runs = await Promise.all(
			flows.map((flow) =>
				rest('POST', `/workflows/${flow.id}/run`, {
					triggerToStartFrom: { name: 'Manual Trigger' },
				}),
			),
		);
		const executionIds = runs.map((run) => String(run?.executionId));
		const deadline = Date.now() + 120_000;
		let executions = [];
		for (;;) {
			executions = await Promise.all(
				executionIds.map((id) => rest('GET', `/executions/${id}`).catch(() => undefined)),
			);
			if (executions.every((execution) => execution?.stoppedAt)) break;
			if (Date.now() > deadline)
				throw new Error(
					`the jobs did not finish within 120 s: ${executions.map((e) => e?.status).join(', ')}`,
				);
			await sleep(500);
		}
		const runMs = Date.now() - runStarted;
		clearInterval(watch);

		// Which worker ran which execution: each logs "Worker started execution <id> (job <n>)".
		const ranOn = executionIds.map(
			(id) =>
				workers.findIndex((worker) =>
					new RegExp(`Worker started execution ${id}\\b`).test(worker.output()),
				) + 1,
		);
		check(
			'queue mode: the two executions started through the main went to the queue and ran on different workers',
			ranOn.every((worker) => worker > 0) &&
				ranOn[0] !== ranOn[1] &&
				executions.every((execution) => execution.mode === 'manual'),
			`execution ${executionIds[0]} on worker ${ranOn[0] || '?'}, execution ${executionIds[1]} on worker ${ranOn[1] || '?'}`,
		);

		// n8n keeps an execution's data as `flatted` text; its own copy reads it.
		const flatted = require(path.resolve(tools.n8n, '../../../flatted'));
		const results = executions.map((execution) => {
			const task = flatted.parse(execution.data).resultData.runData['Tencent Chat']?.[0];
			const items = task?.data?.main?.[0] ?? [];
			return {
				status: execution.status,
				items: items.length,
				added: items.filter((item) => item.json.status === 'added').length,
				hints: (task?.hints ?? []).map((hint) => hint.message),
				startedAt: Date.parse(execution.startedAt),
				stoppedAt: Date.parse(execution.stoppedAt),
			};
		});
		const held = await Promise.all(
			ACCOUNTS.map(
				async (account) => (await inspect(serverUrl, 'subscribers', SDK_APP_ID, account)).length,
			),
		);
		check(
			`queue mode: each job is done, every one of its ${SUBSCRIBERS.toLocaleString('en')} subscribers added, and the server holds them`,
			results.every(
				(result) =>
					result.status === 'success' &&
					result.items === SUBSCRIBERS &&
					result.added === SUBSCRIBERS,
			) && held.every((count) => count === SUBSCRIBERS),
			results
				.map(
					(result, i) =>
						`job ${i + 1}: ${result.status}, ${result.added} added of ${result.items} items, server holds ${held[i]}`,
				)
				.join('; '),
		);
		const overlapMs =
			Math.min(...results.map((r) => r.stoppedAt)) - Math.max(...results.map((r) => r.startedAt));
		check(
			"queue mode: the jobs ran at the same time, with their limits kept in the queue's Redis (keys under the credential's prefix, no fallback said)",
			overlapMs > 0 && mostKeys > 0 && results.every((result) => result.hints.length === 0),
			`jobs of ${results.map((r) => r.stoppedAt - r.startedAt).join(' and ')} ms overlapping ${overlapMs} ms; up to ${mostKeys} keys under ${KEY_PREFIX}; hints ${JSON.stringify(results.map((result) => result.hints))}`,
		);

		const stats = await control(serverUrl, 'stats');
		const calls = stats.calls.add_subscriber ?? 0;
		const most = mostInOneSecond(stats.admittedAt);
		check(
			`queue mode: together at most Tencent's ${APP_RATE} calls a second in every 1-second window, 0 refused (60007)`,
			calls === (2 * SUBSCRIBERS) / 100 &&
				stats.rateLimited === 0 &&
				most <= APP_RATE &&
				stats.peakCallsPerSecondByCommand.add_subscriber <= APP_RATE,
			`${calls} add_subscriber calls, at most ${most} in any second (the server's own count ${stats.peakCallsPerSecondByCommand.add_subscriber}), ${stats.rateLimited} refused; ` +
				`${(runMs / 1000).toFixed(1)} s from the REST calls to both done; whole set-up and run ${Math.round((Date.now() - started) / 1000)} s`,
		);
	} catch (error) {
		check(
			'queue mode: the e2e ran to its end',
			false,
			String(error?.stack ?? error).slice(0, 3000),
		);
	} finally {
		await stopAll();
		fs.rmSync(temp, { recursive: true, force: true });
	}
}

module.exports = { checkQueueMode };

if (require.main === module) {
	let failed = 0;
	const check = (name, ok, detail = '') => {
		if (!ok) failed++;
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
	};
	void checkQueueMode({ check }).then(() => process.exit(failed === 0 ? 0 : 1));
}
