#!/usr/bin/env node
/**
 * `npm start`: the package in a real n8n, with no Tencent account.
 *
 * Packs the package from a clean clone (test/e2e/pack.js), starts the n8n the end-to-end suite pins
 * (test/e2e/package.json, installed once into a cache) in a fresh user folder (build/start), installs
 * the tarball there, starts the project's fake Tencent Chat server (its state kept while it runs),
 * sets up an owner, a credential pointing at the fake server and the workflows of examples/, then
 * prints the URL and the sign-in. Ctrl-C (SIGINT) or SIGTERM stops n8n and the fake server.
 *
 * START_PORT picks n8n's port (default 5678, or a free one if 5678 is taken); START_FOLDER the user
 * folder (default build/start, emptied at each start).
 */
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const {
	controlFakeServer,
	installN8n,
	installTarball,
	startProcess,
	stopProcess,
} = require('../test/e2e/n8n');
const { packCleanClone } = require('../test/e2e/pack');

const ROOT = path.resolve(__dirname, '..');
const USER_FOLDER = path.resolve(process.env.START_FOLDER || path.join(ROOT, 'build', 'start'));
const EXAMPLES = path.join(ROOT, 'examples');
const FAKE_SERVER = path.join(ROOT, '.test-build', 'test', 'fake-tencent', 'main.js');

/** The fake app: what the example workflows expect to find. */
const APP = {
	sdkAppId: 1400000001,
	secretKey: 'npm-start-fake-secret-key',
	admins: ['administrator'],
	officialAccounts: {
		'@TOA#_shop': { subscribers: ['regular1', 'regular2', 'test_bot1', 'test_bot2'] },
	},
	accounts: ['regular1', 'regular2', 'test_bot1', 'test_bot2'],
};
const CALLBACK_TOKEN = 'npm-start-callback-token';
const OWNER = {
	email: 'try@example.com',
	firstName: 'Try',
	lastName: 'Tencent Chat',
	password: 'TryTencentChat1',
};
const CREDENTIAL_NAME = 'Tencent Chat (fake server)';

const children = [];
let stopping;

function say(line) {
	process.stdout.write(`${line}\n`);
}

async function freePort(preferred) {
	const listens = (port) =>
		new Promise((resolve) => {
			const server = net.createServer();
			server.once('error', () => resolve(undefined));
			server.listen(port, '127.0.0.1', () => {
				const { port: taken } = server.address();
				server.close(() => resolve(taken));
			});
		});
	return (await listens(preferred)) ?? (await listens(0));
}

