import { describe, expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { fakeApp, SDK_APP_ID, tencentFailure } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const NEWS = '@TOA#_news';
const DEALS = '@TOA#_deals';
const server = useFakeServer(() => fakeApp({ [NEWS]: { subscribers: ['u1'] }, [DEALS]: {} }));

const run = (items: IDataObject[], extra: RunExtra = {}) =>
	runOperation('officialAccount', 'delete', { officialAccountId: '={{ $json.account }}' }, items, {
		server,
		...extra,
	});

describe('Official Account → Delete in the n8n engine', () => {
	test('destroys each item’s account and outputs { officialAccount, status: deleted }, paired', async () => {
		const { output, error } = await run([{ account: NEWS }, { account: DEALS }]);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ officialAccount: NEWS, status: 'deleted' }, { item: 0 }],
			[{ officialAccount: DEALS, status: 'deleted' }, { item: 1 }],
		]);
		expect(server.inspect('officialAccount', SDK_APP_ID, NEWS)).toMatchObject({
			exists: false,
			destroyed: true,
		});
	});

	test('a blank ID is refused before any call, naming the item', async () => {
		const { error } = await run([{ account: NEWS }, { account: '  ' }]);
		expect(error?.message).toBe('Official Account ID is empty');
		expect(error?.itemIndex).toBe(1);
		expect(server.stats.requests).toBe(0);
	});

	test('running it again finds the account gone: 130004, with its hint; under "Continue (using error output)" on the error output', async () => {
		await run([{ account: NEWS }]);
		const again = await run([{ account: NEWS }]);
		expect(again.error?.message).toBe('Tencent Chat error 130004: official account does not exist');
		expect(again.error?.description).toContain('does not exist or was destroyed');

		const continued = await run([{ account: NEWS }, { account: DEALS }], {
			onError: 'continueErrorOutput',
		});
		expect(continued.output.map((item) => item.json)).toEqual([
			{ officialAccount: DEALS, status: 'deleted' },
		]);
		expect(continued.errorOutput[0].json).toEqual({
			error: 'Tencent Chat error 130004: official account does not exist',
			details: expect.objectContaining({ errorCode: 130004 }),
		});
	});

	test('a retry that finds the account gone after a call that may have destroyed it is deleted, ambiguous', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output, error } = await run([{ account: NEWS }]);
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ officialAccount: NEWS, status: 'deleted', ambiguous: true });
	});

	test('insufficient permission (130002) is a configuration error that is not retried', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(tencentFailure(130002, 'no permission')),
		});
		const { error } = await run([{ account: NEWS }]);
		expect(error?.message).toBe('Tencent Chat error 130002: no permission');
		expect(server.stats.calls.destroy_official_account).toBe(1);
	});
});
