import { describe, expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { fakeApp } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const NEWS = '@TOA#_news';
const server = useFakeServer(() => fakeApp({ [NEWS]: { subscribers: ['u1', 'u2'] } }));

const run = (items: IDataObject[], extra: RunExtra = {}) =>
	runOperation(
		'officialAccount',
		'updateSubscriber',
		{
			officialAccountId: NEWS,
			subscriberId: '={{ $json.user }}',
			customString: '={{ $json.tier }}',
		},
		items,
		{ server, ...extra },
	);

/** The custom strings the fake server holds, read through Get Many Subscribers. */
async function customStrings(): Promise<Record<string, unknown>> {
	const { output } = await runOperation(
		'officialAccount',
		'getSubscribers',
		{
			officialAccountId: NEWS,
			returnAll: true,
		},
		[{}],
		{ server },
	);
	return Object.fromEntries(output.map((item) => [item.json.subscriber, item.json.customString]));
}

describe('Official Account → Update Subscriber in the n8n engine', () => {
	test("sets each item's subscriber's custom string, one call per item, paired", async () => {
		const { output, error } = await run([
			{ user: 'u1', tier: 'gold' },
			{ user: 'u2', tier: '{"plan":"pro"}' },
		]);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{ officialAccount: NEWS, subscriber: 'u1', status: 'updated', customString: 'gold' },
				{ item: 0 },
			],
			[
				{
					officialAccount: NEWS,
					subscriber: 'u2',
					status: 'updated',
					customString: '{"plan":"pro"}',
				},
				{ item: 1 },
			],
		]);
		expect(server.stats.calls.modify_subscriber_info).toBe(2);
		expect(await customStrings()).toEqual({ u1: 'gold', u2: '{"plan":"pro"}' });
	});

	test('a custom string over 3,000 bytes is refused before any call, naming the item and the field', async () => {
		const { error } = await run([
			{ user: 'u1', tier: 'ok' },
			{ user: 'u2', tier: 'é'.repeat(1_501) },
		]);
		expect(error?.message).toBe('Custom String is 3002 bytes long; Tencent allows at most 3000');
		expect(error?.itemIndex).toBe(1);
		expect(server.stats.requests).toBe(0);
	});

	test('with "Continue (using error output)", a failed item reaches the error output with its code; the rest succeed', async () => {
		const { output, errorOutput } = await run(
			[
				{ user: 'u1', tier: 'gold' },
				{ user: 'nobody', tier: 'x' },
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(output.map((item) => item.json.subscriber)).toEqual(['u1']);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(errorOutput[0].json).toEqual({
			error: expect.stringContaining('Tencent Chat error 6017'),
			details: expect.objectContaining({ errorCode: 6017 }),
		});
	});
});
