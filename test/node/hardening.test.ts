import { describe, expect, test } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { addSubscribers } from '../../nodes/TencentChat/actions/officialAccount/api';
import { readCredentials, TencentChatClient } from '../../nodes/TencentChat/client';
import type { EchoForm, ScriptedAnswer } from '../fake-tencent/config';
import { FakeTencentServer } from '../fake-tencent/FakeTencentServer';
import { runNode } from '../helpers/engine';
import { OPERATIONS } from '../helpers/everyOperation';
import {
	ADD_SUBSCRIBERS_FIELDS,
	credentialsFor,
	fakeApp,
	SDK_APP_ID,
	tencentAnswer,
} from '../helpers/fixtures';
import type { IsolatedCase } from '../helpers/isolated/runCases';
import { runIsolated } from '../helpers/runIsolated';
import { type RunExtra, runOperation } from '../helpers/runOperation';
import { useFakeServer } from '../helpers/useFakeServer';

// What every operation holds to, tested on the shared machinery: options from expressions are
// checked before any call, answers are bounded, outcomes say only what is known, nothing is sent
// other than what was meant, and no UserSig leaks through a server's text.

const NEWS = '@TOA#_news';
const server = useFakeServer(() =>
	fakeApp({ [NEWS]: { subscribers: Array.from({ length: 10 }, (_, i) => `old${i}`) } }),
);

/** Values a workflow can produce through an expression, where the editor would allow none of them. */
const BAD_VALUES: Array<[string, string]> = [
	['0', '={{ 0 }}'],
	['-1', '={{ -1 }}'],
	['null', '={{ null }}'],
	["''", "={{ '' }}"],
	['NaN', '={{ NaN }}'],
	['1.5', '={{ 1.5 }}'],
	['text', "={{ 'lots' }}"],
	['a million', '={{ 1e6 }}'],
	['2^31', '={{ 2 ** 31 }}'],
];
const OPTIONS = [
	{ name: 'batchSize', displayName: 'Batch Size', bulkOnly: true },
	{ name: 'maxConcurrency', displayName: 'Max Concurrent Requests', bulkOnly: false },
	{ name: 'maxRetries', displayName: 'Retries', bulkOnly: false },
	{ name: 'timeoutMs', displayName: 'Timeout (Ms)', bulkOnly: false },
];

describe('numeric options from expressions are checked before any call, for every operation', () => {
	test.each(OPERATIONS)(
		'$name: no value crashes or hangs n8n, each is a clear error naming the option, and no call is made',
		async (operation) => {
			const cases: IsolatedCase[] = [];
			for (const option of OPTIONS.filter(
				(candidate) =>
					(operation.bulk || !candidate.bulkOnly) && !operation.without?.includes(candidate.name),
			)) {
				for (const [label, expression] of BAD_VALUES) {
					// No retries at all is a choice the option offers.
					if (option.name === 'maxRetries' && label === '0') continue;
					cases.push({
						name: `${option.displayName} = ${label}`,
						parameters: operation.parameters({ [option.name]: expression }),
						items: [{ officialAccount: NEWS, subscribers: 'new1' }],
						credentials: credentialsFor(server),
					});
				}
			}
			const { results, stuckIn, why } = await runIsolated(cases, 60_000);

			expect({ stuckIn, why }).toEqual({ stuckIn: undefined, why: undefined });
			for (const result of results) {
				const option = result.name.split(' = ')[0];
				expect({ case: result.name, message: result.error?.message }).toEqual({
					case: result.name,
					message: expect.stringContaining(option),
				});
			}
			expect(results).toHaveLength(cases.length);
			expect(server.stats.requests).toBe(0);
		},
		90_000,
	);

	test('text holding a number is taken as that number', async () => {
		const items = Array.from({ length: 25 }, (_, i) => ({
			officialAccount: NEWS,
			subscribers: `t${i}`,
		}));
		const { output, error } = await run(items, {
			batchSize: "={{ '10' }}",
			maxConcurrency: '={{ "2" }}',
			timeoutMs: '5000',
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.status)).toEqual(Array(25).fill('added'));
		expect(server.stats.calls.add_subscriber).toBe(3);
	});

	test("a bad option in one execution leaves another execution's pace alone", async () => {
		const bad = run([{ officialAccount: NEWS, subscribers: 'x' }], {
			maxConcurrency: '={{ NaN }}',
		});
		const good = run(
			Array.from({ length: 30 }, (_, i) => ({
				officialAccount: NEWS,
				subscribers: `g${i}`,
			})),
			{ batchSize: 1 },
		);
		const [badRun, goodRun] = await Promise.all([bad, good]);
		expect(badRun.error?.message).toContain('Max Concurrent Requests');
		expect(goodRun.output.filter((item) => item.json.status === 'added')).toHaveLength(30);
	});
});

