import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { observeClient } from '../../../nodes/TencentChat/client';
import { ADD_SUBSCRIBERS_FIELDS, fakeApp, SDK_APP_ID } from '../../helpers/fixtures';
import { runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const ACCOUNTS = ['@TOA#_a', '@TOA#_b', '@TOA#_c', '@TOA#_d', '@TOA#_e'];
const server = useFakeServer(() => fakeApp(Object.fromEntries(ACCOUNTS.map((id) => [id, {}]))));

const run = (items: IDataObject[], options: INodeParameters = {}, continueOnFail = false) =>
	runOperation('officialAccount', 'addSubscribers', ADD_SUBSCRIBERS_FIELDS, items, {
		server,
		options,
		continueOnFail,
	});

describe('soak: 20,000 subscribers through every fault at once', () => {
	test('every subscriber ends in exactly one output item that matches the server', async () => {
		const distinct = 19_000;
		// Item i asks account i % 5 for s(i % 19000): the last 1,000 items repeat the first 1,000.
		const items = Array.from({ length: 20_000 }, (_, i) => ({
			officialAccount: ACCOUNTS[i % 5],
			subscribers: `s${i % distinct}`,
		}));
		const preSubscribed = new Set(
			items.slice(0, 500).map((item) => `${item.officialAccount} ${item.subscribers}`),
		);
		server.addApp(
			fakeApp(
				Object.fromEntries(
					ACCOUNTS.map((id) => [
						id,
						{
							subscribers: items
								.slice(0, 500)
								.filter((item) => item.officialAccount === id)
								.map((item) => item.subscribers),
						},
					]),
				),
			),
		);
		// Another client of the app takes 60 of its 200 calls a second: the node, pacing at 200, draws
		// "too frequent" answers and adapts. Stalls outlast the timeout by far, so that only they time
		// out, however busy the machine.
		server.setFaults(
			{
				http502: 0.05,
				error20005: 0.05,
				resetBeforeApply: 0.01,
				resetAfterApply: 0.01,
				stall: 0.02,
				stallMs: 8_000,
				reservedCallsPerSecond: 60,
			},
			20261125,
		);
		let retries = 0;
		let timeoutRetries = 0;
		const stopObserving = observeClient((event) => {
			if (event.kind !== 'retry') return;
			retries++;
			if (event.code === 'ETIMEDOUT') timeoutRetries++;
		});
		const startedAt = performance.now();

		const { output, error } = await run(items, { batchSize: 10, timeoutMs: 4_000, maxRetries: 8 });

		stopObserving();
		const seconds = (performance.now() - startedAt) / 1000;
		expect(error).toBeUndefined();
		expect(output).toHaveLength(20_000);

		const subscribed = new Map(
			ACCOUNTS.map((id) => [id, new Set(server.inspect('subscribers', SDK_APP_ID, id))]),
		);
		const counts: Record<string, number> = {};
		output.forEach((item, i) => {
			const { officialAccount, subscriber, status } = item.json as Record<string, string>;
			counts[status] = (counts[status] ?? 0) + 1;
			expect(item.pairedItem).toEqual({ item: i });
			expect([officialAccount, subscriber]).toEqual([
				items[i].officialAccount,
				items[i].subscribers,
			]);
			const wasThere = preSubscribed.has(`${officialAccount} ${subscriber}`);
			const isThere = subscribed.get(officialAccount)?.has(subscriber);
			// The truth, and nothing more: "added" only for new ones, "already" only for old ones.
			if (status === 'added') expect(wasThere).toBe(false);
			if (status === 'alreadySubscribed') expect(wasThere).toBe(true);
			expect(isThere).toBe(status !== 'failed');
			if (i >= distinct) expect(item.json).toEqual(output[i - distinct].json);
		});
		expect(counts.failed ?? 0).toBe(0);
		expect(counts.unknown ?? 0).toBe(0);
		expect(
			counts.alreadySubscribed + (counts.addedOrAlreadySubscribed ?? 0),
		).toBeGreaterThanOrEqual(500);

		// 1,900 calls needed; faults hit about 14% of attempts, frequency limits a few more.
		expect(server.stats.faultsInjected).toBeGreaterThan(100);
		expect(server.stats.rateLimited).toBeGreaterThan(0);
		// Every retry answers a failed attempt: an injected fault or a frequency-limit answer, nothing
		// else. Stalls outlast the timeout, so each times out; a machine too busy to answer within the
		// timeout adds timeouts of its own, which are retried too and say nothing of the node.
		const stalls = server.stats.faultsByKind.stall ?? 0;
		expect(retries - timeoutRetries).toBe(
			server.stats.faultsInjected - stalls + server.stats.rateLimited,
		);
		expect(timeoutRetries).toBeGreaterThanOrEqual(stalls);
		expect(server.stats.calls.add_subscriber).toBe(1_900 + retries);
		console.log(
			`soak: 20000 subscribers in ${seconds.toFixed(1)} s; ${server.stats.calls.add_subscriber} calls for 1900 batches, ` +
				`${server.stats.faultsInjected} faults injected, ${server.stats.rateLimited} frequency-limit answers, ` +
				`${retries} retries; outcomes ${JSON.stringify(counts)}`,
		);
	}, 120_000);
});

describe('ambiguous retries', () => {
	test('a reset after the service acted makes the retried "already subscribed" an ambiguous outcome', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output } = await run([{ officialAccount: ACCOUNTS[0], subscribers: 'x1, x2' }]);
		expect(output.map((item) => item.json)).toEqual([
			{
				officialAccount: ACCOUNTS[0],
				subscriber: 'x1',
				result: 2,
				status: 'addedOrAlreadySubscribed',
				ambiguous: true,
			},
			{
				officialAccount: ACCOUNTS[0],
				subscriber: 'x2',
				result: 2,
				status: 'addedOrAlreadySubscribed',
				ambiguous: true,
			},
		]);
	});

	test('a reset before the service acted is retried and reported as added', async () => {
		server.script({ kind: 'fault', fault: 'resetBeforeApply' });
		const { output } = await run([{ officialAccount: ACCOUNTS[0], subscribers: 'y1' }]);
		expect(output[0].json).toEqual({
			officialAccount: ACCOUNTS[0],
			subscriber: 'y1',
			result: 1,
			status: 'added',
		});
	});
});

