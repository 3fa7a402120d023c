import { afterEach, describe, expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { listBounds } from '../../nodes/TencentChat/actions/shapes/list';
import type { ScriptedAnswer } from '../fake-tencent/config';
import { fakeApp, scriptedAnswer } from '../helpers/fixtures';
import { type RunExtra, runOperation } from '../helpers/runOperation';
import { useFakeServer } from '../helpers/useFakeServer';

// What every list holds to (the list shape): no entry twice, no silent end, a bound per execution.

const NEWS = '@TOA#_news';
const DEALS = '@TOA#_deals';
const server = useFakeServer(() =>
	fakeApp({
		[NEWS]: { subscribers: Array.from({ length: 30 }, (_, i) => `s${i}`) },
		[DEALS]: { subscribers: Array.from({ length: 30 }, (_, i) => `d${i}`) },
	}),
);
afterEach(() => {
	listBounds.maxEntries = 1_000_000;
	listBounds.progressEvery = 10_000;
});

const ok = (fields: IDataObject): ScriptedAnswer => scriptedAnswer(fields);
const subscribers = (from: number, count: number, next: string) =>
	ok({
		SubscriberList: Array.from({ length: count }, (_, i) => ({
			Subscriber_Account: `u${from + i}`,
			SubscribeTime: 1_700_000_000,
		})),
		Next: next,
	});

const listSubscribers = (
	items: IDataObject[],
	extra: RunExtra = {},
	fields: IDataObject = { returnAll: true },
) =>
	runOperation(
		'officialAccount',
		'getSubscribers',
		{ officialAccountId: '={{ $json.account }}', ...fields },
		items,
		{ server, options: { maxConcurrency: 1 }, ...extra },
	);

describe('no entry twice', () => {
	test('a cursor that loops (Next A → B → A) fails the item, saying the paging repeats itself', async () => {
		server.script(subscribers(0, 200, 'A'), subscribers(200, 200, 'B'), subscribers(400, 200, 'A'));
		const { error, output } = await listSubscribers([{ account: NEWS }]);
		expect(output).toEqual([]);
		expect(error?.message).toMatch(
			/^Tencent Chat call failed: Tencent's paging repeats itself \(its cursor "A" pointed back to a page already read\) after 600 entries/,
		);
		expect(server.stats.requests).toBe(3);
	});

	test('a page already read, come again (an Offset the server ignores), fails the item', async () => {
		const page = {
			OfficialAccountInfoList: [
				{ Official_Account: NEWS, Name: 'News', SelfInfo: { SubscribeTime: 1_700_000_000 } },
			],
			CompleteFlag: 0,
		};
		server.script(ok({ ...page, Next: 1 }), ok({ ...page, Next: 2 }));
		const { errorOutput, error } = await runOperation(
			'officialAccount',
			'getSubscriptions',
			{
				subscriberId: 's1',
				returnAll: true,
			},
			[{}],
			{ server, onError: 'continueErrorOutput' },
		);
		expect(error).toBeUndefined();
		expect(
			errorOutput.map((item) => [item.pairedItem, (item.json.details as IDataObject).errorCode]),
		).toEqual([[{ item: 0 }, 'PAGING_REPEATS']]);
		expect(String(errorOutput[0].json.error)).toContain(
			'a page of entries already read came again',
		);
	});

	test('LastMsgKey swinging K1 ↔ K2 fails the item', async () => {
		const messages = (keys: string[], last: string) =>
			ok({
				RspMsgList: keys.map((key) => ({
					MsgKey: key,
					MsgSeq: 1,
					MsgTimeStamp: 1_700_000_000,
					MsgBody: [],
				})),
				IsFinished: 0,
				LastMsgKey: last,
			});
		server.script(
			messages(['1_1_1', '2_1_2'], 'K1'),
			messages(['3_1_3'], 'K2'),
			messages(['4_1_4'], 'K1'),
		);
		const { error } = await runOperation(
			'officialAccount',
			'getMessages',
			{
				officialAccountId: NEWS,
				returnAll: true,
			},
			[{}],
			{ server },
		);
		expect(error?.message).toContain(
			`Tencent's paging repeats itself (its cursor "K1" pointed back to a page already read) after 4 entries`,
		);
	});
});

describe('an empty page that is not the last', () => {
	test('is followed: every entry after it is read', async () => {
		server.script(subscribers(0, 200, 'A'), subscribers(0, 0, 'B'), subscribers(200, 50, ''));
		const { output, error } = await listSubscribers([{ account: NEWS }]);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(250);
		expect(new Set(output.map((item) => item.json.subscriber)).size).toBe(250);
	});

	test('more than three in a row end the item with an error that the list is incomplete', async () => {
		server.script(
			subscribers(0, 200, 'A'),
			subscribers(0, 0, 'B'),
			subscribers(0, 0, 'C'),
			subscribers(0, 0, 'D'),
			subscribers(0, 0, 'E'),
		);
		const { error } = await listSubscribers([{ account: NEWS }]);
		expect(error?.message).toContain(
			'the list is incomplete: Tencent answered 4 empty pages in a row, each saying more follows, after 200 entries',
		);
	});

	test('of subscriptions (CompleteFlag 0) is followed too', async () => {
		const entry = (id: string) => ({
			Official_Account: id,
			Name: id,
			SelfInfo: { SubscribeTime: 1_700_000_000 },
		});
		server.script(
			ok({ OfficialAccountInfoList: [entry('@TOA#_a')], CompleteFlag: 0, Next: 1 }),
			ok({ OfficialAccountInfoList: [], CompleteFlag: 0, Next: 2 }),
			ok({ OfficialAccountInfoList: [entry('@TOA#_b')], CompleteFlag: 1 }),
		);
		const { output, error } = await runOperation(
			'officialAccount',
			'getSubscriptions',
			{
				subscriberId: 's1',
				returnAll: true,
			},
			[{}],
			{ server },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.officialAccount)).toEqual(['@TOA#_a', '@TOA#_b']);
	});
});

describe("Return All's bound holds per execution", () => {
	test('reaching it fails the item that would read more, saying how many were read and that more exist', async () => {
		listBounds.maxEntries = 40;
		const { output, errorOutput } = await listSubscribers([{ account: NEWS }, { account: DEALS }], {
			onError: 'continueErrorOutput',
		});
		// 60 entries over two items: one item's 30 fit, the other's would pass the execution's 40.
		expect(output).toHaveLength(30);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].json.error).toBe(
			'Tencent Chat call failed: the list is longer than this execution may read: 40 entries over all items at most, and this item had read 0 when more followed. Narrow the list, or split the items over several executions',
		);
	});

	test('a list that ends exactly at the bound is given whole', async () => {
		listBounds.maxEntries = 30;
		const { output, error } = await listSubscribers([{ account: NEWS }]);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(30);
	});

	test('a Limit within the bound is kept, whatever is left of the list', async () => {
		listBounds.maxEntries = 30;
		const { output, error } = await listSubscribers(
			[{ account: NEWS }],
			{},
			{ returnAll: false, limit: 10 },
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(10);
	});
});

test("a long list says how far it is, in the editor's console (n8n's only progress channel for a regular node)", async () => {
	listBounds.progressEvery = 200;
	server.script(subscribers(0, 200, 'A'), subscribers(200, 200, 'B'), subscribers(400, 50, ''));
	const { output, uiMessages } = await listSubscribers([{ account: NEWS }]);
	expect(output).toHaveLength(450);
	expect(uiMessages).toEqual([
		'Tencent Chat: item 0, 200 entries read so far',
		'Tencent Chat: item 0, 400 entries read so far',
	]);
});
