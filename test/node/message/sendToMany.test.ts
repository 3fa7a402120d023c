import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp, SDK_APP_ID } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const USERS = Array.from({ length: 1_200 }, (_, i) => `u${i}`);
const server = useFakeServer(() => fakeApp({}, USERS));

const WELCOME = { recipients: '={{ $json.to }}', messageType: 'text', text: 'Welcome!' };

const run = (items: IDataObject[], fields: INodeParameters = WELCOME, extra: RunExtra = {}) =>
	runOperation('message', 'sendToMany', fields, items, { server, ...extra });

const texts = (userId: string) =>
	server
		.inspect('mailbox', SDK_APP_ID, userId)
		.map((message) => (message.msgBody[0] as { MsgContent: { Text: string } }).MsgContent.Text);

describe('Message → Send to Many in the n8n engine', () => {
	test('1,200 items with the same message go out 500 to a call, one paired item per recipient, each recipient holding it once', async () => {
		const items = USERS.map((to) => ({ to }));

		const { output, error } = await run(items);

		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.to, item.json.status, item.pairedItem])).toEqual(
			USERS.map((to, i) => [to, 'sent', { item: i }]),
		);
		expect(output[0].json).toEqual({ to: 'u0', status: 'sent', msgKey: expect.any(String) });
		expect(server.stats.calls.batchsendmsg).toBe(3);
		expect(USERS.every((user) => texts(user).length === 1 && texts(user)[0] === 'Welcome!')).toBe(
			true,
		);
	});

	test('items carrying different messages are sent in separate calls; the same recipient twice with one message gets it once', async () => {
		const { output } = await run(
			[
				{ to: 'u1', text: 'A' },
				{ to: 'u2', text: 'B' },
				{ to: ['u3', 'u1'], text: 'A' },
			],
			{ ...WELCOME, text: '={{ $json.text }}' },
		);
		expect(output.map((item) => [item.json.to, item.json.status, item.pairedItem])).toEqual([
			['u1', 'sent', { item: 0 }],
			['u2', 'sent', { item: 1 }],
			['u3', 'sent', { item: 2 }],
			['u1', 'sent', { item: 2 }],
		]);
		expect(server.stats.calls.batchsendmsg).toBe(2);
		expect([texts('u1'), texts('u2'), texts('u3')]).toEqual([['A'], ['B'], ['A']]);
	});

	test('recipients in ErrorList are failed with their code, on their own items; those left out of it are sent', async () => {
		const { output } = await run([{ to: 'u1' }, { to: 'ghost' }, { to: 'u2' }]);
		expect(output.map((item) => item.json)).toEqual([
			{ to: 'u1', status: 'sent', msgKey: expect.any(String) },
			{
				to: 'ghost',
				status: 'failed',
				errorCode: 70107,
				errorInfo: expect.stringContaining('not an imported account'),
			},
			{ to: 'u2', status: 'sent', msgKey: expect.any(String) },
		]);
	});

	test('with "Continue (using error output)", failed recipients reach the error output, paired', async () => {
		const { output, errorOutput } = await run([{ to: 'u1' }, { to: 'ghost' }], WELCOME, {
			onError: 'continueErrorOutput',
		});
		expect(output.map((item) => item.json.to)).toEqual(['u1']);
		expect(
			errorOutput.map((item) => [item.json.error, item.json.details, item.pairedItem]),
		).toEqual([
			[
				expect.stringContaining('Tencent Chat error 70107'),
				expect.objectContaining({ to: 'ghost', status: 'failed', errorCode: 70107 }),
				{ item: 1 },
			],
		]);
	});

	test('a call retried after a reset that came after delivery: its recipients are sent and ambiguous, and hold the message once', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output, error } = await run([{ to: 'u1' }, { to: 'u2' }]);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.status, item.json.ambiguous])).toEqual([
			['sent', true],
			['sent', true],
		]);
		expect(server.stats.calls.batchsendmsg).toBe(2);
		expect([texts('u1'), texts('u2')]).toEqual([['Welcome!'], ['Welcome!']]);
	});

	test('a sender that is not an account fails the call: with Continue On Fail, every recipient of it is failed', async () => {
		const { output } = await run(
			[{ to: 'u1' }, { to: 'u2' }],
			{ ...WELCOME, from: 'nobody' },
			{ onError: 'continueRegularOutput' },
		);
		expect(output.map((item) => [item.json.status, item.json.errorCode])).toEqual([
			['failed', 90008],
			['failed', 90008],
		]);
	});

	test('a failed call stops the node and warns that running it again sends the message again', async () => {
		const { error } = await run([{ to: 'u1' }], { ...WELCOME, from: 'nobody' });
		expect(error?.message).toContain('Tencent Chat error 90008');
		expect(error?.description).toContain('Running the node again sends the message again');
	});

	test.each([
		['an empty recipient', [{ to: '' }], WELCOME, 'Recipients is empty', 1],
		['an empty list of recipients', [{ to: [] }], WELCOME, 'Recipients is an empty list', 1],
		['a recipient over 32 bytes', [{ to: 'r'.repeat(33) }], WELCOME, 'is 33 bytes long', 1],
		// A message without expressions is every item's: the first item reports it.
		[
			'a raw MsgBody with an element that is not an object',
			[{ to: 'u1' }],
			{ ...WELCOME, messageType: 'raw', msgBody: '[1]' },
			'Message Body element 1 of 1 is not an object',
			0,
		],
		[
			'a lifetime that is not a number',
			[{ to: 'u1' }],
			{ ...WELCOME, messageOptions: { lifetime: '={{ $json.days }}' } },
			'Lifetime (Seconds) must be a whole number',
			1,
		],
	] as Array<[string, IDataObject[], INodeParameters, string, number]>)(
		'%s is refused before any call',
		async (_, items, fields, message, itemIndex) => {
			const { error } = await run(
				[{ to: 'u1', days: 3 }, ...items.map((item) => ({ days: 'soon', ...item }))],
				fields,
			);
			expect(error?.message).toContain(message);
			expect(error?.itemIndex).toBe(itemIndex);
			expect(server.stats.requests).toBe(0);
		},
	);
});
