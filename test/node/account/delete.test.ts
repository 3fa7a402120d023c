import { describe, expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { fakeApp, SDK_APP_ID, tencentAnswer, tencentFailure } from '../../helpers/fixtures';
import { type OnError, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const server = useFakeServer(() => fakeApp({}, ['d0', 'd1', 'd2']));

const run = (items: IDataObject[], onError?: OnError) =>
	runOperation('account', 'delete', { userIds: '={{ $json.ids }}' }, items, { server, onError });

describe('Account → Delete in the n8n engine', () => {
	test('deletes the accounts, one paired item per ID with its ResultCode; 70107 says it did not exist', async () => {
		const { output, error } = await run([{ ids: 'd0,d1' }, { ids: ['ghost', 'd2'] }]);

		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ userId: 'd0', deleted: true, resultCode: 0, status: 'deleted' }, { item: 0 }],
			[{ userId: 'd1', deleted: true, resultCode: 0, status: 'deleted' }, { item: 0 }],
			[{ userId: 'ghost', deleted: false, resultCode: 70107, status: 'notFound' }, { item: 1 }],
			[{ userId: 'd2', deleted: true, resultCode: 0, status: 'deleted' }, { item: 1 }],
		]);
		expect(server.stats.calls.account_delete).toBe(1);
		expect(server.inspect('account', SDK_APP_ID, 'd0')).toBeNull();
	});

	test('running it again is safe: every account comes back as notFound', async () => {
		await run([{ ids: 'd0,d1' }]);
		const { output } = await run([{ ids: 'd0,d1' }]);
		expect(output.map((item) => item.json.status)).toEqual(['notFound', 'notFound']);
	});

	test('a reset after the delete was carried out: the retry finds the account gone and says it cannot tell who deleted it', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output, error } = await run([{ ids: 'd0' }]);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{
				userId: 'd0',
				deleted: true,
				resultCode: 70107,
				status: 'deletedOrNotFound',
				ambiguous: true,
			},
		]);
	});

	test('with "Continue (using error output)", an entry Tencent failed reaches the error output with its code', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(
				tencentAnswer({
					ResultItem: [
						{ UserID: 'd0', ResultCode: 0 },
						{ UserID: 'd1', ResultCode: 70402, ResultInfo: 'not allowed' },
					],
				}),
			),
			apply: true,
		});
		const { output, errorOutput } = await run(
			[{ ids: 'd0' }, { ids: 'd1' }],
			'continueErrorOutput',
		);
		expect(output.map((item) => item.json.userId)).toEqual(['d0']);
		expect(
			errorOutput.map((item) => [item.json.error, item.json.details, item.pairedItem]),
		).toEqual([
			[
				expect.stringContaining('Tencent Chat error 70402'),
				expect.objectContaining({
					userId: 'd1',
					deleted: false,
					status: 'failed',
					resultCode: 70402,
				}),
				{ item: 1 },
			],
		]);
	});

	test('a failed call stops the node, saying what was done and that a re-run is safe', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(tencentFailure(70402, 'invalid')),
		});
		const { error } = await run([{ ids: 'd0' }]);
		expect(error?.message).toContain('Tencent Chat error 70402');
		expect(error?.description).toContain('Running the node again is safe');
	});

	test('bad input stops the node before any call', async () => {
		const { error } = await run([{ ids: 'd0' }, { ids: 'é'.repeat(17) }]);
		expect(error?.message).toContain('is 34 bytes long; Tencent allows at most 32');
		expect(error?.itemIndex).toBe(1);
		expect(server.stats.requests).toBe(0);
	});
});
