/**
 * `npm start` as a newcomer runs it: it comes up and prints a URL and a sign-in, its example
 * workflows run to success in that n8n (the trigger one started by the fake server's callbacks), and
 * SIGINT to its process group, as Ctrl-C sends, ends every process it started.
 */
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { restClient } = require('./n8n');

const ROOT = path.resolve(__dirname, '../..');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every process below `pid`, from /proc (Linux). */
function descendants(pid) {
	const parents = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			parents.set(Number(entry), parent);
		} catch {
			// gone meanwhile
		}
	}
	const found = [];
	const walk = (of) => {
		for (const [child, parent] of parents) {
			if (parent === of) {
				found.push(child);
				walk(child);
			}
		}
	};
	walk(pid);
	return found;
}

const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
	} catch {
		return false;
	}
};

async function checkStart({ check, npmEnv, inspect }) {
	const port = 6800 + Math.floor(Math.random() * 1000);
	const start = spawn('npm', ['start'], {
		cwd: ROOT,
		env: npmEnv({
			START_PORT: String(port),
			START_FOLDER: fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-start-')),
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	start.stdout.on('data', (chunk) => (output += chunk));
	start.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) =>
		start.once('exit', (code, signal) => resolve({ code, signal })),
	);
	let tree = [];
	try {
		const deadline = Date.now() + 600_000;
		while (!/is ready: (\S+)/.test(output) && Date.now() < deadline && start.exitCode === null)
			await sleep(500);
		const base = /is ready: (\S+)/.exec(output)?.[1];
		const signIn = /sign in:\s+(\S+) \/ (\S+)/.exec(output);
		check(
			'npm start comes up and prints the URL and a sign-in',
			Boolean(base && signIn),
			base ? `${base}, ${signIn?.[1]}` : output.slice(-2000),
		);
		if (!base || !signIn) return;
		tree = descendants(start.pid);

		const headers = { 'content-type': 'application/json', 'browser-id': 'start-e2e' };
		const login = await fetch(`${base}/rest/login`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ emailOrLdapLoginId: signIn[1], password: signIn[2] }),
		});
		headers.cookie = (
			login.headers.getSetCookie().find((value) => value.startsWith('n8n-auth=')) ?? ''
		).split(';')[0];
		check(
			'the printed sign-in signs in',
			login.ok && headers.cookie.startsWith('n8n-auth='),
			`HTTP ${login.status}`,
		);
		const rest = restClient(base, headers);
		const workflows = await rest('GET', '/workflows');
		const listed = (workflows.data ?? workflows).map((flow) => flow.name).sort();
		const shipped = fs
			.readdirSync(path.join(ROOT, 'examples'))
			.filter((name) => name.endsWith('.json'));
		check(
			'npm start imported every workflow of examples/',
			listed.length === shipped.length,
			listed.join(', '),
		);

		const byName = (name) => (workflows.data ?? workflows).find((flow) => flow.name === name);
		const executionsOf = async (workflowId) =>
			(
				await rest(
					'GET',
					`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
				)
			).results;
		const finished = async (workflowId, count) => {
			const until = Date.now() + 60_000;
			let executions = await executionsOf(workflowId);
			while (
				Date.now() < until &&
				(executions.length < count || executions.some((execution) => !execution.stoppedAt))
			) {
				await sleep(500);
				executions = await executionsOf(workflowId);
			}
			return executions;
		};
		const runManually = async (name) => {
			const flow = await rest('GET', `/workflows/${byName(name).id}`);
			const trigger = flow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
			await rest('POST', `/workflows/${flow.id}/run`, {
				triggerToStartFrom: { name: trigger.name },
			});
			return (await finished(flow.id, 1)).map((execution) => execution.status);
		};
		const welcome = await runManually('Welcome new customers');
		check(
			'example "Welcome new customers" (Import → Add Subscribers → Send to Many) runs to success',
			welcome.join() === 'success',
			welcome.join(),
		);
		// Its Add Subscribers made the fake server call the active trigger workflow back.
		const thanks = (await finished(byName('Thank new subscribers (trigger)').id, 1)).map(
			(execution) => execution.status,
		);
		check(
			'example "Thank new subscribers" runs to success on the fake server\'s callback',
			thanks.length >= 1 && thanks.every((status) => status === 'success'),
			thanks.join(),
		);
		const fakeServer = /fake Tencent Chat server (\S+)/.exec(output)?.[1];
		const mailbox = (await inspect(fakeServer, 'mailbox', 1400000001, 'cust1042')).map(
			(message) => message.msgBody[0]?.MsgContent?.Text,
		);
		check(
			'the fake server holds the welcome and the thanks for a new customer',
			mailbox.length === 2 &&
				mailbox.includes('Welcome to Example Shop!') &&
				mailbox.some((text) => text?.startsWith('Thanks for following @TOA#_shop')),
			JSON.stringify(mailbox),
		);
		const cleanUp = await runManually('Clean up test subscribers');
		const left = await inspect(fakeServer, 'subscribers', 1400000001, '@TOA#_shop');
		check(
			'example "Clean up test subscribers" (Get Many Subscribers → Remove Subscribers) runs to success and leaves no test_ subscriber',
			cleanUp.join() === 'success' &&
				left.length === 5 &&
				!left.some((id) => id.startsWith('test_')),
			`${cleanUp.join()}; left ${left.join(', ')}`,
		);
	} catch (error) {
		check('npm start: the examples ran', false, String(error?.stack ?? error).slice(0, 2000));
	} finally {
		tree = [...new Set([...tree, ...(start.exitCode === null ? descendants(start.pid) : [])])];
		// Ctrl-C: SIGINT to the whole foreground process group.
		try {
			process.kill(-start.pid, 'SIGINT');
		} catch {
			// already gone
		}
		const ended = await Promise.race([exited, sleep(30_000).then(() => undefined)]);
		await sleep(1000);
		const left = [start.pid, ...tree].filter(alive);
		check(
			'SIGINT to npm start ends its whole process tree (n8n, the fake server)',
			ended !== undefined && tree.length >= 2 && left.length === 0,
			`${tree.length} processes below npm, ${left.length} left: ${left.join(' ')}`,
		);
		for (const pid of left) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
	}
}

module.exports = { checkStart };