const run = (items: IDataObject[], options: INodeParameters = {}, extra: RunExtra = {}) =>
	runOperation('officialAccount', 'addSubscribers', ADD_SUBSCRIBERS_FIELDS, items, {
		server,
		options,
		...extra,
	});
const one = [{ officialAccount: NEWS, subscribers: 'a, b' }];

describe('answers are bounded', () => {
	test('a 300 MB answer is refused unread: the subscribers are unknown, not failed, since the call was carried out', async () => {
		server.script(
			{ kind: 'huge', bytes: 300 * 2 ** 20, apply: true },
			{ kind: 'huge', bytes: 300 * 2 ** 20 },
		);
		const { output } = await run(one, { maxRetries: 1 }, { continueOnFail: true });
		expect(
			output.map((item) => [item.json.status, item.json.errorCode, item.json.ambiguous]),
		).toEqual([
			['unknown', 'ANSWER_TOO_LARGE', true],
			['unknown', 'ANSWER_TOO_LARGE', true],
		]);
		expect(server.inspect('subscribers', SDK_APP_ID, NEWS)).toEqual(
			expect.arrayContaining(['a', 'b']),
		);
	});

	test('an endless answer is cut at the bound, then asked again', async () => {
		server.script({ kind: 'endless', apply: true });
		const { output } = await run(one);
		expect(output.map((item) => item.json.status)).toEqual([
			'addedOrAlreadySubscribed',
			'addedOrAlreadySubscribed',
		]);
	});

	test('a gzip-encoded answer is read; its size is bounded after inflating', async () => {
		const answer = tencentAnswer({
			SubscriberList: [
				{ Subscriber_Account: 'a', Result: 1 },
				{ Subscriber_Account: 'b', Result: 1 },
			],
		});
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(answer),
			gzip: true,
			apply: true,
			contentType: 'application/json',
		});
		expect((await run(one)).output.map((item) => item.json.status)).toEqual(['added', 'added']);

		server.script({
			kind: 'raw',
			status: 200,
			body: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"${'z'.repeat(5 * 2 ** 20)}"}`,
			gzip: true,
		});
		const bomb = await run(
			[{ officialAccount: NEWS, subscribers: 'c' }],
			{ maxRetries: 0 },
			{ continueOnFail: true },
		);
		expect(bomb.output[0].json.errorCode).toBe('ANSWER_TOO_LARGE');
	});

	test('a binary answer is described, never shown', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: '\u0000\u0001\u00ff\u00fe'.repeat(100),
			contentType: 'application/octet-stream',
		});
		const { output } = await run(one, { maxRetries: 0 }, { continueOnFail: true });
		expect(output[0].json.errorInfo).toMatch(/bytes of binary data|not a Tencent Chat answer/);
		// eslint-disable-next-line no-control-regex
		expect(String(output[0].json.errorInfo)).not.toMatch(/[\u0000-\u0008]/);
	});

	test('a redirect is not followed: the error says where to, and nothing is retried', async () => {
		server.script({
			kind: 'redirect',
			status: 302,
			location: 'https://elsewhere.example.com/v4/x',
		});
		const { error } = await run(one);
		expect(error?.message).toContain(
			'redirected the request to https://elsewhere.example.com/v4/x',
		);
		expect(error?.description).toContain('Base URL');
		expect(server.stats.requests).toBe(1);
	});

	test('HTTP 429 with Retry-After is waited out, then the call goes through', async () => {
		server.script({ kind: 'tooMany', retryAfterSeconds: 1 });
		const startedAt = performance.now();
		const { output } = await run(one);
		expect(output.map((item) => item.json.status)).toEqual(['added', 'added']);
		// A lower bound only: the wait cannot have been shorter than the server asked.
		expect(performance.now() - startedAt).toBeGreaterThanOrEqual(1_000);
	});

	test('a 200 KB ErrorInfo that quotes the URL is bounded in every item and carries no UserSig', async () => {
		server.script({ kind: 'echoUrl', errorCode: 130004, bytes: 200_000 });
		const items = Array.from({ length: 50 }, (_, i) => ({
			officialAccount: NEWS,
			subscribers: `e${i}`,
		}));
		const { output } = await run(items, {}, { continueOnFail: true });
		expect(output).toHaveLength(50);
		for (const item of output) {
			expect(item.json.errorCode).toBe(130004);
			expect(String(item.json.errorInfo).length).toBeLessThan(600);
			expect(String(item.json.errorInfo)).not.toMatch(/usersig=(?!\*\*\*)/i);
		}
		expect(JSON.stringify(output).length).toBeLessThan(50 * 1_000);
	});
});

describe('the outcome says what is known', () => {
	test('retries that run out after a call that may have been carried out leave its subscribers unknown', async () => {
		server.setFaults({ resetAfterApply: 1 });
		const { output } = await run(one, { maxRetries: 1 }, { continueOnFail: true });
		expect(output.map((item) => [item.json.status, item.json.ambiguous])).toEqual([
			['unknown', true],
			['unknown', true],
		]);
		expect(server.inspect('subscribers', SDK_APP_ID, NEWS)).toEqual(
			expect.arrayContaining(['a', 'b']),
		);
	});

	test('a call refused before it was carried out leaves its subscribers failed', async () => {
		server.setFaults({ error20005: 1 });
		const { output } = await run(one, { maxRetries: 1 }, { continueOnFail: true });
		expect(output.map((item) => item.json.status)).toEqual(['failed', 'failed']);
	});

	test('a storm of answers that leave subscribers out still ends with every subscriber in its true state', async () => {
		const transforms = ['dropList', 'dropFirst', 'renameFirst', 'badResult'] as const;
		server.script(
			...Array.from({ length: 12 }, (_, i) => ({
				kind: 'transform' as const,
				transform: transforms[i % 4],
			})),
		);
		const items = Array.from({ length: 1_000 }, (_, i) => ({
			officialAccount: NEWS,
			subscribers: i < 10 ? `old${i}` : `s${i}`,
		}));
		const { output, error } = await run(items, { batchSize: 10, maxConcurrency: 4 });
		expect(error).toBeUndefined();
		const there = new Set(server.inspect('subscribers', SDK_APP_ID, NEWS));
		const counts: Record<string, number> = {};
		output.forEach((item, i) => {
			const status = String(item.json.status);
			counts[status] = (counts[status] ?? 0) + 1;
			expect(there.has(items[i].subscribers)).toBe(true);
			if (status === 'added') expect(i).toBeGreaterThanOrEqual(10);
			if (status === 'alreadySubscribed') expect(i).toBeLessThan(10);
		});
		expect(counts.unknown ?? 0).toBe(0);
		expect(counts.failed ?? 0).toBe(0);
		expect(counts.addedOrAlreadySubscribed).toBeGreaterThan(0);
	});

	test("a timeout keeps the node's own message (not n8n's advice to retry), and says a re-run is safe", async () => {
		server.setFaults({ stall: 1, stallMs: 3_000 });
		const { error } = await run(one, { maxRetries: 0, timeoutMs: 200 });
		expect(error?.message).toBe('Tencent Chat call failed: no answer within 200 ms');
		expect(error?.message).not.toContain('Retry on Fail');
		expect(error?.description).toContain('Running the node again is safe');
	});
});

describe('nothing is sent other than what was meant', () => {
	test('an ID that is a number past 2^53 is refused before any call, saying to pass IDs as text', async () => {
		const { error } = await run([
			{
				officialAccount: NEWS,
				subscribers: [Number('12345678901234567000'), Number('12345678901234567001')],
			},
		]);
		expect(error?.message).toContain('pass IDs as text');
		expect(server.stats.requests).toBe(0);
	});

	test('an expression the engine refuses is refused, not read past: {{ $json.constructor.name }}', async () => {
		const { error, output } = await runOperation(
			'officialAccount',
			'addSubscribers',
			{ ...ADD_SUBSCRIBERS_FIELDS, subscriberIds: '={{ $json.constructor.name }}' },
			[{ officialAccount: NEWS }],
			{ server },
		);
		expect(output.some((item) => item.json.subscriber === 'Object')).toBe(false);
		expect(error).toBeDefined();
		expect(server.stats.requests).toBe(0);
	});

	test('a Base URL with a path prefix keeps it, for the node and for the credential', async () => {
		const paths: string[] = [];
		const gateway = createServer((request, response) => {
			paths.push((request.url ?? '').split('?')[0]);
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify(tencentAnswer({ SubscriberList: [{ Subscriber_Account: 'a', Result: 1 }] })),
			);
		});
		await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = gateway.address() as AddressInfo;
			const client = new TencentChatClient(
				readCredentials(
					credentialsFor(server, { baseUrl: `http://127.0.0.1:${port}/tencent-gw/` }),
				),
			);
			const answer = await addSubscribers(client, NEWS, ['a']);
			expect(answer.results.get('a')).toBe(1);
			expect(paths).toEqual(['/tencent-gw/v4/official_account_open_http_svc/add_subscriber']);
		} finally {
			await new Promise((resolve) => gateway.close(resolve));
		}
	});

	test('a Base URL with a query is refused with a message saying so, before any call', async () => {
		const { error } = await run(one, {}, { credentials: { baseUrl: `${server.url}/?token=1` } });
		expect(error?.message).toContain('must not contain a query or fragment');
		expect(error?.description).toContain('Tencent Chat API credential');
		expect(server.stats.requests).toBe(0);
	});
});

