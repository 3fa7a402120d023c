import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ADMIN, fakeApp, SDK_APP_ID, tencentAnswer, scriptedAnswer } from '../../helpers/fixtures';
import { runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const server = useFakeServer(() => fakeApp({}, ['ann', 'support', 'bob']));

/** Message → Send, as a workflow would: the messages Get History reads back. */
const send = (messages: Array<{ from?: string; to: string; text: string }>) =>
	runOperation(
		'message',
		'send',
		{
			to: '={{ $json.to }}',
			from: '={{ $json.from ?? "" }}',
			messageType: 'text',
			text: '={{ $json.text }}',
		},
		messages,
		{ server },
	);

const history = (
	fields: INodeParameters = {},
	items: IDataObject[] = [{}],
	onError?: 'continueErrorOutput',
) =>
	runOperation(
		'message',
		'getHistory',
		{ userId: 'ann', peerId: 'support', returnAll: true, ...fields },
		items,
		{ server, options: (fields.options as INodeParameters) ?? {}, onError },
	);

describe('Message → Get History in the n8n engine', () => {
	test('reads back what Send sent both ways, newest first, with the msgKey Send gave, ISO times and both ends', async () => {
		const sent = await send([
			{ from: 'support', to: 'ann', text: 'Hello Ann' },
			{ from: 'ann', to: 'support', text: 'Hi, my order?' },
			{ from: 'support', to: 'bob', text: 'Not this conversation' },
		]);
		const { output, error } = await history();
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{
				from: 'ann',
				to: 'support',
				msgKey: sent.output[1].json.msgKey,
				msgSeq: expect.any(Number),
				msgRandom: expect.any(Number),
				msgTime: sent.output[1].json.msgTime,
				recalled: false,
				readByRecipient: false,
				msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Hi, my order?' } }],
			},
			expect.objectContaining({
				from: 'support',
				to: 'ann',
				msgKey: sent.output[0].json.msgKey,
				recalled: false,
			}),
		]);
		expect(
			output.every(
				(item) => item.pairedItem !== undefined && (item.pairedItem as { item: number }).item === 0,
			),
		).toBe(true);
	});

	test('pages while Tencent says Complete 0, from the LastMsgTime and LastMsgKey it returned: 250 messages of one second, then a Limit', async () => {
		await send(
			Array.from({ length: 250 }, (_, i) => ({
				from: i % 2 ? 'ann' : 'support',
				to: i % 2 ? 'support' : 'ann',
				text: `m${i}`,
			})),
		);
		server.resetStats();
		const all = await history();
		// Newest first: the reverse of the order the server took them in.
		const delivered = server
			.inspect('conversation', SDK_APP_ID, 'ann', 'support')
			.map((message) => message.msgKey);
		expect(delivered).toHaveLength(250);
		expect(all.output.map((item) => item.json.msgKey)).toEqual(delivered.reverse());
		// At most 100 a page, and fewer where the page reaches about 13 KB first.
		const pages = server.stats.calls.admin_getroammsg;
		expect(pages).toBeGreaterThanOrEqual(3);

		server.resetStats();
		const some = await history({ returnAll: false, limit: 120 });
		expect(some.output.map((item) => item.json.msgKey)).toEqual(
			all.output.slice(0, 120).map((item) => item.json.msgKey),
		);
		expect(server.stats.calls.admin_getroammsg).toBeLessThan(pages);
	});

	test('a page Tencent cuts at about 13 KB is followed to the end', async () => {
		await send(
			Array.from({ length: 30 }, (_, i) => ({
				from: 'support',
				to: 'ann',
				text: `${i} ${'x'.repeat(1_500)}`,
			})),
		);
		server.resetStats();
		const { output } = await history();
		expect(output).toHaveLength(30);
		expect(server.stats.calls.admin_getroammsg).toBeGreaterThanOrEqual(4);
	});

	test('only the time range asked for: older messages stay out', async () => {
		server.clockOffsetSeconds = -3 * 86_400;
		await send([{ from: 'support', to: 'ann', text: 'three days ago' }]);
		server.clockOffsetSeconds = 0;
		await send([{ from: 'support', to: 'ann', text: 'today' }]);
		const texts = async (options: INodeParameters) =>
			(await history({ options })).output.map(
				(item) => (item.json.msgBody as Array<{ MsgContent: { Text: string } }>)[0].MsgContent.Text,
			);
		const yesterday = new Date(Date.now() - 86_400_000).toISOString();
		expect(await texts({ startTime: yesterday })).toEqual(['today']);
		expect(await texts({ endTime: yesterday })).toEqual(['three days ago']);
		expect(
			await texts({ startTime: `={{ ${Math.floor(Date.now() / 1000) - 5 * 86_400} }}` }),
		).toEqual(['today', 'three days ago']);
		expect(await texts({ startTime: '={{ $now.minus({ days: 1 }) }}' })).toEqual(['today']);
		expect(await texts({ endTime: '={{ new Date(Date.now() - 86400000) }}' })).toEqual([
			'three days ago',
		]);
	});

	test('a page that brings a cursor pointing back at itself fails the item, no loop and no entry twice', async () => {
		const page = tencentAnswer({
			Complete: 0,
			LastMsgTime: 1_700_000_000,
			LastMsgKey: '1_1_1700000000',
			MsgList: [
				{
					MsgKey: '1_1_1700000000',
					From_Account: 'ann',
					To_Account: 'support',
					MsgTimeStamp: 1_700_000_000,
				},
			],
		});
		server.script(
			{ kind: 'raw', status: 200, body: JSON.stringify(page) },
			{ kind: 'raw', status: 200, body: JSON.stringify(page) },
		);
		const { error } = await history();
		expect(error?.message).toContain("Tencent's paging repeats itself");
		expect(server.stats.requests).toBe(2);
	});

	test('a flag or read mark Tencent gives that is no number says nothing either way: null, not a failure', async () => {
		const message = {
			MsgKey: '1_1_1700000000',
			From_Account: 'ann',
			To_Account: 'support',
			MsgTimeStamp: 'soon',
			MsgFlagBits: 'odd',
			IsPeerRead: 2,
		};
		server.script(scriptedAnswer({ Complete: 1, MsgList: [message] }));
		const { output } = await history();
		expect(
			output.map((item) => [item.json.msgTime, item.json.recalled, item.json.readByRecipient]),
		).toEqual([['soon', null, null]]);
	});

	test.each([
		[
			'a start that is no date',
			{ startTime: '={{ "lots" }}' },
			'Start Time is not a date: got "lots"',
		],
		['an end that is NaN', { endTime: '={{ NaN }}' }, 'End Time is not a date: got NaN'],
		['an end that is an object', { endTime: '={{ { a: 1 } }}' }, 'End Time is not a date'],
		[
			'a start after the end',
			{ startTime: '2026-01-02T00:00:00Z', endTime: '2026-01-01T00:00:00Z' },
			'Start Time is after End Time',
		],
	] as Array<[string, INodeParameters, string]>)(
		'%s is refused before any call, naming the item',
		async (_, options, message) => {
			const { error } = await history({ options });
			expect(error?.message).toContain(message);
			expect(error?.description).toContain('item 0');
			expect(server.stats.requests).toBe(0);
		},
	);

	test('a peer that is not an account is Tencent 90003 with a hint naming Peer ID; under the error output, in its item', async () => {
		const { output, errorOutput } = await history(
			{ peerId: '={{ $json.peer }}' },
			[{ peer: 'support' }, { peer: 'ghost' }],
			'continueErrorOutput',
		);
		expect(output).toEqual([]);
		expect(errorOutput.map((item) => [item.json.details, item.pairedItem])).toEqual([
			[
				expect.objectContaining({
					errorCode: 90003,
					hint: expect.stringContaining('Peer ID is not an imported account'),
				}),
				{ item: 1 },
			],
		]);
		expect(server.inspect('mailbox', SDK_APP_ID, ADMIN)).toEqual([]);
	});
});
