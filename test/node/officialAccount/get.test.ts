import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const CREATED = 1_700_000_000;
const ACCOUNTS = Array.from({ length: 120 }, (_, i) => `@TOA#_a${i}`);
const server = useFakeServer(() =>
	fakeApp(
		Object.fromEntries(
			ACCOUNTS.map((id, i) => [
				id,
				{
					name: `Account ${i}`,
					owner: 'owner_1',
					createTime: CREATED,
					subscribers: i === 0 ? ['x', 'y'] : [],
				},
			]),
		),
	),
);

const run = (items: IDataObject[], options: INodeParameters = {}, extra: RunExtra = {}) =>
	runOperation('officialAccount', 'get', { officialAccountIds: '={{ $json.ids }}' }, items, {
		server,
		options,
		...extra,
	});

describe('Official Account → Get in the n8n engine', () => {
	test('looks up 50 accounts a call across items, one output item per account asked for, paired', async () => {
		const items = [
			{ ids: ACCOUNTS.slice(0, 70) },
			{ ids: ACCOUNTS.slice(70).join(',') },
			{ ids: ACCOUNTS[0] },
		];
		const { output, error } = await run(items);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(121);
		expect(server.stats.calls.get_official_account_info).toBe(3);
		expect(output[0].json).toEqual({
			officialAccount: ACCOUNTS[0],
			found: true,
			name: 'Account 0',
			owner: 'owner_1',
			createTime: new Date(CREATED * 1000).toISOString(),
			lastMsgTime: null,
			subscriberCount: 2,
			introduction: expect.any(String),
			faceUrl: expect.any(String),
			organization: expect.any(String),
			customString: expect.any(String),
		});
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([
			...Array(70).fill(0),
			...Array(50).fill(1),
			2,
		]);
		expect(output[120].json).toEqual(output[0].json);
	});

	test('the Fields option is sent as ResponseFilter and only those fields come back', async () => {
		const { output } = await run([{ ids: ACCOUNTS[3] }], { fields: ['Name', 'SubscriberNum'] });
		expect(output[0].json).toEqual({
			officialAccount: ACCOUNTS[3],
			found: true,
			name: 'Account 3',
			subscriberCount: 0,
		});
	});

	test('an account Tencent does not return is an error for its item', async () => {
		const { error } = await run([{ ids: ACCOUNTS[1] }, { ids: '@TOA#_gone' }]);
		expect(error?.message).toContain('Official Account IDs: "@TOA#_gone"');
		expect(error?.message).toContain('does not exist or was destroyed');
		expect(error?.itemIndex).toBe(1);
	});

	test('with "Continue (using error output)" a missing account reaches the error output, the rest the main one', async () => {
		const { output, errorOutput } = await run(
			[{ ids: [ACCOUNTS[1], '@TOA#_gone'] }],
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(output.map((item) => item.json.officialAccount)).toEqual([ACCOUNTS[1]]);
		expect(errorOutput.map((item) => [item.json.details, item.pairedItem])).toEqual([
			[
				expect.objectContaining({
					officialAccount: '@TOA#_gone',
					found: false,
					errorCode: 'NOT_FOUND',
				}),
				{ item: 0 },
			],
		]);
		expect(errorOutput[0].json.error).toContain('does not exist or was destroyed');
	});

	test('with "Continue (regular output)" a missing account stays on the main output, saying found: false', async () => {
		const { output } = await run(
			[{ ids: [ACCOUNTS[1], '@TOA#_gone'] }],
			{},
			{ onError: 'continueRegularOutput' },
		);
		expect(output.map((item) => [item.json.officialAccount, item.json.found])).toEqual([
			[ACCOUNTS[1], true],
			['@TOA#_gone', false],
		]);
	});
});
