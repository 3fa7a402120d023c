import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ADMIN, fakeApp, SDK_APP_ID } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const server = useFakeServer(() => fakeApp({}, ['alice', 'bob', 'support']));

const TEXT_MESSAGE = { to: '={{ $json.to }}', messageType: 'text', text: '={{ $json.text }}' };

const run = (items: IDataObject[], fields: INodeParameters = TEXT_MESSAGE, extra: RunExtra = {}) =>
	runOperation('message', 'send', fields, items, { server, ...extra });

describe('Message → Send in the n8n engine', () => {
	test("sends each item's text to its recipient from the admin, one call per item, with the message's key and time", async () => {
		const { output, error } = await run([
			{ to: 'alice', text: 'Hi Alice' },
			{ to: 'bob', text: 'Hi Bob' },
		]);

		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{ to: 'alice', status: 'sent', msgKey: expect.any(String), msgTime: expect.any(String) },
				{ item: 0 },
			],
			[
				{ to: 'bob', status: 'sent', msgKey: expect.any(String), msgTime: expect.any(String) },
				{ item: 1 },
			],
		]);
		expect(server.stats.calls.sendmsg).toBe(2);
		expect(server.inspect('mailbox', SDK_APP_ID, 'alice')).toEqual([
			expect.objectContaining({
				from: ADMIN,
				to: 'alice',
				msgKey: output[0].json.msgKey,
				msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Hi Alice' } }],
				syncOtherMachine: 2,
			}),
		]);
	});

	test('a custom element from a user, with lifetime, sync to sender, cloud custom data and an offline push', async () => {
		const { output } = await run([{ to: 'bob' }], {
			to: '={{ $json.to }}',
			from: 'support',
			messageType: 'custom',
			customData: '{"order":42}',
			customDescription: 'Order shipped',
			messageOptions: {
				lifetime: 0,
				syncToSender: true,
				cloudCustomData: 'crm',
				offlinePushTitle: 'Shop',
				offlinePushText: 'Your order shipped',
			},
		});
		expect(output[0].json).toEqual(
			expect.objectContaining({ to: 'bob', from: 'support', status: 'sent' }),
		);
		expect(server.inspect('mailbox', SDK_APP_ID, 'bob')).toEqual([
			expect.objectContaining({
				from: 'support',
				msgBody: [
					{
						MsgType: 'TIMCustomElem',
						MsgContent: { Data: '{"order":42}', Desc: 'Order shipped', Ext: '' },
					},
				],
				msgLifeTime: 0,
				syncOtherMachine: 1,
				cloudCustomData: 'crm',
				offlinePushInfo: { Title: 'Shop', Desc: 'Your order shipped' },
			}),
		]);
	});

	test('a raw MsgBody is sent as it is, from JSON text or from an array', async () => {
		const body = [
			{ MsgType: 'TIMTextElem', MsgContent: { Text: 'one' } },
			{ MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'smile' } },
		];
		await run(
			[
				{ to: 'alice', body: JSON.stringify(body) },
				{ to: 'bob', body },
			],
			{ to: '={{ $json.to }}', messageType: 'raw', msgBody: '={{ $json.body }}' },
		);
		expect(server.inspect('mailbox', SDK_APP_ID, 'alice')[0].msgBody).toEqual(body);
		expect(server.inspect('mailbox', SDK_APP_ID, 'bob')[0].msgBody).toEqual(body);
	});

	test('a send retried after a connection reset that came after delivery is marked ambiguous; the recipient holds it once', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output, error } = await run([{ to: 'alice', text: 'Once only' }]);

		expect(error).toBeUndefined();
		expect(output[0].json).toEqual(
			expect.objectContaining({ to: 'alice', status: 'sent', ambiguous: true }),
		);
		expect(server.stats.calls.sendmsg).toBe(2);
		// Both attempts carried the same MsgRandom: the fake, as Tencent, delivered it once.
		expect(
			server.inspect('mailbox', SDK_APP_ID, 'alice').map((message) => message.msgBody),
		).toEqual([[{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Once only' } }]]);
	});

	test('a send retried after an answer that says it was not carried out is not ambiguous', async () => {
		server.script({ kind: 'fault', fault: 'error20005' });
		const { output } = await run([{ to: 'alice', text: 'Hello' }]);
		expect(output[0].json.ambiguous).toBeUndefined();
		expect(server.inspect('mailbox', SDK_APP_ID, 'alice')).toHaveLength(1);
	});

	test('a send that may have been delivered but never got an answer says so and that sending again could repeat it', async () => {
		server.setFaults({ resetAfterApply: 1 });
		const { output } = await run([{ to: 'alice', text: 'Hello' }], TEXT_MESSAGE, {
			options: { maxRetries: 1 },
			onError: 'continueRegularOutput',
		});
		expect(output[0].json).toEqual({
			to: 'alice',
			status: 'unknown',
			ambiguous: true,
			errorCode: 'UND_ERR_SOCKET',
			errorInfo: expect.any(String),
			hint: expect.stringContaining('may have been delivered'),
		});
		expect(server.inspect('mailbox', SDK_APP_ID, 'alice')).toHaveLength(1);
	});

	test('with "Continue (using error output)", a recipient that is not an account reaches the error output; the rest are sent', async () => {
		const { output, errorOutput } = await run(
			[
				{ to: 'alice', text: 'a' },
				{ to: 'stranger', text: 'b' },
			],
			TEXT_MESSAGE,
			{ onError: 'continueErrorOutput' },
		);
		expect(output.map((item) => item.json.to)).toEqual(['alice']);
		expect(
			errorOutput.map((item) => [item.json.error, item.json.details, item.pairedItem]),
		).toEqual([
			[
				expect.stringContaining('Tencent Chat error 90012'),
				expect.objectContaining({ errorCode: 90012 }),
				{ item: 1 },
			],
		]);
	});

	test('a sender that is not an account stops the node with a hint', async () => {
		const { error } = await run([{ to: 'alice' }], { ...TEXT_MESSAGE, text: 'x', from: 'nobody' });
		expect(error?.message).toContain('Tencent Chat error 90008');
		expect(error?.description).toContain('The sender (From) is not an imported account');
	});

	test.each([
		['an empty recipient', [{ to: '', text: 'x' }], TEXT_MESSAGE, 'To is empty'],
		[
			'a recipient over 32 bytes',
			[{ to: 'r'.repeat(33), text: 'x' }],
			TEXT_MESSAGE,
			'is 33 bytes long; Tencent allows at most 32',
		],
		['an empty text', [{ to: 'alice', text: ' ' }], TEXT_MESSAGE, 'Text is empty'],
		[
			'a raw MsgBody that is not JSON',
			[{ to: 'alice' }],
			{ to: 'alice', messageType: 'raw', msgBody: '[{' },
			'Message Body is not valid JSON',
		],
		[
			'a raw MsgBody that is an object',
			[{ to: 'alice' }],
			{ to: 'alice', messageType: 'raw', msgBody: '{"MsgType":"TIMTextElem"}' },
			'Message Body must be a JSON array',
		],
		[
			'a raw element without MsgContent',
			[{ to: 'alice' }],
			{ to: 'alice', messageType: 'raw', msgBody: '[{"MsgType":"TIMTextElem"}]' },
			'Message Body element 1 of 1 needs a MsgContent object',
		],
		[
			'a lifetime over 7 days',
			[{ to: 'alice', text: 'x' }],
			{ ...TEXT_MESSAGE, messageOptions: { lifetime: 604_801 } },
			'Lifetime (Seconds) must be a whole number from 0 to 604800',
		],
		[
			'a negative lifetime',
			[{ to: 'alice', text: 'x' }],
			{ ...TEXT_MESSAGE, messageOptions: { lifetime: '={{ -1 }}' } },
			'Lifetime (Seconds) must be a whole number from 0 to 604800',
		],
		[
			'a sender over 32 bytes',
			[{ to: 'alice', text: 'x' }],
			{ ...TEXT_MESSAGE, from: 's'.repeat(40) },
			'is 40 bytes long',
		],
	] as Array<[string, IDataObject[], INodeParameters, string]>)(
		'%s is refused before any call',
		async (_, items, fields, message) => {
			const { error } = await run([{ to: 'bob', text: 'fine' }, ...items], fields);
			expect(error?.message).toContain(message);
			expect(server.stats.requests).toBe(0);
		},
	);
});
