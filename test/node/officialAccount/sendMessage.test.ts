import { beforeEach, describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { resetProcessState } from '../../../nodes/TencentChat/client';
import { BROADCAST_TEXT_FIELDS, credentialsFor, fakeApp, SDK_APP_ID } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const NEWS = '@TOA#_news';
const DEALS = '@TOA#_deals';
const server = useFakeServer();
beforeEach(async () => {
	// Each test starts with the accounts' hourly budgets unused, in this process as on the server.
	await resetProcessState();
	server.addApp(fakeApp({ [NEWS]: { subscribers: ['u1'] }, [DEALS]: {} }));
	server.setFaults({});
	server.resetStats();
});

const run = (
	items: IDataObject[],
	fields: INodeParameters = {},
	options: INodeParameters = {},
	extra: RunExtra = {},
) =>
	runOperation('officialAccount', 'sendMessage', { ...BROADCAST_TEXT_FIELDS, ...fields }, items, {
		server,
		options,
		...extra,
	});

type StoredMessage = {
	key: string;
	body: unknown[];
	random: number;
	cloudCustomData?: string;
	recalled: boolean;
};
const messagesOf = (account: string) =>
	server.inspect('officialAccount', SDK_APP_ID, account).messages as StoredMessage[];

describe('Official Account → Send Message in the n8n engine', () => {
	test('broadcasts a text and outputs its msgKey and msgTime, paired', async () => {
		const { output, error } = await run(
			[{ account: NEWS, text: 'Sale starts today' }],
			{},
			{ cloudCustomData: '{"campaign":7}' },
		);
		expect(error).toBeUndefined();
		const [stored] = messagesOf(NEWS);
		expect(stored).toMatchObject({
			body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Sale starts today' } }],
			cloudCustomData: '{"campaign":7}',
		});
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					officialAccount: NEWS,
					status: 'sent',
					msgKey: stored.key,
					msgTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				},
				{ item: 0 },
			],
		]);
	});

	test('a custom element carries Data, Desc and Ext; a raw MsgBody is sent as given', async () => {
		await run([{ account: NEWS }], {
			messageType: 'custom',
			customData: '{"type":"promo"}',
			customDescription: 'New promo',
			customExtension: 'x',
		});
		const body = [
			{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Look' } },
			{ MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'smile' } },
		];
		await run([{ account: DEALS, body }], { messageType: 'raw', msgBody: '={{ $json.body }}' });
		expect(messagesOf(NEWS)[0].body).toEqual([
			{
				MsgType: 'TIMCustomElem',
				MsgContent: { Data: '{"type":"promo"}', Desc: 'New promo', Ext: 'x' },
			},
		]);
		expect(messagesOf(DEALS)[0].body).toEqual(body);
	});

	test('Online Only is sent as OnlineOnlyFlag 1: the message is not stored', async () => {
		const { output } = await run([{ account: NEWS, text: 'Live now' }], {}, { onlineOnly: true });
		expect(output[0].json.status).toBe('sent');
		expect(messagesOf(NEWS)).toEqual([]);
	});

	test('two messages of one account go at least a second apart; Tencent refuses none', async () => {
		const started = performance.now();
		const { output, error } = await run([
			{ account: NEWS, text: 'one' },
			{ account: NEWS, text: 'two' },
		]);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(2);
		expect(performance.now() - started).toBeGreaterThanOrEqual(950);
		expect(server.stats.rateLimited).toBe(0);
	});

	test("broadcasts of 400 accounts at once are paced under the app's 200 a second too: all sent, none refused", async () => {
		const accounts = Array.from({ length: 400 }, (_, i) => `@TOA#_many${i}`);
		server.addApp(fakeApp(Object.fromEntries(accounts.map((account) => [account, {}]))));
		// 90% of Tencent's rate: the margin keeps a busy test machine (the fake server shares this event loop) out of the count.
		const { output, error } = await run(
			accounts.map((account) => ({ account, text: 'Sale' })),
			{},
			{},
			{ credentials: credentialsFor(server, { rateLimitShare: 90 }) },
		);
		expect(error).toBeUndefined();
		expect(output.filter((item) => item.json.status === 'sent')).toHaveLength(400);
		expect(server.stats.rateLimited).toBe(0);
		expect(server.stats.calls.send_official_account_msg).toBe(400);
	});

	test('a third broadcast of an account within the hour fails at once, saying when the next is possible; other accounts are not held up', async () => {
		const { output, errorOutput } = await run(
			[
				{ account: NEWS, text: 'one' },
				{ account: NEWS, text: 'two' },
				{ account: NEWS, text: 'three' },
				{ account: DEALS, text: 'deal' },
			],
			{},
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(output.map((item) => [item.json.officialAccount, item.pairedItem])).toEqual([
			[NEWS, { item: 0 }],
			[NEWS, { item: 1 }],
			[DEALS, { item: 3 }],
		]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 2 });
		const { error, details } = errorOutput[0].json as { error: string; details: IDataObject };
		expect(error).toMatch(
			/2 times an hour for @TOA#_news, and calls of this n8n process that Tencent accepted or may have carried out took them in the last hour; the next is possible at \d{4}-\d\d-\d\dT/,
		);
		expect(details).toMatchObject({
			errorCode: 'HOURLY_LIMIT',
			hint: expect.stringContaining('Message → Send'),
		});
		// Two of the news account's, one of the deals account's: the third news broadcast never left.
		// (A call a busy machine delivered too close to the one before is refused 60007 and sent again.)
		expect(server.stats.calls.send_official_account_msg - server.stats.rateLimited).toBe(3);
		expect(messagesOf(NEWS)).toHaveLength(2);
	});

	test("many broadcasts of one account: all past the hour's two fail at once, without waiting a second each", async () => {
		const started = performance.now();
		const { output, errorOutput } = await run(
			Array.from({ length: 30 }, (_, i) => ({ account: NEWS, text: `news ${i}` })),
			{},
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(output).toHaveLength(2);
		expect(errorOutput).toHaveLength(28);
		expect(
			errorOutput.every((item) => (item.json.details as IDataObject).errorCode === 'HOURLY_LIMIT'),
		).toBe(true);
		// Two that Tencent took; on a machine so busy that the second broadcast reached Tencent early and
		// was refused for its frequency, that refusal took no place of the hour, and was retried.
		expect(server.stats.calls.send_official_account_msg - server.stats.rateLimited).toBe(2);
		// Lower bound only: the second broadcast waits its second.
		expect(performance.now() - started).toBeGreaterThanOrEqual(950);
	});

	test("Tencent's own refusal (another process used the hour) says what to do", async () => {
		await run([
			{ account: NEWS, text: 'one' },
			{ account: NEWS, text: 'two' },
		]);
		await resetProcessState();
		const { error } = await run([{ account: NEWS, text: 'three' }], {}, { maxRetries: 0 });
		expect(error?.message).toBe(
			'Tencent Chat error 60007: REST API call frequency exceeds the limit',
		);
		expect(error?.description).toContain('2 broadcasts an hour');
		expect(error?.description).toContain('Message → Send');
	});

	test('a send retried after a call that may have been carried out keeps its Random: one message, output ambiguous', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output, error } = await run([{ account: NEWS, text: 'once' }], {}, {});
		expect(error).toBeUndefined();
		expect(messagesOf(NEWS)).toHaveLength(1);
		expect(output[0].json).toEqual({
			officialAccount: NEWS,
			status: 'sent',
			msgKey: messagesOf(NEWS)[0].key,
			msgTime: expect.any(String),
			ambiguous: true,
		});
	});

	test('a send whose every attempt may have been carried out is unknown, not failed', async () => {
		server.script(
			{ kind: 'fault', fault: 'resetAfterApply' },
			{ kind: 'fault', fault: 'resetAfterApply' },
		);
		const { errorOutput } = await run(
			[{ account: DEALS, text: 'maybe' }],
			{},
			{ maxRetries: 1 },
			{ onError: 'continueErrorOutput' },
		);
		expect(errorOutput[0].json.details).toMatchObject({ status: 'unknown', ambiguous: true });
	});

	test.each([
		['an empty text', { text: ' ' }, {}, 'Text is empty'],
		[
			'a MsgBody that is not JSON',
			{},
			{ messageType: 'raw', msgBody: '[{' },
			'Message Body is not valid JSON',
		],
		[
			'a MsgBody that is not an array',
			{},
			{ messageType: 'raw', msgBody: '{"MsgType":"TIMTextElem"}' },
			'Message Body must be a JSON array',
		],
		[
			'an empty MsgBody',
			{},
			{ messageType: 'raw', msgBody: '[]' },
			'Message Body must be a JSON array',
		],
		[
			'an element without MsgContent',
			{},
			{
				messageType: 'raw',
				msgBody: '[{"MsgType":"TIMTextElem","MsgContent":{"Text":"a"}},{"MsgType":"TIMTextElem"}]',
			},
			'Message Body element 2 of 2 needs a MsgContent object',
		],
		[
			'an element with a wrong MsgType',
			{},
			{ messageType: 'raw', msgBody: '[{"MsgType":"text","MsgContent":{}}]' },
			'Message Body element 1 of 1 needs a MsgType',
		],
		[
			'a custom element with nothing in it',
			{},
			{ messageType: 'custom' },
			'A custom message needs at least one of Data, Description and Extension',
		],
		['a text over 12 KB', { text: 'x'.repeat(12_300) }, {}, 'Text is 12300 bytes long'],
	])('%s is refused before any call, naming the item', async (_label, item, fields, message) => {
		const { error } = await run(
			[
				{ account: NEWS, text: 'fine' },
				{ account: DEALS, text: 'ok', ...item },
			],
			fields as INodeParameters,
		);
		expect(error?.message).toContain(message);
		expect(error?.itemIndex).toBe(Object.keys(fields).length > 0 ? 0 : 1);
		expect(error?.description).toContain('No call was made to Tencent');
		expect(server.stats.requests).toBe(0);
	});

	test('an unknown account is 130004 with its hint; under "Continue (using error output)" the other item is sent', async () => {
		const { output, errorOutput } = await run(
			[
				{ account: '@TOA#_gone', text: 'x' },
				{ account: DEALS, text: 'y' },
			],
			{},
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(output.map((item) => item.json.officialAccount)).toEqual([DEALS]);
		expect(errorOutput[0].json).toEqual({
			error: 'Tencent Chat error 130004: official account does not exist',
			details: expect.objectContaining({
				errorCode: 130004,
				hint: expect.stringContaining('check the Official Account ID'),
			}),
		});
	});
});
