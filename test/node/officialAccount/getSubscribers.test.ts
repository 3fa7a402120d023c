import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const BIG = '@TOA#_big';
const SMALL = '@TOA#_small';
const CREATED = 1_700_000_000;
const server = useFakeServer(() =>
	fakeApp({
		[BIG]: { subscribers: Array.from({ length: 450 }, (_, i) => `b${i}`), createTime: CREATED },
		[SMALL]: {
			subscribers: ['s0', 's1', 's2'],
			subscriberCustomStrings: { s1: 'vip' },
			createTime: CREATED,
		},
	}),
);

const run = (items: IDataObject[], fields: INodeParameters = {}, extra: RunExtra = {}) =>
	runOperation(
		'officialAccount',
		'getSubscribers',
		{ officialAccountId: '={{ $json.account }}', ...fields },
		items,
		{ server, ...extra },
	);

describe('Official Account → Get Many Subscribers in the n8n engine', () => {
	test('Return All follows Next across pages of 200: 450 subscribers in three calls, in subscribe order', async () => {
		const { output, error } = await run([{ account: BIG }], { returnAll: true });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(450);
		expect(output.map((item) => item.json.subscriber)).toEqual(
			Array.from({ length: 450 }, (_, i) => `b${i}`),
		);
		expect(
			output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
		expect(server.stats.calls.get_subscriber_info).toBe(3);
	});

	test('the default Limit is 50, asked for in one call', async () => {
		const { output } = await run([{ account: BIG }]);
		expect(output).toHaveLength(50);
		expect(server.stats.calls.get_subscriber_info).toBe(1);
	});

	test('a Limit of 250 takes a page of 200 and one of 50', async () => {
		const { output } = await run([{ account: BIG }], { limit: 250 });
		expect(output).toHaveLength(250);
		expect(server.stats.calls.get_subscriber_info).toBe(2);
	});

	test('each subscriber comes with its subscribe time as an ISO date, its custom string, and the item that asked', async () => {
		const { output } = await run([{ account: BIG }, { account: SMALL }], { limit: 2 });
		expect(
			output.map((item) => [item.json.officialAccount, item.json.subscriber, item.pairedItem]),
		).toEqual([
			[BIG, 'b0', { item: 0 }],
			[BIG, 'b1', { item: 0 }],
			[SMALL, 's0', { item: 1 }],
			[SMALL, 's1', { item: 1 }],
		]);
		expect(output[3].json).toMatchObject({
			subscribeTime: new Date(CREATED * 1000).toISOString(),
			customString: 'vip',
		});
	});

	test('an unknown official account stops the node, naming the item; with Continue On Fail it is an error item', async () => {
		const stopped = await run([{ account: SMALL }, { account: '@TOA#_gone' }]);
		expect(stopped.error?.message).toBe(
			'Tencent Chat error 130004: official account does not exist',
		);
		expect(stopped.error?.itemIndex).toBe(1);

		const continued = await run(
			[{ account: SMALL }, { account: '@TOA#_gone' }],
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(continued.output.map((item) => item.json.subscriber)).toEqual(['s0', 's1', 's2']);
		expect(continued.errorOutput).toHaveLength(1);
		expect(continued.errorOutput[0].json).toEqual({
			error: 'Tencent Chat error 130004: official account does not exist',
			details: expect.objectContaining({ errorCode: 130004 }),
		});
		expect(continued.errorOutput[0].pairedItem).toEqual({ item: 1 });
	});

	test.each([0, -5, 1.5, 'many'])(
		'a Limit of %p is refused before any call, naming the field',
		async (limit) => {
			const { error } = await run([{ account: SMALL }], { limit: limit as number });
			expect(error?.message).toMatch(/^Limit must be a whole number from 1 to/);
			expect(server.stats.requests).toBe(0);
		},
	);

	test('an empty official account ID is refused before any call', async () => {
		const { error } = await run([{ account: SMALL }, { account: ' ' }]);
		expect(error?.message).toBe('Official Account ID is empty');
		expect(error?.itemIndex).toBe(1);
		expect(server.stats.requests).toBe(0);
	});
});
