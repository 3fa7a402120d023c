/**
 * One benchmark run in a fresh process, so that its CPU time, peak RSS, pacer and connection pool
 * are its own. Input: a JSON argument; output: one JSON line.
 */

import type { IDataObject } from 'n8n-workflow';

import { observeClient } from '../nodes/TencentChat/client';
import { runNode } from '../test/helpers/engine';
import {
	addSubscribersParameters,
	credentialsFor,
	officialAccountParameters,
	resourceParameters,
} from '../test/helpers/fixtures';
import { PassThroughOutput } from './passThroughNode';

export interface ScenarioInput {
	serverUrl: string;
	subscribers: number;
	accounts: string[];
	prefix: string;
	mode:
		| 'node'
		| 'remove'
		| 'import'
		| 'sendToMany'
		| 'getProfile'
		| 'onlineStatus'
		| 'passThrough'
		| 'groupAdd'
		| 'groupSend';
	/** Group modes: how many of the items go to each of `accounts` (the groups), in that order; evenly without it. */
	perAccount?: number[];
	/** Queue mode: the limits kept in the Redis on this port, with a Share of Rate Limits of 50% (two workers). */
	redisPort?: number;
}

export interface ScenarioResult {
	seconds: number;
	/** Wall-clock ms when the node started and ended, to set against the server's first and last call. */
	startedAt: number;
	endedAt: number;
	cpuMs: number;
	rssHoldingItemsMb: number;
	/** The process's peak RSS, from the kernel. */
	rssPeakMb: number;
	/** The same before the measured run: if it equals rssPeakMb, the run did not set the peak. */
	rssPeakBeforeMb: number;
	retries: number;
	peakInFlight: number;
	outputItems: number;
	ok: number;
}

/** The status of an output item that went as it should, per mode. */
export const OK_STATUS: Record<ScenarioInput['mode'], string> = {
	node: 'added',
	remove: 'removed',
	import: 'imported',
	sendToMany: 'sent',
	// Get Profile's items carry `found`, not a status: see `isOk`.
	getProfile: '',
	// Nobody is online in the fake until a test says so.
	onlineStatus: 'offline',
	passThrough: '',
	groupAdd: 'added',
	groupSend: 'sent',
};

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function main(): Promise<void> {
	const input = JSON.parse(process.argv[2]) as ScenarioInput;
	const items = itemsFor(input);
	// As an earlier node of the workflow hands them over: made before the clock starts.
	const inputItems = items.map((json, item) => ({ json, pairedItem: { item } }));
	const credentials = credentialsFor(
		{ url: input.serverUrl } as never,
		input.redisPort
			? {
					limitsKeptBy: 'redis',
					redisHost: '127.0.0.1',
					redisPort: input.redisPort,
					rateLimitShare: 50,
				}
			: {},
	);
	await warmUp(input, credentials);
	gc();
	const rssHoldingItems = process.memoryUsage().rss;
	const rssPeakBefore = process.resourceUsage().maxRSS * 1024;

	const cpuBefore = process.cpuUsage();
	const wallStartedAt = Date.now();
	const startedAt = performance.now();
	const { output, error } = await runNode({
		...nodeFor(input),
		items: [],
		inputItems,
		credentials,
		watchForLeaks: false,
	});
	const seconds = (performance.now() - startedAt) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	// The kernel's high-water mark: a sampler cannot see the peaks of synchronous work.
	const rssPeak = process.resourceUsage().maxRSS * 1024;
	if (error) throw new Error(`${error.message} ${error.description ?? ''}`);

	const isOk =
		input.mode === 'getProfile'
			? (json: IDataObject) => json.found === true
			: (json: IDataObject) => json.status === OK_STATUS[input.mode];
	const ok = output.filter((item) => isOk(item.json)).length;
	const result: ScenarioResult = {
		seconds,
		startedAt: wallStartedAt,
		endedAt: Date.now(),
		cpuMs: (cpu.user + cpu.system) / 1000,
		rssHoldingItemsMb: rssHoldingItems / 2 ** 20,
		rssPeakMb: rssPeak / 2 ** 20,
		rssPeakBeforeMb: rssPeakBefore / 2 ** 20,
		retries: counters.retries,
		peakInFlight: counters.peakInFlight,
		outputItems: output.length,
		ok,
	};
	process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
	process.exit(0);
}

