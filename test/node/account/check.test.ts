import { describe, expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { fakeApp, tencentAnswer, tencentFailure } from '../../helpers/fixtures';
import { type OnError, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const IMPORTED = Array.from({ length: 120 }, (_, i) => `in${i}`);
const server = useFakeServer(() => fakeApp({}, IMPORTED));

const run = (items: IDataObject[], onError?: OnError) =>
	runOperation('account', 'check', { userIds: '={{ $json.ids }}' }, items, { server, onError });

describe('Account → Check in the n8n engine', () => {
	test('200 IDs over items, imported or not, 100 to a call, one paired item per ID', async () => {
		const items = Array.from({ length: 100 }, (_, i) => ({ ids: [`in${i + 60}`, `out${i}`] }));

		const { output, error } = await run(items);

		expect(error).toBeUndefined();
		expect(output).toHaveLength(200);
		output.forEach((item, n) => {
			const i = Math.floor(n / 2);
			const id = n % 2 === 0 ? `in${i + 60}` : `out${i}`;
			const imported = n % 2 === 0 && i + 60 < 120;
			expect([item.json, item.pairedItem]).toEqual([
				{ userId: id, imported, status: imported ? 'imported' : 'notImported' },
				{ item: i },
			]);
		});
		expect(server.stats.calls.account_check).toBe(2);
	});

	test('an entry Tencent answers with a ResultCode other than 0 is failed on its own item; the rest are checked', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(
				tencentAnswer({
					ResultItem: [
						{ UserID: 'in1', ResultCode: 0, AccountStatus: 'Imported' },
						{ UserID: 'x', ResultCode: 70402, ResultInfo: 'bad' },
					],
				}),
			),
		});
		const { output, errorOutput } = await run(
			[{ ids: 'in1' }, { ids: 'x' }],
			'continueErrorOutput',
		);
		expect(output.map((item) => item.json)).toEqual([
			{ userId: 'in1', imported: true, status: 'imported' },
		]);
		expect(errorOutput.map((item) => [item.json.details, item.pairedItem])).toEqual([
			[expect.objectContaining({ userId: 'x', status: 'failed', errorCode: 70402 }), { item: 1 }],
		]);
	});

	test('an ID the answer leaves out is asked again; then it is settled', async () => {
		server.script({ kind: 'transform', transform: 'dropFirst' });
		const { output } = await run([{ ids: ['in0', 'nope'] }]);
		expect(output.map((item) => item.json.status)).toEqual(['imported', 'notImported']);
		expect(server.stats.calls.account_check).toBe(2);
	});

	test('with "Continue (regular output)", a call Tencent refuses gives each of its IDs a failed status with the code', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(tencentFailure(70402, 'invalid')),
		});
		const { output, error } = await run([{ ids: 'in0,in1' }], 'continueRegularOutput');
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.userId, item.json.status, item.json.errorCode])).toEqual(
			[
				['in0', 'failed', 70402],
				['in1', 'failed', 70402],
			],
		);
	});

	test('a gateway error on every attempt leaves the IDs unknown: the check may have been answered', async () => {
		server.setFaults({ http502: 1 });
		const { output } = await runOperation(
			'account',
			'check',
			{ userIds: '={{ $json.ids }}' },
			[{ ids: 'in0' }],
			{ server, options: { maxRetries: 1 }, onError: 'continueRegularOutput' },
		);
		expect(
			output.map((item) => [item.json.status, item.json.ambiguous, item.json.errorCode]),
		).toEqual([['unknown', true, 'HTTP_502']]);
	});

	test('bad input stops the node before any call', async () => {
		const { error } = await run([{ ids: 'in0' }, { ids: ['ok', ''] }]);
		expect(error?.message).toBe('User IDs: entry 2 of 2 is empty');
		expect(error?.itemIndex).toBe(1);
		expect(server.stats.requests).toBe(0);
	});
});
