#!/usr/bin/env node
/**
 * End-to-end: the packed package inside a pinned, real n8n 2.x, as a user gets it.
 *
 *   npm run test:e2e [-- --report file.json]
 *
 * Installs Node 24 and n8n (test/e2e/package.json and its lockfile) into a cache outside the clone
 * (N8N_E2E_CACHE, default ~/.cache/n8n-nodes-tencent-chat-e2e), packs this project with `npm pack`,
 * installs the tarball into n8n's nodes folder the way a user installs a community node by hand,
 * starts the project's fake Tencent Chat server, imports a credential and four workflows, runs them
 * with `n8n execute`, then starts n8n to check what it reports about the node and to run the
 * credential's Test as the editor does, and walks through the editor in Chromium (browser.e2e.js).
 * Needs `npm run build` and the compiled tests (`npm test`).
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { checkInBrowser } = require('./browser.e2e');
const { installN8n, installPackage, run, startProcess, stopProcess } = require('./n8n');

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = 'n8n-nodes-tencent-chat';
const NODE_TYPE = `${PACKAGE}.tencentChat`;
const SDK_APP_ID = 1400000002;
const SECRET_KEY = 'e2e-secret-key-7d41b0c9a5e2f3';
const ADMIN = 'administrator';
const ACCOUNT_A = '@TOA#_e2e_a';
const ACCOUNT_B = '@TOA#_e2e_b';
const PRE_SUBSCRIBED = Array.from({ length: 10 }, (_, i) => `u${2 * i}`);

const checks = [];
function check(name, ok, detail = '') {
	checks.push({ name, ok: Boolean(ok), detail });
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

async function control(serverUrl, pathName, body = {}) {
	const response = await fetch(`${serverUrl}/_fake/${pathName}`, { method: 'POST', body: JSON.stringify(body) });
	return await response.json();
}

function workflow(id, nodes, connections) {
	return { id, name: id, active: false, nodes, connections, settings: {} };
}

const trigger = { id: 't', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
const code = (jsCode) => ({ id: 'c', name: 'Code', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode } });
const chain = (...names) =>
	Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
const tencentChat = (extra = {}) => ({
	id: 'tc',
	name: 'Tencent Chat',
	type: NODE_TYPE,
	typeVersion: 1,
	position: [400, 0],
	parameters: {
		resource: 'officialAccount',
		operation: 'addSubscribers',
		officialAccountId: '={{ $json.account }}',
		subscriberIds: '={{ $json.subscriber }}',
		options: {},
	},
	credentials: { tencentChatApi: { id: 'tcCred1', name: 'Tencent Chat e2e' } },
	...extra,
});

function workflows(serverUrl) {
	return [
		workflow(
			'e2eAddSubscribers',
			[
				trigger,
				code(
					`// 1,000 items over two accounts; the last 100 repeat earlier ones.
return Array.from({ length: 1000 }, (_, i) => ({ json: { account: i % 2 ? '${ACCOUNT_B}' : '${ACCOUNT_A}', subscriber: 'u' + (i % 900) } }));`,
				),
				tencentChat(),
			],
			chain('Manual Trigger', 'Code', 'Tencent Chat'),
		),
		workflow(
			'e2eContinueOnFail',
			[
				trigger,
				code(
					`return Array.from({ length: 10 }, (_, i) => ({ json: { account: i < 6 ? '${ACCOUNT_B}' : '@TOA#_e2e_missing', subscriber: 'cof' + i } }));`,
				),
				tencentChat({ onError: 'continueRegularOutput' }),
			],
			chain('Manual Trigger', 'Code', 'Tencent Chat'),
		),
		workflow(
			'e2eHttpRequest',
			[
				trigger,
				{
					id: 'h',
					name: 'HTTP Request',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [200, 0],
					parameters: {
						method: 'POST',
						url: `${serverUrl}/v4/official_account_open_http_svc/add_subscriber`,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'tencentChatApi',
						sendBody: true,
						specifyBody: 'json',
						jsonBody: JSON.stringify({
							Official_Account: ACCOUNT_B,
							SubscriberList: [{ Subscriber_Account: 'http1' }, { Subscriber_Account: 'http2' }],
						}),
						options: {},
					},
					credentials: { tencentChatApi: { id: 'tcCred1', name: 'Tencent Chat e2e' } },
				},
			],
			chain('Manual Trigger', 'HTTP Request'),
		),
	];
}

/** `n8n execute` prints log lines, then the run as JSON from a line that is just "{". */
function execute(tools, env, id) {
	const result = spawnSync(tools.node, [tools.n8n, 'execute', `--id=${id}`, '--rawOutput'], {
		env,
		encoding: 'utf8',
		maxBuffer: 256 * 2 ** 20,
	});
	const lines = result.stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) {
		throw new Error(`n8n execute --id=${id} gave no run (${result.status}): ${`${result.stdout}\n${result.stderr}`.slice(-3000)}`);
	}
	return JSON.parse(lines.slice(start).join('\n'));
}

