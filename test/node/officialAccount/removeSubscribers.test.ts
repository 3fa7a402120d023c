import { describe, expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { fakeApp, SDK_APP_ID } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const NEWS = '@TOA#_news';
const DEALS = '@TOA#_deals';
const server = useFakeServer(() =>
	fakeApp({
		[NEWS]: { subscribers: Array.from({ length: 250 }, (_, i) => `n${i}`) },
		[DEALS]: { subscribers: ['d0', 'd1'] },
	}),
);

const run = (items: IDataObject[], extra: RunExtra = {}) =>
	runOperation(
		'officialAccount',
		'removeSubscribers',
		{ officialAccountId: '={{ $json.account }}', subscriberIds: '={{ $json.subscribers }}' },
		items,
		{ server, ...extra },
	);

describe('Official Account → Remove Subscribers in the n8n engine', () => {
	test('removes subscribers, says who was not one, and gives each asked-for subscriber one paired item', async () => {
		const { output, error } = await run([
			{ account: NEWS, subscribers: 'n0, n1' },
			{ account: DEALS, subscribers: ['d0', 'stranger'] },
			{ account: NEWS, subscribers: 'n1' },
		]);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ officialAccount: NEWS, subscriber: 'n0', result: 1, status: 'removed' }, { item: 0 }],
			[{ officialAccount: NEWS, subscriber: 'n1', result: 1, status: 'removed' }, { item: 0 }],
			[{ officialAccount: DEALS, subscriber: 'd0', result: 1, status: 'removed' }, { item: 1 }],
			[
				{ officialAccount: DEALS, subscriber: 'stranger', result: 2, status: 'notSubscribed' },
				{ item: 1 },
			],
			// Asked twice: removed once, by the one call that named it, and both items say so.
			[{ officialAccount: NEWS, subscriber: 'n1', result: 1, status: 'removed' }, { item: 2 }],
		]);
		expect(server.stats.calls.delete_subscriber).toBe(2);
		expect(server.inspect('subscribers', SDK_APP_ID, DEALS)).toEqual(['d1']);
	});

	test('sends 100 subscribers a call, the named limit: 250 make three calls', async () => {
		const items = Array.from({ length: 250 }, (_, i) => ({ account: NEWS, subscribers: `n${i}` }));
		const { output } = await run(items);
		expect(output.filter((item) => item.json.status === 'removed')).toHaveLength(250);
		expect(server.stats.calls.delete_subscriber).toBe(3);
		expect(server.inspect('subscribers', SDK_APP_ID, NEWS)).toEqual([]);
	});

	test('a retry after a call that may have been carried out says it cannot tell who removed the subscriber', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output } = await run([{ account: DEALS, subscribers: 'd0, d1' }]);
		expect(output.map((item) => item.json.status)).toEqual([
			'removedOrNotSubscribed',
			'removedOrNotSubscribed',
		]);
		expect(output.every((item) => item.json.ambiguous === true)).toBe(true);
		expect(server.inspect('subscribers', SDK_APP_ID, DEALS)).toEqual([]);
	});

	test('an unknown official account stops the node before its subscribers, naming what was done and that a re-run is safe', async () => {
		const { error } = await run(
			[
				{ account: DEALS, subscribers: 'd0' },
				{ account: '@TOA#_gone', subscribers: 'x' },
			],
			{ options: { maxConcurrency: 1 } },
		);
		expect(error?.message).toBe('Tencent Chat error 130004: official account does not exist');
		expect(error?.itemIndex).toBe(1);
		expect(error?.description).toContain('after 1 of 2 distinct subscribers had been processed');
		expect(error?.description).toContain('Already processed: d0 (removed)');
		expect(error?.description).toContain('Running the node again is safe');
	});

	test('with "Continue (using error output)", the subscribers of a failed call reach the error output, paired, with the code', async () => {
		const { output, errorOutput, error } = await run(
			[
				{ account: DEALS, subscribers: 'd0' },
				{ account: '@TOA#_gone', subscribers: 'x, y' },
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.subscriber)).toEqual(['d0']);
		expect(
			errorOutput.map((item) => [item.json.error, item.json.details, item.pairedItem]),
		).toEqual(
			['x', 'y'].map((subscriber) => [
				expect.stringContaining('Tencent Chat error 130004: official account does not exist'),
				expect.objectContaining({
					officialAccount: '@TOA#_gone',
					subscriber: subscriber,
					status: 'failed',
					errorCode: 130004,
				}),
				{ item: 1 },
			]),
		);
	});

	test('bad input stops the node before any call', async () => {
		const { error } = await run([
			{ account: NEWS, subscribers: 'n0' },
			{ account: NEWS, subscribers: 'x'.repeat(33) },
		]);
		expect(error?.message).toContain('is 33 bytes long; Tencent allows at most 32');
		expect(error?.itemIndex).toBe(1);
		expect(server.stats.requests).toBe(0);
	});
});