/** One entry an item: spread evenly over the keys, or a group's members one after the other (as a CRM export lists them). */
function itemsFor(input: ScenarioInput): Array<{ officialAccount: string; subscribers: string }> {
	if (input.perAccount === undefined) {
		return Array.from({ length: input.subscribers }, (_, i) => ({
			officialAccount: input.accounts[i % input.accounts.length],
			subscribers: `${input.prefix}${i}`,
		}));
	}
	const items: Array<{ officialAccount: string; subscribers: string }> = [];
	input.perAccount.forEach((count, account) => {
		for (let i = 0; i < count; i++)
			items.push({
				officialAccount: input.accounts[account],
				subscribers: `${input.prefix}${account}_${i}`,
			});
	});
	return items;
}

function nodeFor(input: ScenarioInput) {
	const group = { groupId: { __rl: true, mode: 'id', value: '={{ $json.officialAccount }}' } };
	if (input.mode === 'groupAdd')
		return {
			parameters: resourceParameters('group', 'addMembers', {
				...group,
				memberIds: '={{ $json.subscribers }}',
			}),
		};
	if (input.mode === 'groupSend')
		return {
			parameters: resourceParameters('group', 'sendMessage', {
				...group,
				messageType: 'text',
				text: '={{ $json.subscribers }}',
			}),
		};
	if (input.mode === 'passThrough') return { parameters: {}, nodeType: new PassThroughOutput() };
	if (input.mode === 'remove') {
		return {
			parameters: officialAccountParameters('removeSubscribers', {
				officialAccountId: '={{ $json.officialAccount }}',
				subscriberIds: '={{ $json.subscribers }}',
			}),
		};
	}
	if (input.mode === 'import') {
		return {
			parameters: resourceParameters('account', 'import', { userId: '={{ $json.subscribers }}' }),
		};
	}
	if (input.mode === 'sendToMany') {
		// The same message for every item: one key, calls of 500.
		return {
			parameters: resourceParameters('message', 'sendToMany', {
				recipients: '={{ $json.subscribers }}',
				messageType: 'text',
				text: 'Welcome aboard!',
			}),
		};
	}
	if (input.mode === 'getProfile') {
		return {
			parameters: resourceParameters(
				'user',
				'getProfile',
				{ userIds: '={{ $json.subscribers }}' },
				{ fields: ['nickname', 'avatarUrl', 'gender'] },
			),
		};
	}
	if (input.mode === 'onlineStatus')
		return {
			parameters: resourceParameters('user', 'getOnlineStatus', {
				userIds: '={{ $json.subscribers }}',
			}),
		};
	return { parameters: addSubscribersParameters() };
}

/**
 * A small job first (2,000 subscribers, 20 calls), as a running n8n has done long before: n8n-core
 * loads much of itself lazily on its first execution and the JIT has not yet compiled the hot
 * paths, neither of which is this node's cost in a long-running n8n. Then a pause until the app's
 * call window is empty again, and the counters start from zero (the warm-up's keep-alive
 * connections stay in the pool, as they would between executions).
 */
async function warmUp(
	input: ScenarioInput,
	credentials: ReturnType<typeof credentialsFor>,
): Promise<void> {
	// A message a call: a second's worth of one group's 40 messages, not 2,000 calls.
	const count = input.mode === 'groupSend' ? 40 : 2_000;
	const items = Array.from({ length: count }, (_, i) => ({
		officialAccount: input.accounts[i % input.accounts.length],
		subscribers: `${input.prefix}warm-up-${i}`,
	}));
	await runNode({ ...nodeFor(input), items, credentials, watchForLeaks: false });
	await new Promise((resolve) => setTimeout(resolve, 1_200));
	await fetch(`${input.serverUrl}/_fake/reset-stats`, { method: 'POST' });
	Object.assign(counters, { retries: 0, inFlight: 0, peakInFlight: 0 });
}

/** Retries and calls in flight, as the client reports them. */
const counters = { retries: 0, inFlight: 0, peakInFlight: 0 };
observeClient((event) => {
	if (event.kind === 'retry') counters.retries++;
	else if (event.kind === 'sent')
		counters.peakInFlight = Math.max(counters.peakInFlight, ++counters.inFlight);
	else counters.inFlight--;
});

main().catch((error: Error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