const outputOf = (runResult, nodeName) => runResult.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];

async function checkWorkflows(tools, env, serverUrl) {
	const first = execute(tools, env, 'e2eAddSubscribers');
	const items = outputOf(first, 'Tencent Chat');
	const wrong = items.filter((item, i) => {
		const subscriber = `u${i % 900}`;
		const account = i % 2 ? ACCOUNT_B : ACCOUNT_A;
		const already = account === ACCOUNT_A && PRE_SUBSCRIBED.includes(subscriber);
		return (
			item.pairedItem?.item !== i ||
			item.json.officialAccount !== account ||
			item.json.subscriberAccount !== subscriber ||
			item.json.result !== (already ? 2 : 1) ||
			item.json.status !== (already ? 'alreadySubscribed' : 'added')
		);
	});
	check('workflow 1: 1,000 items over two accounts give 1,000 correct paired outputs', items.length === 1000 && wrong.length === 0, `${items.length} items, ${wrong.length} wrong`);
	const a = (await control(serverUrl, 'subscribers', { sdkAppId: SDK_APP_ID, officialAccount: ACCOUNT_A })).subscribers;
	check('workflow 1: the server holds every subscriber of account A', a.length === 450, `${a.length} of 450`);

	const second = execute(tools, env, 'e2eContinueOnFail');
	const cof = outputOf(second, 'Tencent Chat');
	const failed = cof.filter((item) => item.json.status === 'failed');
	check(
		'workflow 2: with Continue On Fail, the missing account fails with its error code and the rest are added',
		cof.length === 10 &&
			failed.length === 4 &&
			failed.every((item) => item.json.errorCode === 130004 && item.pairedItem.item >= 6) &&
			cof.filter((item) => item.json.status === 'added').length === 6 &&
			second.data.resultData.error === undefined,
		JSON.stringify(cof.map((item) => `${item.json.subscriberAccount}:${item.json.status}:${item.json.errorCode ?? ''}`)),
	);
	const b = (await control(serverUrl, 'subscribers', { sdkAppId: SDK_APP_ID, officialAccount: ACCOUNT_B })).subscribers;
	check('workflow 2: the server holds the six that were added', ['cof0', 'cof5'].every((id) => b.includes(id)) && !b.includes('cof6'));

	const before = await control(serverUrl, 'stats');
	const third = execute(tools, env, 'e2eHttpRequest');
	const answer = outputOf(third, 'HTTP Request')[0]?.json ?? {};
	const after = await control(serverUrl, 'stats');
	check(
		"workflow 3: n8n's HTTP Request node, signed by the credential's authenticate, adds subscribers",
		answer.ActionStatus === 'OK' &&
			answer.SubscriberList?.every((entry) => entry.Result === 1) &&
			after.rejectedSignatures === before.rejectedSignatures,
		JSON.stringify(answer),
	);
}

