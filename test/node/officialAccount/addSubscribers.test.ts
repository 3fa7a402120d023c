import { describe, expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { planning } from '../../../nodes/TencentChat/actions/shapes/bulk';
import {
	ADD_SUBSCRIBERS_FIELDS,
	fakeApp,
	SDK_APP_ID,
	SECRET_KEY,
	WRONG_SECRET_KEY,
} from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const ACCOUNTS = ['@TOA#_news', '@TOA#_deals', '@TOA#_events'];
const PRE_SUBSCRIBED = ['u0', 'u3', 'u6', 'u9'];

const server = useFakeServer(() =>
	fakeApp({
		[ACCOUNTS[0]]: { subscribers: PRE_SUBSCRIBED },
		[ACCOUNTS[1]]: {},
		[ACCOUNTS[2]]: {},
	}),
);
const { atOnce } = planning;

const run = (items: IDataObject[], extra: RunExtra = {}) =>
	runOperation('officialAccount', 'addSubscribers', ADD_SUBSCRIBERS_FIELDS, items, {
		server,
		...extra,
	});

describe('Official Account → Add Subscribers in the n8n engine', () => {
	test('250 items over three accounts, with duplicates and already-subscribed users, give 250 correct paired items', async () => {
		// Item i asks account i % 3 for subscriber u(i % 120): items 120 and later repeat earlier ones.
		const items = Array.from({ length: 250 }, (_, i) => ({
			officialAccount: ACCOUNTS[i % 3],
			subscribers: `u${i % 120}`,
		}));

		const { output, error } = await run(items);

		expect(error).toBeUndefined();
		expect(output).toHaveLength(250);
		output.forEach((item, i) => {
			const subscriber = `u${i % 120}`;
			const already = ACCOUNTS[i % 3] === ACCOUNTS[0] && PRE_SUBSCRIBED.includes(subscriber);
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toEqual({
				officialAccount: ACCOUNTS[i % 3],
				subscriber: subscriber,
				result: already ? 2 : 1,
				status: already ? 'alreadySubscribed' : 'added',
			});
		});
		// 120 distinct subscribers, 40 per account: one call per account is the fewest the API allows.
		expect(server.stats.calls.add_subscriber).toBe(3);
		expect(server.inspect('subscribers', SDK_APP_ID, ACCOUNTS[1])).toHaveLength(40);
		expect(server.inspect('subscribers', SDK_APP_ID, ACCOUNTS[0])).toHaveLength(40);
	});

	test('an item may bring an array or a comma-separated list of subscribers', async () => {
		const { output } = await run([
			{ officialAccount: ACCOUNTS[1], subscribers: ['a', 'b'] },
			{ officialAccount: ACCOUNTS[1], subscribers: 'c, d' },
			{ officialAccount: ACCOUNTS[1], subscribers: 42 },
		]);
		expect(output.map((item) => [item.json.subscriber, item.pairedItem])).toEqual([
			['a', { item: 0 }],
			['b', { item: 0 }],
			['c', { item: 1 }],
			['d', { item: 1 }],
			['42', { item: 2 }],
		]);
		expect(output.every((item) => item.json.status === 'added')).toBe(true);
	});

	test('batch size splits the calls', async () => {
		const items = Array.from({ length: 25 }, (_, i) => ({
			officialAccount: ACCOUNTS[2],
			subscribers: `b${i}`,
		}));
		const { output } = await run(items, { options: { batchSize: 10 } });
		expect(output).toHaveLength(25);
		expect(server.stats.calls.add_subscriber).toBe(3);
	});

	test('a wrong secret key fails with code 70009, points at the Secret Key, and never shows the key', async () => {
		const { error, output } = await run([{ officialAccount: ACCOUNTS[1], subscribers: 'a' }], {
			credentials: { secretKey: WRONG_SECRET_KEY },
		});
		expect(output).toEqual([]);
		expect(error?.message).toBe('Tencent Chat error 70009: UserSig signature verification failed');
		expect(error?.description).toContain('Check "Secret Key" in the Tencent Chat API credential');
		expect(JSON.stringify(error)).not.toContain(WRONG_SECRET_KEY);
		expect(server.stats.rejectedSignatures).toBe(1);
	});

	test('a wrong region (unknown SDKAppID) points at the Region field', async () => {
		const { error } = await run([{ officialAccount: ACCOUNTS[1], subscribers: 'a' }], {
			credentials: { sdkAppId: 1400999999 },
		});
		expect(error?.message).toContain('Tencent Chat error 70016');
		expect(error?.description).toContain('Check "Region"');
	});

	test('an unknown official account stops the node, saying how many subscribers were processed', async () => {
		const { error } = await run(
			[
				{ officialAccount: ACCOUNTS[1], subscribers: 'a,b' },
				{ officialAccount: '@TOA#_gone', subscribers: 'c' },
			],
			{ options: { maxConcurrency: 1 } },
		);
		expect(error?.message).toBe('Tencent Chat error 130004: official account does not exist');
		expect(error?.description).toContain('The official account does not exist or was destroyed');
		expect(error?.description).toContain('after 2 of 3 distinct subscribers had been processed');
	});

	test('with Continue On Fail, an unknown official account fails its subscribers and the rest are added', async () => {
		const { output, error } = await run(
			[
				{ officialAccount: ACCOUNTS[1], subscribers: 'a' },
				{ officialAccount: '@TOA#_gone', subscribers: 'b,c' },
				{ officialAccount: ACCOUNTS[2], subscribers: 'd' },
			],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(
			output.map((item) => [
				item.json.subscriber,
				item.json.status,
				item.json.errorCode ?? null,
				item.pairedItem,
			]),
		).toEqual([
			['a', 'added', null, { item: 0 }],
			['b', 'failed', 130004, { item: 1 }],
			['c', 'failed', 130004, { item: 1 }],
			['d', 'added', null, { item: 2 }],
		]);
		expect(output[1].json.errorInfo).toContain('official account does not exist');
	});

	test('bad input stops the node before any call, naming the item and the field', async () => {
		const { error } = await run([
			{ officialAccount: ACCOUNTS[1], subscribers: 'a' },
			{ officialAccount: ACCOUNTS[1], subscribers: 'b' },
			{ officialAccount: ACCOUNTS[1], subscribers: '  ' },
		]);
		expect(error?.message).toBe('Subscriber IDs is empty');
		expect(error?.itemIndex).toBe(2);
		expect(error?.description).toContain('Fix "Subscriber IDs" for item 2');
		expect(server.stats.requests).toBe(0);
	});

	test('a missing official account is named as such', async () => {
		const { error } = await run([{ subscribers: 'a' }]);
		expect(error?.message).toBe('Official Account ID is missing');
		expect(error?.itemIndex).toBe(0);
		expect(server.stats.requests).toBe(0);
	});

	test('with Continue On Fail, bad items become error items and the rest is processed', async () => {
		const { output } = await run(
			[
				{ officialAccount: ACCOUNTS[1], subscribers: 'a' },
				{ officialAccount: ACCOUNTS[1], subscribers: { id: 'b' } },
				{ officialAccount: ACCOUNTS[1], subscribers: 'c' },
			],
			{ continueOnFail: true },
		);
		expect(
			output.map((item) => [item.json.subscriber ?? item.json.errorInfo, item.pairedItem]),
		).toEqual([
			['a', { item: 0 }],
			['Subscriber IDs must be an ID (text or a whole number), not an object', { item: 1 }],
			['c', { item: 2 }],
		]);
		expect(server.inspect('subscribers', SDK_APP_ID, ACCOUNTS[1]).sort()).toEqual(['a', 'c']);
	});

	test('injected 502s and 20005s are retried until every subscriber is added', async () => {
		server.setFaults({ http502: 0.25, error20005: 0.25 }, 7);
		const items = Array.from({ length: 600 }, (_, i) => ({
			officialAccount: ACCOUNTS[1 + (i % 2)],
			subscribers: `f${i}`,
		}));

		const { output, error } = await run(items, { options: { batchSize: 20, maxRetries: 10 } });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(600);
		expect(output.every((item) => item.json.status === 'added' && item.json.result === 1)).toBe(
			true,
		);
		expect(server.stats.faultsInjected).toBeGreaterThan(5);
		expect(server.stats.calls.add_subscriber).toBe(30 + server.stats.faultsInjected);
		expect(server.inspect('subscribers', SDK_APP_ID, ACCOUNTS[1])).toHaveLength(300);
	});

	test('a job planned while its first calls are out, answered out of order, gives every item its own result in input order', async () => {
		// 7,800 items, 10 subscribers a call, planned the way of a job of over 250,000 IDs: the first
		// second's 2,000 IDs, then the plan yields (at 2,000 and 7,000) while calls are out, and the
		// output is made as calls come back; retried 502s bring them back out of order. Items 3,900
		// on repeat the first 3,900.
		planning.atOnce = 0;
		server.setFaults({ http502: 0.2 }, 11);
		const subscriberOf = (i: number) => `o${i % 3_900}`;
		const accountOf = (i: number) => ACCOUNTS[i % 3];
		const items = Array.from({ length: 7_800 }, (_, i) => ({
			officialAccount: accountOf(i),
			subscribers: subscriberOf(i),
		}));

		const { output, error } = await run(items, {
			options: { batchSize: 10, maxRetries: 10 },
		}).finally(() => (planning.atOnce = atOnce));

		expect(error).toBeUndefined();
		expect(output).toHaveLength(7_800);
		const wrong = output.filter(
			(item, i) =>
				(item.pairedItem as { item: number } | undefined)?.item !== i ||
				item.json.officialAccount !== accountOf(i) ||
				item.json.subscriber !== subscriberOf(i) ||
				item.json.status !== 'added',
		);
		expect(wrong).toEqual([]);
		// 3,900 distinct (account, subscriber) pairs: 390 calls, plus one for each 502.
		expect(server.stats.faultsInjected).toBeGreaterThan(30);
		expect(server.stats.calls.add_subscriber).toBe(390 + server.stats.faultsInjected);
		for (const account of ACCOUNTS)
			expect(server.inspect('subscribers', SDK_APP_ID, account)).toHaveLength(
				account === ACCOUNTS[0] ? 1_304 : 1_300,
			);
	});

	test('two executions in one process share one call budget per SDKAppID and command', async () => {
		server.setFaults({ callsPerSecond: 20 });
		const items = (prefix: string) =>
			Array.from({ length: 30 }, (_, i) => ({
				officialAccount: ACCOUNTS[1],
				subscribers: `${prefix}${i}`,
			}));
		// The app's share of Tencent's 200 calls/s is a setting of the credential: 10% is 20 a second.
		const settings = { options: { batchSize: 1 }, credentials: { rateLimitShare: 10 } };

		const [first, second] = await Promise.all([
			run(items('p'), settings),
			run(items('q'), settings),
		]);

		expect(first.output).toHaveLength(30);
		expect(second.output).toHaveLength(30);
		expect(server.stats.rateLimited).toBe(0);
		expect(server.stats.peakCallsPerSecondByCommand.add_subscriber).toBeLessThanOrEqual(20);
	});

	test('window after window of bursts with latency, the service never counts one call too many', async () => {
		server.setFaults({ callsPerSecond: 50, latencyMs: 30 });
		const items = Array.from({ length: 200 }, (_, i) => ({
			officialAccount: ACCOUNTS[1],
			subscribers: `w${i}`,
		}));

		const { output } = await run(items, {
			options: { batchSize: 1 },
			credentials: { rateLimitShare: 25 },
		});

		expect(output.filter((item) => item.json.status === 'added')).toHaveLength(200);
		expect(server.stats.calls.add_subscriber).toBe(200);
		expect(server.stats.rateLimited).toBe(0);
		expect(server.stats.peakCallsPerSecondByCommand.add_subscriber).toBe(50);
	});

	test('the secret key is in no output item', async () => {
		const { output } = await run([{ officialAccount: ACCOUNTS[1], subscribers: 'z' }]);
		expect(JSON.stringify(output)).not.toContain(SECRET_KEY);
	});
});
