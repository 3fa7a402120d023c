import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp, SDK_APP_ID } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const NEWS = '@TOA#_news';
const server = useFakeServer(() =>
	fakeApp({ [NEWS]: { name: 'News', introduction: 'daily', customString: 'keep' } }),
);

const run = (items: IDataObject[], updateFields: INodeParameters, extra: RunExtra = {}) =>
	runOperation(
		'officialAccount',
		'update',
		{ officialAccountId: '={{ $json.account }}', updateFields },
		items,
		{ server, ...extra },
	);

describe('Official Account → Update in the n8n engine', () => {
	test('changes only the fields given, sent as Official_Account, and outputs what changed', async () => {
		const { output, error } = await run([{ account: NEWS }], {
			name: 'Morning News',
			introduction: '={{ "at " + 7 }}',
			maxSubscribers: 2000,
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					officialAccount: NEWS,
					status: 'updated',
					name: 'Morning News',
					introduction: 'at 7',
					maxSubscribers: 2000,
				},
				{ item: 0 },
			],
		]);
		expect(server.inspect('officialAccount', SDK_APP_ID, NEWS)).toMatchObject({
			name: 'Morning News',
			introduction: 'at 7',
			customString: 'keep',
			maxSubscribers: 2000,
		});
		expect(server.stats.calls.modify_official_account_base_info).toBe(1);
	});

	test('an empty introduction clears it', async () => {
		await run([{ account: NEWS }], { introduction: '' });
		expect(server.inspect('officialAccount', SDK_APP_ID, NEWS)).toMatchObject({
			name: 'News',
			introduction: '',
		});
	});

	test.each([
		['no field to update', {}, 'Nothing to update'],
		['an empty name', { name: ' ' }, 'Name is empty'],
		[
			'a name over 150 bytes',
			{ name: 'x'.repeat(151) },
			'Name is 151 bytes long; Tencent allows at most 150',
		],
		[
			'a custom string over 3,000 bytes',
			{ customString: 'x'.repeat(3001) },
			'Custom String is 3001 bytes long',
		],
		['max subscribers of -3', { maxSubscribers: -3 }, 'Max Subscribers must be a whole number'],
	])('%s is refused before any call', async (_label, fields, message) => {
		const { error } = await run([{ account: NEWS }], fields as INodeParameters);
		expect(error?.message).toContain(message);
		expect(error?.itemIndex).toBe(0);
		expect(server.stats.requests).toBe(0);
	});

	test('an unknown account is 130004 with its hint; under "Continue (using error output)" the others succeed', async () => {
		const { output, errorOutput } = await run(
			[{ account: '@TOA#_gone' }, { account: NEWS }],
			{ name: 'X' },
			{ onError: 'continueErrorOutput' },
		);
		expect(output.map((item) => item.json.officialAccount)).toEqual([NEWS]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
		expect(errorOutput[0].json).toEqual({
			error: 'Tencent Chat error 130004: official account does not exist',
			details: expect.objectContaining({
				errorCode: 130004,
				hint: expect.stringContaining('check the Official Account ID'),
			}),
		});
	});

	test('with "Continue (regular output)", the failed item stays on the main output as an error', async () => {
		const { output } = await run(
			[{ account: '@TOA#_gone' }],
			{ name: 'X' },
			{ continueOnFail: true },
		);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			officialAccount: '@TOA#_gone',
			status: 'failed',
			errorCode: 130004,
			errorInfo: 'official account does not exist',
		});
	});
});
