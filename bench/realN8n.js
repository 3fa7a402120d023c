#!/usr/bin/env node
/**
 * `npm run bench:real-n8n`: the way users add subscribers by hand, against this node, in real n8n.
 *
 * The e2e's n8n (test/e2e/package.json: n8n 2.41.1 on Node 24) with this package packed and
 * installed by hand, the project's fake Tencent Chat server as its own process with 50 ms latency
 * and Tencent's 200 calls/s per app on. Each run is one `n8n execute` of a workflow Manual Trigger →
 * Code (one item per subscriber) → the way under test, each run on its own official account:
 *   - n8n's HTTP Request node 4.2, predefined credential type `tencentChatApi`, one add_subscriber
 *     call per item: with its defaults, and with its Batching option (200 items per 1,000 ms);
 *   - this package's Tencent Chat node, Official Account → Add Subscribers.
 * Subscribers per second = subscribers the server holds afterwards ÷ a time from the run data that
 * `n8n execute` prints: the workflow's (startedAt → stoppedAt: trigger, Code node and the way under
 * test, not n8n's start-up), and the timed node's own `executionTime`.
 * Then what the HTTP Request node shows for Tencent errors that come with HTTP 200.
 *
 * Prints figures, asserts none: the machine is shared. Needs `npm run build` (the packed package)
 * and the compiled tests (the fake server in .test-build).
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const {
	addSubscribersNode,
	controlFakeServer: control,
	executeWorkflow: execute,
	inspectFakeServer: inspect,
	installN8n,
	installPackage,
	run,
	startFakeServer,
	stopProcess,
} = require('../test/e2e/n8n');

const ROOT = path.resolve(__dirname, '..');
const SDK_APP_ID = 1400000009;
const SECRET_KEY = 'bench-secret-key-5c2e81f04a9d';
const ADMIN = 'administrator';
const LATENCY_MS = 50;
const CREDENTIAL = { id: 'benchCred1', name: 'Tencent Chat bench' };
const MISSING_ACCOUNT = '@TOA#_bench_missing';

const RUNS = [
	{ id: 'benchHttpDefaults', way: 'HTTP Request 4.2, defaults', subscribers: 2_000, node: 'http' },
	{
		id: 'benchHttpBatching',
		way: 'HTTP Request 4.2, Batching 200 items / 1,000 ms',
		subscribers: 2_000,
		node: 'http',
		batching: { batch: { batchSize: 200, batchInterval: 1000 } },
	},
	{
		id: 'benchNode2k',
		way: 'Tencent Chat → Add Subscribers',
		subscribers: 2_000,
		node: 'tencentChat',
	},
	// 200 calls: one second's budget, sent at once. 100,000 needs five seconds' budgets: the sustained pace.
	{
		id: 'benchNode20k',
		way: 'Tencent Chat → Add Subscribers',
		subscribers: 20_000,
		node: 'tencentChat',
	},
	{
		id: 'benchNode100k',
		way: 'Tencent Chat → Add Subscribers',
		subscribers: 100_000,
		node: 'tencentChat',
	},
	// Over 250,000 IDs: the first second's calls leave while the rest is planned, output made as calls come back.
	{
		id: 'benchNode300k',
		way: 'Tencent Chat → Add Subscribers',
		subscribers: 300_000,
		node: 'tencentChat',
	},
];

/** Tencent errors that come with HTTP 200, and how to make the fake server answer them. */
const ERROR_PROBES = [
	{
		id: 'probeHttp130004',
		what: 'unknown official account (130004)',
		node: 'http',
		account: MISSING_ACCOUNT,
	},
	{
		id: 'probeHttp60007',
		what: 'frequency limit (60007)',
		node: 'http',
		// Another client has used the whole second's budget: every call is answered 60007.
		faults: { latencyMs: LATENCY_MS, reservedCallsPerSecond: 200 },
	},
	{
		id: 'probeNode130004',
		what: 'unknown official account (130004)',
		node: 'tencentChat',
		account: MISSING_ACCOUNT,
	},
];

const accountOf = (id) => `@TOA#_${id}`;
const names = { http: 'HTTP Request', tencentChat: 'Tencent Chat' };

