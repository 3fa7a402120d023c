import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp, tencentAnswer } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const NEWS = '@TOA#_news';
const QUIET = '@TOA#_quiet';
const CREATED = 1_700_000_000;
const TEXTS = Array.from({ length: 45 }, (_, i) => `headline ${i}`);
/** The fake's keys: Seq_1_ServerTime, the n-th message (from 1) sent a second after the one before. */
const keyOf = (index: number) => `${index + 1}_1_${CREATED + index}`;

const server = useFakeServer(() =>
	fakeApp({ [NEWS]: { messages: TEXTS, createTime: CREATED }, [QUIET]: {} }),
);

const run = (
	items: IDataObject[],
	fields: INodeParameters = {},
	options: INodeParameters = {},
	extra: RunExtra = {},
) =>
	runOperation(
		'officialAccount',
		'getMessages',
		{ officialAccountId: '={{ $json.account }}', ...fields },
		items,
		{ server, options, ...extra },
	);

const recall = (msgKeys: string[]) =>
	runOperation(
		'officialAccount',
		'recallMessages',
		{
			officialAccountId: NEWS,
			msgKeys: '={{ $json.keys }}',
		},
		[{ keys: msgKeys }],
		{ server },
	);

describe('Official Account → Get Messages in the n8n engine', () => {
	test('Return All follows LastMsgKey until IsFinished 1: 45 messages, newest first, in pages of 20', async () => {
		const { output, error } = await run([{ account: NEWS }], { returnAll: true });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.msgKey)).toEqual(TEXTS.map((_, i) => keyOf(i)).reverse());
		expect(server.stats.calls.official_account_msg_get_simple).toBe(3);
	});

	test('each message comes with its key, sequence, time as an ISO date, sender and body, paired with its item', async () => {
		const { output } = await run([{ account: NEWS }, { account: QUIET }], { limit: 1 });
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					officialAccount: NEWS,
					msgKey: keyOf(44),
					msgSeq: 45,
					msgTime: new Date((CREATED + 44) * 1000).toISOString(),
					from: NEWS,
					isPlaceholder: false,
					msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'headline 44' } }],
				},
				{ item: 0 },
			],
		]);
		expect(server.stats.calls.official_account_msg_get_simple).toBe(2);
	});

	test('the default Limit is 50: pages of 20, 20 and 10', async () => {
		server.addApp(fakeApp({ [NEWS]: { messages: Array.from({ length: 60 }, (_, i) => `m${i}`) } }));
		const { output } = await run([{ account: NEWS }]);
		expect(output).toHaveLength(50);
		expect(server.stats.calls.official_account_msg_get_simple).toBe(3);
	});

	test('recalled messages are left out, unless Include Recalled Messages is on', async () => {
		await recall([keyOf(44), keyOf(43)]);
		const without = await run([{ account: NEWS }], { limit: 2 });
		expect(without.output.map((item) => item.json.msgKey)).toEqual([keyOf(42), keyOf(41)]);
		const withRecalled = await run([{ account: NEWS }], { limit: 2 }, { withRecalled: true });
		expect(withRecalled.output.map((item) => [item.json.msgKey, item.json.isPlaceholder])).toEqual([
			[keyOf(44), true],
			[keyOf(43), true],
		]);
	});

	test('IsFinished 2 (older messages expired) ends the list', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(
				tencentAnswer({
					IsFinished: 2,
					LastMsgKey: keyOf(44),
					RspMsgList: [
						{
							MsgKey: keyOf(44),
							MsgSeq: 45,
							MsgTimeStamp: CREATED + 44,
							From_Account: NEWS,
							IsPlaceMsg: 0,
							MsgBody: [],
						},
					],
				}),
			),
		});
		const { output } = await run([{ account: NEWS }], { returnAll: true });
		expect(output).toHaveLength(1);
		expect(server.stats.calls.official_account_msg_get_simple).toBe(1);
	});

	test('a bad account ID is refused before any call, naming the item', async () => {
		const { error } = await run([{ account: NEWS }, { account: 'x'.repeat(49) }]);
		expect(error?.message).toContain('is 49 bytes long; Tencent allows at most 48');
		expect(error?.itemIndex).toBe(1);
		expect(server.stats.requests).toBe(0);
	});

	test('an unknown account is 130004 for its item; under "Continue (using error output)" the others are listed', async () => {
		const { output, errorOutput } = await run(
			[{ account: '@TOA#_gone' }, { account: NEWS }],
			{ limit: 3 },
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(output).toHaveLength(3);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
		expect(errorOutput[0].json).toEqual({
			error: 'Tencent Chat error 130004: official account does not exist',
			details: expect.objectContaining({
				errorCode: 130004,
				hint: expect.stringContaining('does not exist or was destroyed'),
			}),
		});
	});
});