/** n8n answers "starting up" for a while after it listens; /healthz/readiness says when it is done. */
async function waitUntilReady(base, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await fetch(`${base}/healthz/readiness`).catch(() => undefined);
		if (response?.ok) {
			const types = await fetch(`${base}/types/nodes.json`).catch(() => undefined);
			const text = types ? await types.text() : '';
			if (!text.includes('starting up')) return;
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n was not ready within ${timeoutMs} ms`);
}

async function checkRunningN8n(tools, env, serverUrl) {
	const port = 5800 + Math.floor(Math.random() * 1000);
	const server = startProcess(
		tools.node,
		[tools.n8n, 'start'],
		{ ...env, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1', N8N_SECURE_COOKIE: 'false' },
		/Editor is now accessible|n8n ready on/,
		120_000,
	);
	try {
		await server.ready;
		const base = `http://127.0.0.1:${port}`;
		await waitUntilReady(base, 120_000);
		const headers = { 'content-type': 'application/json', 'browser-id': 'e2e-browser' };
		const setup = await fetch(`${base}/rest/owner/setup`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Passw0rd!' }),
		});
		const cookie = (setup.headers.getSetCookie().find((value) => value.startsWith('n8n-auth=')) ?? '').split(';')[0];
		check('n8n starts and takes an owner', setup.ok && cookie.startsWith('n8n-auth='), `HTTP ${setup.status}`);
		const authed = { ...headers, cookie };

		const nodeTypesResponse = await fetch(`${base}/types/nodes.json`, { headers: authed });
		const nodeTypesText = await nodeTypesResponse.text();
		if (!nodeTypesResponse.ok || !nodeTypesText.startsWith('[')) {
			throw new Error(`/types/nodes.json answered HTTP ${nodeTypesResponse.status}: ${nodeTypesText.slice(0, 300)}`);
		}
		const nodeTypes = JSON.parse(nodeTypesText);
		const node = nodeTypes.find((type) => type.name === NODE_TYPE);
		check(
			'n8n loaded the node with its description',
			node?.displayName === 'Tencent Chat' && node.usableAsTool === true && node.credentials?.[0]?.name === 'tencentChatApi',
			node ? `${node.displayName}, v${node.version}, ${node.properties.length} properties` : 'not among the loaded node types',
		);
		for (const theme of ['light', 'dark']) {
			const iconUrl = node?.iconUrl?.[theme];
			const icon = iconUrl ? await fetch(`${base}/${iconUrl}`, { headers: authed }) : undefined;
			const body = icon?.ok ? await icon.text() : '';
			check(`n8n serves the node's ${theme} icon`, body.includes('<svg'), iconUrl ?? 'no iconUrl');
		}
		const credentialTypes = await (await fetch(`${base}/types/credentials.json`, { headers: authed })).json();
		const credential = credentialTypes.find((type) => type.name === 'tencentChatApi');
		check(
			'n8n loaded the credential with its fields',
			credential?.displayName === 'Tencent Chat API' &&
				['sdkAppId', 'identifier', 'secretKey', 'region'].every((field) => credential.properties.some((p) => p.name === field)),
			credential ? credential.properties.map((p) => p.name).join(', ') : 'not loaded',
		);

		const testCredential = async (data) => {
			const response = await fetch(`${base}/rest/credentials/test`, {
				method: 'POST',
				headers: authed,
				body: JSON.stringify({ credentials: { id: 'tcCred1', name: 'Tencent Chat e2e', type: 'tencentChatApi', data } }),
			});
			return (await response.json()).data ?? {};
		};
		const good = { sdkAppId: SDK_APP_ID, identifier: ADMIN, secretKey: SECRET_KEY, region: 'custom', baseUrl: serverUrl };
		const ok = await testCredential(good);
		check("the credential's Test succeeds with the right key", ok.status === 'OK', JSON.stringify(ok));
		const wrongKey = await testCredential({ ...good, secretKey: 'a-wrong-key-for-the-test' });
		check(
			"the credential's Test names the Secret Key when the key is wrong",
			wrongKey.status === 'Error' && /Secret Key/.test(wrongKey.message),
			JSON.stringify(wrongKey),
		);
		const wrongRegion = await testCredential({ ...good, sdkAppId: 1400999999 });
		check(
			"the credential's Test points at the region when the app is unknown there",
			wrongRegion.status === 'Error' && /region/i.test(wrongRegion.message),
			JSON.stringify(wrongRegion),
		);

		await checkInBrowser({
			baseUrl: base,
			owner: { email: 'owner@example.com', password: 'E2e-Passw0rd!' },
			serverUrl,
			credential: { sdkAppId: SDK_APP_ID, identifier: ADMIN, secretKey: SECRET_KEY },
			officialAccount: ACCOUNT_A,
			alreadySubscribed: PRE_SUBSCRIBED[0],
			check,
			screenshotDir: path.join(ROOT, '.ci-reports', 'screenshots'),
		});
	} finally {
		await stopProcess(server.child);
	}
}