describe('malformed answers (Continue On Fail)', () => {
	const twoItems = [
		{ officialAccount: ACCOUNTS[1], subscribers: 'm1, m2' },
		{ officialAccount: ACCOUNTS[1], subscribers: 'm3' },
	];
	const summary = (output: Awaited<ReturnType<typeof run>>['output']) =>
		output.map((item) => [item.json.subscriber, item.json.status, item.json.errorCode ?? null]);

	test('an HTML page with status 200, to the last retry, leaves the subscribers of that call unknown', async () => {
		const html = {
			kind: 'raw' as const,
			status: 200,
			body: '<!DOCTYPE html><html><body>Login</body></html>',
		};
		server.script(html, html);
		const { output } = await run(twoItems, { maxRetries: 1 }, true);
		expect(summary(output)).toEqual([
			['m1', 'unknown', 'INVALID_RESPONSE'],
			['m2', 'unknown', 'INVALID_RESPONSE'],
			['m3', 'unknown', 'INVALID_RESPONSE'],
		]);
		expect(output[0].json.ambiguous).toBe(true);
		expect(output[0].json.errorInfo).toContain(
			'the answer is not a Tencent Chat answer: <!DOCTYPE html>',
		);
	});

	test('a non-JSON body, then a good one, is retried and succeeds', async () => {
		server.script({ kind: 'raw', status: 200, body: 'ok', contentType: 'text/plain' });
		const { output } = await run(twoItems, {}, true);
		expect(summary(output)).toEqual([
			['m1', 'added', null],
			['m2', 'added', null],
			['m3', 'added', null],
		]);
	});

	test('an OK answer without SubscriberList is asked again: the subscribers were added, maybe by the first call', async () => {
		server.script({ kind: 'transform', transform: 'dropList' });
		const { output, error } = await run(twoItems);
		expect(error).toBeUndefined();
		expect(summary(output)).toEqual([
			['m1', 'addedOrAlreadySubscribed', null],
			['m2', 'addedOrAlreadySubscribed', null],
			['m3', 'addedOrAlreadySubscribed', null],
		]);
		expect(server.stats.calls.add_subscriber).toBe(2);
	});

	test('a list missing a subscriber asks again for that one only', async () => {
		server.script({ kind: 'transform', transform: 'dropFirst' });
		const { output } = await run(twoItems);
		expect(summary(output)).toEqual([
			['m1', 'addedOrAlreadySubscribed', null],
			['m2', 'added', null],
			['m3', 'added', null],
		]);
	});

	test('a subscriber no answer settles, to the last retry, is unknown, not failed', async () => {
		const dropList = { kind: 'transform' as const, transform: 'dropList' as const };
		server.script(dropList, dropList, dropList);
		const { output } = await run(twoItems, { maxRetries: 2 }, true);
		expect(summary(output)).toEqual([
			['m1', 'unknown', 'MISSING_RESULT'],
			['m2', 'unknown', 'MISSING_RESULT'],
			['m3', 'unknown', 'MISSING_RESULT'],
		]);
		expect(server.inspect('subscribers', SDK_APP_ID, ACCOUNTS[1])).toEqual(
			expect.arrayContaining(['m1', 'm2', 'm3']),
		);
	});

	test.each(['addStranger', 'renameFirst', 'badResult'] as const)(
		'a list with %s gives no subscriber a result that is not its own',
		async (transform) => {
			server.script({ kind: 'transform', transform });
			const { output } = await run(twoItems, {}, true);
			expect(output).toHaveLength(3);
			const expectedFirst =
				transform === 'addStranger'
					? ['m1', 'added', null]
					: ['m1', 'addedOrAlreadySubscribed', null];
			expect(summary(output)).toEqual([
				expectedFirst,
				['m2', 'added', null],
				['m3', 'added', null],
			]);
		},
	);
});