describe('no UserSig leaks through what a server quotes, for every operation', () => {
	const FORMS: EchoForm[] = ['url', 'percentEncoded', 'json', 'bare', 'base64'];
	const SCRIPTS: Array<[string, ScriptedAnswer]> = [
		...FORMS.map((form): [string, ScriptedAnswer] => [
			`an ErrorInfo quoting it (${form})`,
			{ kind: 'echoUrl', errorCode: 130004, form, bytes: 100_000 },
		]),
		['a redirect whose Location carries the URL', { kind: 'echoRedirect', form: 'url' }],
		[
			'a redirect whose Location carries it percent-encoded',
			{ kind: 'echoRedirect', form: 'percentEncoded' },
		],
		['a redirect whose Location carries it bare', { kind: 'echoRedirect', form: 'bare' }],
	];
	/** Any 16 characters of any signature the fake server saw, in what the node let out. */
	const leaked = (text: string) =>
		[...FakeTencentServer.userSigsSeen].some((userSig) => {
			for (let start = 0; start + 16 <= userSig.length; start += 8)
				if (text.includes(userSig.slice(start, start + 16))) return true;
			return false;
		});

	test.each(OPERATIONS)(
		'$name: in the error, in every item and its errorInfo, under each On Error mode',
		async (operation) => {
			let run = 0;
			for (const [label, scripted] of SCRIPTS) {
				for (const onError of [
					'stopWorkflow',
					'continueErrorOutput',
					'continueRegularOutput',
				] as const) {
					server.script(scripted);
					const { output, errorOutput, error } = await runNode({
						parameters: operation.parameters({ maxRetries: 0 }),
						// An account of its own per run: a broadcast's hourly budget is not what this tests.
						items: [{ officialAccount: `@TOA#_leak${run++}`, subscribers: 'new1' }],
						credentials: credentialsFor(server),
						onError,
						// Send and Wait's links name the execution.
						executionId: 'execution-1',
					});
					const said = JSON.stringify([output, errorOutput, error]);
					expect({
						label,
						onError,
						leaked: leaked(said),
						named: /usersig[=%"\\]+(?!\*\*\*)[\w*-]{8}/i.test(said),
					}).toEqual({ label, onError, leaked: false, named: false });
					// Something was said about the failure: the script was met.
					expect(said).toMatch(/130004|redirected/);
				}
			}
		},
		60_000,
	);
});