async function main() {
	const reportIndex = process.argv.indexOf('--report');
	const reportPath = reportIndex > 0 ? path.resolve(process.argv[reportIndex + 1]) : undefined;
	let fake;
	try {
		const tools = installN8n();
		check('Node 24 and n8n are installed', fs.existsSync(tools.node) && fs.existsSync(tools.n8n), run(tools.node, [tools.n8n, '--version']).trim());

		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-e2e-'));
		const tarball = installPackage(userFolder);
		const packed = run('tar', ['-tzf', tarball]).split('\n');
		check(
			'the packed tarball holds the node, the credential, the codex and both icons',
			['dist/nodes/TencentChat/TencentChat.node.js', 'dist/credentials/TencentChatApi.credentials.js', 'dist/nodes/TencentChat/TencentChat.node.json', 'dist/icons/tencentChat.svg', 'dist/icons/tencentChat.dark.svg'].every((file) => packed.includes(`package/${file}`)),
			path.basename(tarball),
		);

		const fakeServer = startProcess(process.execPath, [path.join(ROOT, '.test-build/test/fake-tencent/main.js')], process.env, /listening (\S+)/, 10_000);
		fake = fakeServer.child;
		const serverUrl = (await fakeServer.ready)[1];
		await control(serverUrl, 'apps', {
			sdkAppId: SDK_APP_ID,
			secretKey: SECRET_KEY,
			admins: [ADMIN],
			officialAccounts: { [ACCOUNT_A]: { subscribers: PRE_SUBSCRIBED }, [ACCOUNT_B]: {} },
		});

		const env = {
			...process.env,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key',
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
					id: 'tcCred1',
					name: 'Tencent Chat e2e',
					type: 'tencentChatApi',
					data: { sdkAppId: SDK_APP_ID, identifier: ADMIN, secretKey: SECRET_KEY, region: 'custom', baseUrl: serverUrl },
				},
			]),
		);
		run(tools.node, [tools.n8n, 'import:credentials', `--input=${credentialsFile}`], { env });
		for (const flow of workflows(serverUrl)) {
			const file = path.join(userFolder, `${flow.id}.json`);
			fs.writeFileSync(file, JSON.stringify(flow));
			run(tools.node, [tools.n8n, 'import:workflow', `--input=${file}`], { env });
		}

		await checkWorkflows(tools, env, serverUrl);
		await checkRunningN8n(tools, env, serverUrl);
	} catch (error) {
		check('the end-to-end suite ran to its end', false, String(error?.stack ?? error).slice(0, 3000));
	} finally {
		if (fake) await stopProcess(fake, 2_000);
	}

	const passed = checks.filter((c) => c.ok).length;
	const failed = checks.length - passed;
	if (reportPath) fs.writeFileSync(reportPath, JSON.stringify({ passed, failed, checks }, null, 2));
	console.log(`e2e: ${passed} passed, ${failed} failed`);
	process.exit(failed === 0 ? 0 : 1);
}

void main();