function workflowFor(serverUrl, { id, node, subscribers = 1, account = accountOf(id), batching }) {
	const trigger = {
		id: 't',
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const code = {
		id: 'c',
		name: 'Code',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: {
			jsCode: `return Array.from({ length: ${subscribers} }, (_, i) => ({ json: { account: ${JSON.stringify(account)}, subscriber: 'sub_' + i } }));`,
		},
	};
	const credentials = { tencentChatApi: CREDENTIAL };
	const timed =
		node === 'http'
			? {
					id: 'h',
					name: names.http,
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [400, 0],
					parameters: {
						method: 'POST',
						url: `${serverUrl}/v4/official_account_open_http_svc/add_subscriber`,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'tencentChatApi',
						sendBody: true,
						specifyBody: 'json',
						jsonBody:
							'={{ JSON.stringify({ Official_Account: $json.account, SubscriberList: [{ Subscriber_Account: $json.subscriber }] }) }}',
						options: batching ? { batching } : {},
					},
					credentials,
				}
			: addSubscribersNode({ name: names.tencentChat, credentials });
	const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		id,
		name: id,
		active: false,
		nodes: [trigger, code, timed],
		connections: { 'Manual Trigger': link('Code'), Code: link(timed.name) },
		settings: {},
	};
}

async function measure(tools, env, serverUrl, spec) {
	await control(serverUrl, 'faults', { faults: { latencyMs: LATENCY_MS } });
	await control(serverUrl, 'reset-stats');
	const { run: result, wallMs } = execute(tools, env, spec.id);
	const stats = await control(serverUrl, 'stats');
	const held = (await inspect(serverUrl, 'subscribers', SDK_APP_ID, accountOf(spec.id))).length;
	const task = result.data.resultData.runData[names[spec.node]]?.[0];
	const items = task?.data?.main?.[0] ?? [];
	const nodeMs = task?.executionTime ?? NaN;
	const workflowMs = new Date(result.stoppedAt) - new Date(result.startedAt);
	return {
		...spec,
		status: result.status,
		held,
		nodeMs,
		workflowMs,
		wallMs,
		perSecond: held / (workflowMs / 1000),
		perSecondNode: held / (nodeMs / 1000),
		calls: stats.calls.add_subscriber ?? 0,
		rateLimited: stats.rateLimited,
		connections: stats.connections,
		peakCallsPerSecond: stats.peakCallsPerSecondByCommand.add_subscriber ?? 0,
		itemsOut: items.length,
		itemsSayingFail: items.filter(
			(item) => item.json?.ActionStatus === 'FAIL' || item.json?.status === 'failed',
		).length,
		// The node's items, one per subscriber in input order, each paired with its own input item.
		itemsOutOfPlace:
			spec.node === 'tencentChat'
				? items.filter(
						(item, i) => item.pairedItem?.item !== i || item.json?.subscriber !== `sub_${i}`,
					).length +
					(spec.subscribers - items.length)
				: NaN,
	};
}

async function probe(tools, env, serverUrl, spec) {
	await control(serverUrl, 'faults', { faults: spec.faults ?? { latencyMs: LATENCY_MS } });
	const { run: result } = execute(tools, env, spec.id);
	await control(serverUrl, 'faults', { faults: { latencyMs: LATENCY_MS } });
	const task = result.data.resultData.runData[names[spec.node]]?.[0];
	const first = task?.data?.main?.[0]?.[0]?.json;
	return {
		...spec,
		status: result.status,
		nodeError: task?.error?.message ?? null,
		firstItem: first ? JSON.stringify(first) : null,
	};
}

function machine(tools) {
	const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
	return {
		cores: os.availableParallelism(),
		cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
		benchNode: process.version,
		n8nNode: run(tools.node, ['--version']).trim(),
		n8n: run(tools.node, [tools.n8n, '--version']).trim(),
	};
}

const number = (value, digits = 0) =>
	Number.isFinite(value)
		? value.toLocaleString('en-US', {
				maximumFractionDigits: digits,
				minimumFractionDigits: digits,
			})
		: 'n/a';