async function waitUntilReady(base, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await fetch(`${base}/healthz/readiness`).catch(() => undefined);
		if (response?.ok) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n was not ready within ${timeoutMs / 1000} s`);
}

/** n8n's own REST API, as the editor calls it. */
function restClient(base) {
	const headers = { 'content-type': 'application/json', 'browser-id': 'npm-start' };
	const call = async (method, route, body) => {
		const response = await fetch(`${base}/rest${route}`, {
			method,
			headers,
			body: body && JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(
				`${method} /rest${route} answered HTTP ${response.status}: ${text.slice(0, 500)}`,
			);
		const cookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
		if (cookie) headers.cookie = cookie.split(';')[0];
		return JSON.parse(text).data;
	};
	return call;
}

/** The example workflows, their credentials pointed at the one made here. */
function examples(credential) {
	return fs
		.readdirSync(EXAMPLES)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const flow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));
			for (const node of flow.nodes) {
				if (node.credentials?.tencentChatApi)
					node.credentials.tencentChatApi = { id: credential.id, name: credential.name };
			}
			return flow;
		});
}

async function main() {
	say('packing the package from a clean clone (npm pack: its prepack builds dist/)');
	const tarball = packCleanClone();
	const tools = installN8n();

	// A fresh n8n each time, as the fake server is fresh each time: nothing it holds outlives a run.
	fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	installTarball(USER_FOLDER, tarball);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	say(
		`installed ${path.basename(tarball)} into ${path.relative(ROOT, USER_FOLDER) || USER_FOLDER}/.n8n/nodes`,
	);

	const fake = startProcess(
		process.execPath,
		[FAKE_SERVER],
		process.env,
		/listening (\S+)/,
		10_000,
	);
	children.push(fake.child);
	const serverUrl = (await fake.ready)[1];
	await controlFakeServer(serverUrl, 'apps', APP);

	const port = await freePort(Number(process.env.START_PORT || 5678));
	const base = `http://127.0.0.1:${port}`;
	const env = {
		...process.env,
		N8N_USER_FOLDER: USER_FOLDER,
		N8N_ENCRYPTION_KEY: 'npm-start-encryption-key',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort(0)),
		NO_COLOR: '1',
	};
	say(
		`starting n8n ${JSON.parse(fs.readFileSync(path.join(tools.n8n, '../../package.json'), 'utf8')).version} on Node 24`,
	);
	const n8n = startProcess(
		tools.node,
		[tools.n8n, 'start'],
		env,
		/Editor is now accessible|n8n ready on/,
		180_000,
	);
	children.push(n8n.child);
	const log = fs.createWriteStream(path.join(USER_FOLDER, 'n8n.log'));
	n8n.child.stdout.pipe(log);
	n8n.child.stderr.pipe(log);
	n8n.child.once('exit', (code) => {
		if (!stopping) void stop(`n8n exited (${code}): ${n8n.output().slice(-2000)}`, 1);
	});
	await n8n.ready;
	await waitUntilReady(base, 120_000);

	const rest = restClient(base);
	await rest('POST', '/owner/setup', OWNER);
	const credential = await rest('POST', '/credentials', {
		name: CREDENTIAL_NAME,
		type: 'tencentChatApi',
		data: {
			sdkAppId: APP.sdkAppId,
			identifier: APP.admins[0],
			secretKey: APP.secretKey,
			region: 'custom',
			baseUrl: serverUrl,
			callbackToken: CALLBACK_TOKEN,
		},
	});
	const imported = [];
	for (const flow of examples(credential)) {
		const created = await rest('POST', '/workflows', { ...flow, active: false });
		const trigger = flow.nodes.find(
			(node) => node.type === 'n8n-nodes-tencent-chat.tencentChatTrigger',
		);
		if (trigger) {
			await rest('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
			// The fake server calls the trigger back as Tencent would, signed with the callback token.
			await controlFakeServer(serverUrl, 'callbacks', {
				sdkAppId: APP.sdkAppId,
				url: `${base}/webhook/${trigger.webhookId}/callback`,
				token: CALLBACK_TOKEN,
			});
		}
		imported.push(`${created.name}${trigger ? ' (active)' : ''}: ${base}/workflow/${created.id}`);
	}

	say('');
	say(`Tencent Chat in n8n is ready: ${base}`);
	say(`  sign in:    ${OWNER.email} / ${OWNER.password}`);
	say(`  n8n's log:  ${path.relative(ROOT, path.join(USER_FOLDER, 'n8n.log'))}`);
	say(
		`  credential: "${CREDENTIAL_NAME}", SDKAppID ${APP.sdkAppId} on the fake Tencent Chat server ${serverUrl}`,
	);
	for (const line of imported) say(`  workflow:   ${line}`);
	say(
		'  Open a workflow and run it. To call real Tencent Chat instead, add a Tencent Chat API credential',
	);
	say(
		'  with your app (see the README) and pick it in the nodes. Ctrl-C stops n8n and the fake server;',
	);
	say('  the next npm start begins afresh.');
}

async function stop(reason, code) {
	if (stopping) return stopping;
	stopping = (async () => {
		if (reason) say(reason);
		await Promise.all(children.map((child) => stopProcess(child, 10_000)));
		process.exit(code);
	})();
	return stopping;
}

process.on('SIGINT', () => void stop('stopping n8n and the fake Tencent Chat server', 0));
process.on('SIGTERM', () => void stop('stopping n8n and the fake Tencent Chat server', 0));
main().catch((error) => void stop(`npm start failed: ${error?.stack ?? error}`, 1));