describe('bad input, one row per kind (Continue On Fail)', () => {
	const account = ACCOUNTS[2];
	test.each([
		[
			'an empty string',
			{ subscribers: '' },
			{ status: 'failed', errorCode: 'INVALID_INPUT', errorInfo: 'Subscriber IDs is empty' },
		],
		[
			'whitespace',
			{ subscribers: ' \t ' },
			{ status: 'failed', errorCode: 'INVALID_INPUT', errorInfo: 'Subscriber IDs is empty' },
		],
		[
			'null',
			{ subscribers: null },
			{ status: 'failed', errorCode: 'INVALID_INPUT', errorInfo: 'Subscriber IDs is missing' },
		],
		[
			'a missing field',
			{},
			{ status: 'failed', errorCode: 'INVALID_INPUT', errorInfo: 'Subscriber IDs is missing' },
		],
		[
			'a number, taken as its string',
			{ subscribers: 107867 },
			{ subscriber: '107867', status: 'added', result: 1 },
		],
		[
			'a boolean',
			{ subscribers: true },
			{
				status: 'failed',
				errorCode: 'INVALID_INPUT',
				errorInfo: 'Subscriber IDs must be an ID (text or a whole number), not a boolean',
			},
		],
		[
			'an object',
			{ subscribers: { id: 'a' } },
			{
				status: 'failed',
				errorCode: 'INVALID_INPUT',
				errorInfo: 'Subscriber IDs must be an ID (text or a whole number), not an object',
			},
		],
		[
			'an array with an empty member',
			{ subscribers: ['a', ' '] },
			{
				status: 'failed',
				errorCode: 'INVALID_INPUT',
				errorInfo: 'Subscriber IDs: entry 2 of 2 is empty',
			},
		],
		[
			'an ID over 32 bytes',
			{ subscribers: 'u'.repeat(40) },
			{
				status: 'failed',
				errorCode: 'INVALID_INPUT',
				errorInfo: `Subscriber IDs "${'u'.repeat(40)}" is 40 bytes long; Tencent allows at most 32`,
			},
		],
		[
			'a number past 2^53',
			{ subscribers: Number('12345678901234567890') },
			{
				status: 'failed',
				errorCode: 'INVALID_INPUT',
				errorInfo: expect.stringContaining('pass IDs as text'),
			},
		],
		[
			'a fraction',
			{ subscribers: 1.5 },
			{
				status: 'failed',
				errorCode: 'INVALID_INPUT',
				errorInfo: 'Subscriber IDs is 1.5, not a whole number',
			},
		],
		[
			'invisible characters only',
			{ subscribers: '\u200b' },
			{
				status: 'failed',
				errorCode: 'INVALID_INPUT',
				errorInfo: 'Subscriber IDs holds only invisible characters',
			},
		],
		[
			'a non-ASCII ID, judged by the service',
			{ subscribers: 'ユーザー' },
			{ subscriber: 'ユーザー', status: 'added', result: 1 },
		],
		[
			'an empty official account ID',
			{ officialAccount: '', subscribers: 'a' },
			{ status: 'failed', errorCode: 'INVALID_INPUT', errorInfo: 'Official Account ID is empty' },
		],
	])('%s', async (_kind, fields, expected) => {
		const { output } = await run([{ officialAccount: account, ...fields }], {}, true);
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual(expect.objectContaining(expected));
		expect(output[0].pairedItem).toEqual({ item: 0 });
		if (expected.status === 'failed') expect(server.stats.requests).toBe(0);
	});
});

describe('cancellation', () => {
	test('aborts the calls in flight and starts no new one', async () => {
		server.setFaults({ latencyMs: 2_000 });
		const items = Array.from({ length: 40 }, (_, i) => ({
			officialAccount: ACCOUNTS[3],
			subscribers: `c${i}`,
		}));
		let cancel = () => {};
		const running = runOperation(
			'officialAccount',
			'addSubscribers',
			ADD_SUBSCRIBERS_FIELDS,
			items,
			{
				server,
				options: { batchSize: 1, maxConcurrency: 4 },
				onStart: (execution) => (cancel = execution.cancel),
			},
		).catch((error: Error) => ({ cancelled: error }));

		while (server.stats.requests < 4) await new Promise((resolve) => setTimeout(resolve, 10));
		const cancelledAt = performance.now();
		cancel();
		await running;
		const finishedAfterMs = performance.now() - cancelledAt;
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(server.stats.requests).toBe(4);
		expect(server.stats.abandoned).toBe(4);
		expect(finishedAfterMs).toBeLessThan(1_500);
	});
});