function table(header, rows) {
	const lines = [header, header.map(() => '---'), ...rows];
	return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function report(about, results, probes) {
	console.log(
		`\nreal n8n: ${about.n8n} on Node ${about.n8nNode} (bench on Node ${about.benchNode}), ${about.cores} cores, ${about.cpu}`,
	);
	console.log(
		`fake Tencent Chat server: own process, ${LATENCY_MS} ms latency, 200 calls/s per app\n`,
	);
	console.log(
		table(
			[
				'way',
				'subscribers',
				'added (server)',
				'workflow ms',
				'subscribers/s (workflow)',
				'node ms',
				'subscribers/s (node)',
				'execute wall ms',
				'calls',
				'60007 answers',
				'connections',
				'peak calls/s',
				'items saying FAIL',
				'items out of place',
			],
			results.map((r) => [
				r.way,
				number(r.subscribers),
				number(r.held),
				number(r.workflowMs),
				number(r.perSecond),
				number(r.nodeMs),
				number(r.perSecondNode),
				number(r.wallMs),
				number(r.calls),
				number(r.rateLimited),
				number(r.connections),
				number(r.peakCallsPerSecond),
				number(r.itemsSayingFail),
				number(r.itemsOutOfPlace),
			]),
		),
	);
	console.log('\nratios of subscribers added per second (Tencent Chat ÷ HTTP Request):');
	const ratio = (a, b) => `${number(a / b, 1)}×`;
	console.log(
		table(
			['Tencent Chat run', 'HTTP Request run', 'by workflow time', 'by node time'],
			results
				.filter((node) => node.node === 'tencentChat')
				.flatMap((node) =>
					results
						.filter((http) => http.node === 'http')
						.map((http) => [
							`${number(node.subscribers)} subscribers`,
							`${http.way}, ${number(http.subscribers)}`,
							ratio(node.perSecond, http.perSecond),
							ratio(node.perSecondNode, http.perSecondNode),
						]),
				),
		),
	);
	console.log('\nwhat a user sees for a Tencent error that comes with HTTP 200:');
	console.log(
		table(
			['node', 'error', 'execution status', 'node error', 'first output item'],
			probes.map((p) => [
				names[p.node],
				p.what,
				p.status,
				p.nodeError ?? '(none)',
				p.firstItem ?? '(none)',
			]),
		),
	);
}

async function main() {
	const tools = installN8n();
	const about = machine(tools);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-bench-n8n-'));
	installPackage(userFolder);

	const fake = await startFakeServer();
	try {
		const serverUrl = fake.url;
		await control(serverUrl, 'apps', {
			sdkAppId: SDK_APP_ID,
			secretKey: SECRET_KEY,
			admins: [ADMIN],
			officialAccounts: Object.fromEntries(
				[...RUNS, ...ERROR_PROBES].map((spec) => [accountOf(spec.id), {}]),
			),
		});
		const env = {
			...process.env,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'bench-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_RUNNERS_ENABLED: 'false',
			NO_COLOR: '1',
		};
		const credentialsFile = path.join(userFolder, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([
				{
					...CREDENTIAL,
					type: 'tencentChatApi',
					data: {
						sdkAppId: SDK_APP_ID,
						identifier: ADMIN,
						secretKey: SECRET_KEY,
						region: 'custom',
						baseUrl: serverUrl,
					},
				},
			]),
		);
		run(tools.node, [tools.n8n, 'import:credentials', `--input=${credentialsFile}`], { env });
		for (const spec of [...RUNS, ...ERROR_PROBES]) {
			const file = path.join(userFolder, `${spec.id}.json`);
			fs.writeFileSync(file, JSON.stringify(workflowFor(serverUrl, spec)));
			run(tools.node, [tools.n8n, 'import:workflow', `--input=${file}`], { env });
		}

		const results = [];
		for (const spec of RUNS) {
			console.log(`running ${spec.way}, ${number(spec.subscribers)} subscribers`);
			results.push(await measure(tools, env, serverUrl, spec));
		}
		const probes = [];
		for (const spec of ERROR_PROBES) probes.push(await probe(tools, env, serverUrl, spec));
		report(about, results, probes);
		// Under build/bench (ignored by git): a bench run changes nothing tracked.
		const figures = path.join(ROOT, 'build', 'bench', 'real-n8n.json');
		fs.mkdirSync(path.dirname(figures), { recursive: true });
		fs.writeFileSync(
			figures,
			`${JSON.stringify({ date: new Date().toISOString(), about, results, probes }, null, 1)}\n`,
		);
		console.log(`\nFigures of this run: ${figures}`);
	} finally {
		await stopProcess(fake.child, 2_000);
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
