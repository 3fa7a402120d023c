import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ADMIN, fakeApp, SDK_APP_ID } from '../../helpers/fixtures';
import { runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const server = useFakeServer(() => fakeApp({}, ['ann', 'support']));

/** Message → Send's output item: what Recall takes straight. */
const send = async (from: string, text: string) =>
	(
		await runOperation('message', 'send', { to: 'ann', from, messageType: 'text', text }, [{}], {
			server,
		})
	).output[0].json;
/** Message → Get History of Ann with support, every message. */
const readHistory = () =>
	runOperation(
		'message',
		'getHistory',
		{ userId: 'ann', peerId: 'support', returnAll: true },
		[{}],
		{
			server,
		},
	);
const keyOf = ({ from, to, msgKey }: IDataObject) => ({ from, to, msgKey });

const RECALL: INodeParameters = {
	from: '={{ $json.from }}',
	to: '={{ $json.to }}',
	msgKey: '={{ $json.msgKey }}',
};
const recall = (
	items: IDataObject[],
	options: INodeParameters = {},
	onError?: 'continueErrorOutput',
) => runOperation('message', 'recall', RECALL, items, { server, options, onError });

describe('Message → Recall in the n8n engine', () => {
	test("recalls what Send sent, taking Send's output straight; the admin sends when From is empty; Get History then says recalled", async () => {
		const fromSupport = await send('support', 'Coupon WRONG50');
		const fromAdmin = await send('', 'Also wrong');
		const { output, error } = await recall([fromSupport, fromAdmin]);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ from: 'support', to: 'ann', msgKey: fromSupport.msgKey, status: 'recalled' }, { item: 0 }],
			[{ from: ADMIN, to: 'ann', msgKey: fromAdmin.msgKey, status: 'recalled' }, { item: 1 }],
		]);
		expect(
			server
				.inspect('conversation', SDK_APP_ID, 'support', 'ann')
				.map((message) => message.recalled),
		).toEqual([true]);
		const { output: history } = await readHistory();
		expect(history.map((item) => [item.json.msgKey, item.json.recalled])).toEqual([
			[fromSupport.msgKey, true],
		]);
	});

	test('Get History items go straight into Recall', async () => {
		await send('support', 'one');
		await send('support', 'two');
		const { output: history } = await readHistory();
		const { output } = await recall(history.map((item) => item.json));
		expect(output.map((item) => item.json.status)).toEqual(['recalled', 'recalled']);
		expect(
			server
				.inspect('conversation', SDK_APP_ID, 'support', 'ann')
				.every((message) => message.recalled),
		).toBe(true);
	});

	test('20023 (already recalled) and 20022 (not found) are outcomes with their own status, on the main output', async () => {
		const message = await send('support', 'x');
		await recall([message]);
		const { output, errorOutput } = await recall(
			[message, { ...message, msgKey: '999_1_1700000000' }],
			{},
			'continueErrorOutput',
		);
		expect(output.map((item) => item.json.status)).toEqual(['alreadyRecalled', 'notFound']);
		expect(errorOutput).toEqual([]);
	});

	test('a recall retried after a reset that came after it was carried out finds it recalled: it says ambiguous', async () => {
		const message = await send('support', 'x');
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output } = await recall([message]);
		expect(output[0].json).toEqual({
			...keyOf(message),
			status: 'recalledOrAlreadyRecalled',
			ambiguous: true,
		});
		expect(server.stats.calls.admin_msgwithdraw).toBe(2);
		expect(server.inspect('conversation', SDK_APP_ID, 'support', 'ann')[0].recalled).toBe(true);
	});

	test('a recall retried after an answer that says it was not carried out is recalled, not ambiguous', async () => {
		const message = await send('support', 'x');
		server.script({ kind: 'fault', fault: 'error20005' });
		const { output } = await recall([message]);
		expect(output[0].json).toEqual({ ...keyOf(message), status: 'recalled' });
	});

	test('a key that is not one Tencent gave is 90054, failed with a hint; under the error output in its item', async () => {
		const { errorOutput } = await recall(
			[{ from: 'support', to: 'ann', msgKey: 'not-a-key' }],
			{},
			'continueErrorOutput',
		);
		expect(errorOutput.map((item) => [item.json.details, item.pairedItem])).toEqual([
			[
				expect.objectContaining({
					errorCode: 90054,
					hint: expect.stringContaining('Send, Get History or a webhook'),
				}),
				{ item: 0 },
			],
		]);
	});

	test.each([
		['an empty key', { from: 'support', to: 'ann', msgKey: '' }, 'Message Key is empty'],
		['a missing recipient', { from: 'support', msgKey: '1_2_3' }, 'To '],
		['a sender over 32 bytes', { from: 's'.repeat(33), to: 'ann', msgKey: '1_2_3' }, 'From "'],
	] as Array<[string, IDataObject, string]>)(
		'%s is refused before any call',
		async (_, item, message) => {
			const { error } = await recall([{ from: 'support', to: 'ann', msgKey: '1_2_3' }, item]);
			expect(error?.message).toContain(message);
			expect(error?.description).toContain('item 1');
			expect(server.stats.requests).toBe(0);
		},
	);
});
