import { beforeEach, describe, expect, test } from '@jest/globals';
import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import {
	type Broadcast,
	type SubscriberResult,
} from '../../nodes/TencentChat/actions/officialAccount/api';
import { resetProcessState } from '../../nodes/TencentChat/client';
import { operationFor as sendMessageFor } from '../../nodes/TencentChat/actions/officialAccount/sendMessage.operation';
import { operationFor as addSubscribersFor } from '../../nodes/TencentChat/actions/officialAccount/addSubscribers.operation';
import { type BulkOperation, runBulk } from '../../nodes/TencentChat/actions/shapes/bulk';
import { type PerItemOperation, runPerItem } from '../../nodes/TencentChat/actions/shapes/perItem';
import { TencentChat } from '../../nodes/TencentChat/TencentChat.node';
import {
	ADD_SUBSCRIBERS_FIELDS,
	BROADCAST_TEXT_FIELDS,
	fakeApp,
	SDK_APP_ID,
	scriptedAnswer,
} from '../helpers/fixtures';
import { type RunExtra, runOperation } from '../helpers/runOperation';
import { useFakeServer } from '../helpers/useFakeServer';

// A value from Tencent that does not convert never turns a success into a failure; a defect met in
// one item stops every other call of the execution before the node reports, and under Continue it
// is that item's failure only.

const NEWS = '@TOA#_news';
const DEALS = '@TOA#_deals';
const server = useFakeServer(() => fakeApp({ [NEWS]: { subscribers: ['u1'] }, [DEALS]: {} }));
beforeEach(async () => await resetProcessState());

const okAnswer = (fields: IDataObject) => scriptedAnswer(fields, { apply: true });
const broadcast = (items: IDataObject[], extra: RunExtra = {}) =>
	runOperation('officialAccount', 'sendMessage', BROADCAST_TEXT_FIELDS, items, {
		server,
		...extra,
	});
const messagesOf = (account: string) =>
	server.inspect('officialAccount', SDK_APP_ID, account).messages as unknown[];

describe('a value Tencent gives that does not convert', () => {
	test('an OK broadcast with MsgTime 1e13 is sent: its msgKey is output, the time as given', async () => {
		server.script(okAnswer({ MsgKey: '1_1_1700000000', MsgTime: 1e13 }));
		const { output, error } = await broadcast([{ account: NEWS, text: 'one' }]);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{ officialAccount: NEWS, status: 'sent', msgKey: '1_1_1700000000', msgTime: 1e13 },
		]);
	});

	test("a subscriber with SubscribeTime 1e13 keeps every item's list", async () => {
		server.script(
			okAnswer({
				SubscriberList: [
					{ Subscriber_Account: 'u1', SubscribeTime: 1e13 },
					{ Subscriber_Account: 'u2', SubscribeTime: 1_700_000_000 },
				],
				Next: '',
			}),
		);
		const { output, error } = await runOperation(
			'officialAccount',
			'getSubscribers',
			{
				officialAccountId: '={{ $json.account }}',
				returnAll: true,
			},
			[{ account: NEWS }, { account: NEWS }],
			{ server },
		);
		expect(error).toBeUndefined();
		expect(
			output
				.filter((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)
				.map((item) => item.json.subscribeTime),
		).toEqual([1e13, '2023-11-14T22:13:20.000Z']);
		expect(
			output
				.filter((item) => (item.pairedItem as { item: number }).item === 1)
				.map((item) => item.json.subscriber),
		).toEqual(['u1']);
	});
});

/** Send Message with a defect planted after the call of every item whose text is "boom". */
const defective: INodeType = {
	description: new TencentChat().description,
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const sendMessage = sendMessageFor(this, items);
		const plantedDefect: PerItemOperation<Broadcast> = {
			read: sendMessage.read,
			async call(client, input, options) {
				const sent = await sendMessage.call(client, input, options);
				if (JSON.stringify(input.msgBody).includes('boom'))
					throw new TypeError('Invalid time value');
				return sent;
			},
		};
		return [await runPerItem.call(this, items, plantedDefect)];
	},
};

describe('a defect in one item', () => {
	test("stops the other items' calls before the node reports: the second broadcast, waiting for its second, never leaves", async () => {
		const { error } = await broadcast(
			[
				{ account: NEWS, text: 'boom' },
				{ account: NEWS, text: 'two' },
			],
			{ nodeType: defective },
		);
		expect(error?.message).toBe('Invalid time value');
		expect(error?.description).toContain(
			'An unexpected error in item 0, whose call may have been carried out',
		);
		expect(error?.description).toContain('no further calls were started');
		// Had the second broadcast been waiting still, it would have left within a second of the report.
		await new Promise((resolve) => setTimeout(resolve, 1_300));
		expect(messagesOf(NEWS)).toHaveLength(1);
	});

	test('under Continue it is the failure of its own item only; the others are sent', async () => {
		const { output, errorOutput, error } = await broadcast(
			[
				{ account: NEWS, text: 'boom' },
				{ account: DEALS, text: 'two' },
				{ account: NEWS, text: 'three' },
			],
			{ nodeType: defective, onError: 'continueErrorOutput' },
		);
		expect(error).toBeUndefined();
		expect(
			output.map((item) => [item.json.officialAccount, item.json.status, item.pairedItem]),
		).toEqual([
			[DEALS, 'sent', { item: 1 }],
			[NEWS, 'sent', { item: 2 }],
		]);
		expect(errorOutput.map((item) => [item.json.details, item.pairedItem])).toEqual([
			[
				{
					officialAccount: NEWS,
					status: 'unknown',
					ambiguous: true,
					errorCode: 'UNEXPECTED_ERROR',
					errorInfo: 'Invalid time value',
					hint: expect.stringContaining('may have been carried out'),
				},
				{ item: 0 },
			],
		]);
	});
});

/** Add Subscribers with a defect planted after the call that adds the subscriber "boom". */
const bulkDefect: INodeType = {
	description: new TencentChat().description,
	async execute(this: IExecuteFunctions) {
		const addSubscribers = addSubscribersFor();
		const operation: BulkOperation<SubscriberResult> = {
			...addSubscribers,
			send: async (client, key, ids, options) => {
				const answer = await addSubscribers.send(client, key, ids, options);
				if (ids.includes('boom')) throw new TypeError('Invalid time value');
				return answer;
			},
		};
		return [await runBulk.call(this, this.getInputData(), operation)];
	},
};

test("a defect in one bulk call is, under Continue, its own IDs' failure; the other calls' IDs are reported as ever", async () => {
	const { output, errorOutput, error } = await runOperation(
		'officialAccount',
		'addSubscribers',
		ADD_SUBSCRIBERS_FIELDS,
		[
			{ officialAccount: NEWS, subscribers: 'boom' },
			{ officialAccount: DEALS, subscribers: 'fine' },
		],
		{
			server,
			options: { batchSize: 1, maxConcurrency: 1 },
			onError: 'continueErrorOutput',
			nodeType: bulkDefect,
		},
	);
	expect(error).toBeUndefined();
	expect(output.map((item) => [item.json.subscriber, item.json.status])).toEqual([
		['fine', 'added'],
	]);
	expect(errorOutput.map((item) => item.json.details)).toEqual([
		expect.objectContaining({
			subscriber: 'boom',
			status: 'unknown',
			ambiguous: true,
			errorCode: 'UNEXPECTED_ERROR',
			errorInfo: expect.stringContaining('Invalid time value'),
		}),
	]);
});
