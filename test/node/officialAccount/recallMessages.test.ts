import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp, SDK_APP_ID, tencentAnswer } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const NEWS = '@TOA#_news';
const DEALS = '@TOA#_deals';
const CREATED = 1_700_000_000;
const keyOf = (index: number) => `${index + 1}_1_${CREATED + index}`;

const server = useFakeServer(() =>
	fakeApp({
		[NEWS]: { messages: Array.from({ length: 25 }, (_, i) => `n${i}`), createTime: CREATED },
		[DEALS]: { messages: ['d0'], createTime: CREATED },
	}),
);

const run = (items: IDataObject[], options: INodeParameters = {}, extra: RunExtra = {}) =>
	runOperation(
		'officialAccount',
		'recallMessages',
		{ officialAccountId: '={{ $json.account }}', msgKeys: '={{ $json.keys }}' },
		items,
		{ server, options, ...extra },
	);

const recalledKeys = (account: string) =>
	(
		server.inspect('officialAccount', SDK_APP_ID, account).messages as Array<{
			key: string;
			recalled: boolean;
		}>
	)
		.filter((message) => message.recalled)
		.map((message) => message.key);

describe('Official Account → Recall Messages in the n8n engine', () => {
	test('recalls up to 10 MsgKeys a call, grouped by account: one output item per key with its RetCode', async () => {
		const newsKeys = Array.from({ length: 12 }, (_, i) => keyOf(i));
		const { output, error } = await run([
			{ account: NEWS, keys: newsKeys.slice(0, 6) },
			{ account: DEALS, keys: keyOf(0) },
			{ account: NEWS, keys: newsKeys.slice(6).join(', ') },
		]);
		expect(error).toBeUndefined();
		expect(
			output.map((item) => [
				item.json.officialAccount,
				item.json.msgKey,
				item.json.retCode,
				item.json.status,
				item.pairedItem,
			]),
		).toEqual([
			...newsKeys.slice(0, 6).map((key) => [NEWS, key, 0, 'recalled', { item: 0 }]),
			[DEALS, keyOf(0), 0, 'recalled', { item: 1 }],
			...newsKeys.slice(6).map((key) => [NEWS, key, 0, 'recalled', { item: 2 }]),
		]);
		expect(server.stats.calls.official_account_msg_recall).toBe(3);
		expect(recalledKeys(NEWS)).toEqual(newsKeys);
	});

	test('a key the account never sent gets its RetCode and what it means; the others are recalled', async () => {
		const { output, error } = await run([{ account: NEWS, keys: [keyOf(0), '999_1_1700000000'] }], {
			reason: 'Sent by mistake',
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{ officialAccount: NEWS, msgKey: keyOf(0), retCode: 0, status: 'recalled' },
			{
				officialAccount: NEWS,
				msgKey: '999_1_1700000000',
				retCode: 10004,
				status: 'failed',
				errorCode: 10004,
				errorInfo: expect.stringContaining('check the MsgKey'),
			},
		]);
	});

	test('under "Continue (using error output)" a key that failed goes to the error output', async () => {
		const { output, errorOutput } = await run(
			[{ account: NEWS, keys: [keyOf(0), 'nope'] }],
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(output.map((item) => item.json.msgKey)).toEqual([keyOf(0)]);
		expect(errorOutput[0].json).toMatchObject({
			error: expect.stringContaining('Tencent Chat error 10004'),
			details: { msgKey: 'nope', status: 'failed' },
		});
	});

	test('an unknown account fails its whole call with 130004 and the hint; the node stops, saying what was done', async () => {
		const { error } = await run([{ account: '@TOA#_gone', keys: ['1_1_1'] }]);
		expect(error?.message).toBe('Tencent Chat error 130004: official account does not exist');
		expect(error?.description).toContain('check the Official Account ID');
	});

	test.each([
		[
			'a key over 50 characters',
			{ account: NEWS, keys: 'k'.repeat(51) },
			'is 51 bytes long; Tencent allows at most 50',
		],
		['an empty list of keys', { account: NEWS, keys: [] }, 'Message Keys is an empty list'],
		['a blank account', { account: '', keys: '1_1_1' }, 'Official Account ID is empty'],
	])('%s is refused before any call, naming the item', async (_label, item, message) => {
		const { error } = await run([{ account: NEWS, keys: keyOf(0) }, item]);
		expect(error?.message).toContain(message);
		expect(error?.itemIndex).toBe(1);
		expect(server.stats.requests).toBe(0);
	});

	test('a Reason over 100 bytes is refused before any call', async () => {
		const { error } = await run([{ account: NEWS, keys: keyOf(0) }], { reason: 'x'.repeat(101) });
		expect(error?.message).toBe('Reason is 101 bytes long; Tencent allows at most 100');
		expect(server.stats.requests).toBe(0);
	});

	test('running it again is safe: the messages recalled already come back recalled (the fake answers RetCode 0)', async () => {
		await run([{ account: NEWS, keys: [keyOf(0)] }]);
		const again = await run([{ account: NEWS, keys: [keyOf(0)] }]);
		expect(again.output.map((item) => item.json.status)).toEqual(['recalled']);
	});

	test('a recall retried after a 502 that then answers a non-zero RetCode is failed and ambiguous: the first attempt may have recalled it', async () => {
		server.script(
			{ kind: 'raw', status: 502, body: 'Bad Gateway', apply: true },
			{
				kind: 'raw',
				status: 200,
				contentType: 'application/json',
				body: JSON.stringify(
					tencentAnswer({ RecallRetList: [{ MsgKey: keyOf(0), RetCode: 20004 }] }),
				),
			},
		);
		const { output, errorOutput } = await run(
			[{ account: NEWS, keys: [keyOf(0)] }],
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(output).toEqual([]);
		expect(errorOutput.map((item) => item.json.details)).toEqual([
			expect.objectContaining({
				msgKey: keyOf(0),
				status: 'failed',
				retCode: 20004,
				errorCode: 20004,
				ambiguous: true,
			}),
		]);
		// It was recalled, by the attempt the 502 hid.
		expect(recalledKeys(NEWS)).toEqual([keyOf(0)]);
	});
});
