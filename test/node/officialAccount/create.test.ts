import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp, SDK_APP_ID, tencentFailure, scriptedAnswer } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const EXISTING = '@TOA#_taken';
const server = useFakeServer(() => ({
	...fakeApp({ [EXISTING]: {} }),
	accounts: ['owner1', 'owner2'],
}));

const run = (items: IDataObject[], additionalFields: INodeParameters = {}, extra: RunExtra = {}) =>
	runOperation(
		'officialAccount',
		'create',
		{ ownerId: '={{ $json.owner }}', name: '={{ $json.name }}', additionalFields },
		items,
		{ server, ...extra },
	);

describe('Official Account → Create in the n8n engine', () => {
	test('creates one account per item with the ID and profile asked for, and outputs its officialAccountId', async () => {
		const { output, error } = await run(
			[{ owner: 'owner1', name: 'Daily News', id: '@TOA#_news' }],
			{
				officialAccountId: '={{ $json.id }}',
				introduction: 'Headlines every morning',
				faceUrl: 'https://example.com/news.png',
				organization: 'Example Ltd.',
				customString: '{"tier":"gold"}',
				maxSubscribers: 500,
			},
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{ officialAccount: '@TOA#_news', owner: 'owner1', name: 'Daily News', status: 'created' },
				{ item: 0 },
			],
		]);
		expect(server.inspect('officialAccount', SDK_APP_ID, '@TOA#_news')).toMatchObject({
			exists: true,
			name: 'Daily News',
			owner: 'owner1',
			introduction: 'Headlines every morning',
			faceUrl: 'https://example.com/news.png',
			organization: 'Example Ltd.',
			customString: '{"tier":"gold"}',
			maxSubscribers: 500,
		});
	});

	test('without an ID of its own, each item gets the ID Tencent made', async () => {
		const { output } = await run([
			{ owner: 'owner1', name: 'One' },
			{ owner: 'owner2', name: 'Two' },
		]);
		const ids = output.map((item) => item.json.officialAccount as string);
		expect(ids.every((id) => id.startsWith('@TOA#_'))).toBe(true);
		expect(new Set(ids).size).toBe(2);
		expect(server.inspect('officialAccount', SDK_APP_ID, ids[1])).toMatchObject({
			exists: true,
			name: 'Two',
			owner: 'owner2',
		});
	});

	test.each([
		[
			'an ID without the @TOA#_ prefix',
			{ owner: 'owner1', name: 'N' },
			{ officialAccountId: 'news' },
			'Official Account ID "news" must start with @TOA#_',
		],
		[
			'an ID over 48 bytes',
			{ owner: 'owner1', name: 'N' },
			{ officialAccountId: `@TOA#_${'x'.repeat(43)}` },
			'is 49 bytes long; Tencent allows at most 48',
		],
		[
			'a name over 150 bytes',
			{ owner: 'owner1', name: 'é'.repeat(76) },
			{},
			'Name is 152 bytes long; Tencent allows at most 150',
		],
		['a missing name', { owner: 'owner1', name: '' }, {}, 'Name is required'],
		['a blank owner', { owner: ' ', name: 'N' }, {}, 'Owner ID is empty'],
		[
			'an introduction over 400 bytes',
			{ owner: 'owner1', name: 'N' },
			{ introduction: 'x'.repeat(401) },
			'Introduction is 401 bytes long',
		],
		[
			'a face URL over 500 bytes',
			{ owner: 'owner1', name: 'N' },
			{ faceUrl: `https://e.com/${'x'.repeat(500)}` },
			'Face URL is 514 bytes long',
		],
		[
			'a face URL that is not one',
			{ owner: 'owner1', name: 'N' },
			{ faceUrl: 'logo.png' },
			'Face URL must be an http or https URL',
		],
		[
			'an organization over 500 bytes',
			{ owner: 'owner1', name: 'N' },
			{ organization: 'x'.repeat(501) },
			'Organization is 501 bytes long',
		],
		[
			'a custom string over 3,000 bytes',
			{ owner: 'owner1', name: 'N' },
			{ customString: 'x'.repeat(3001) },
			'Custom String is 3001 bytes long',
		],
		[
			'max subscribers of 0',
			{ owner: 'owner1', name: 'N' },
			{ maxSubscribers: 0 },
			'Max Subscribers must be a whole number',
		],
		[
			'max subscribers of 1.5',
			{ owner: 'owner1', name: 'N' },
			{ maxSubscribers: 1.5 },
			'Max Subscribers must be a whole number',
		],
	])('%s is refused before any call, naming the item', async (_label, item, fields, message) => {
		const { error } = await run(
			[{ owner: 'owner1', name: 'fine' }, item],
			fields as INodeParameters,
		);
		expect(error?.message).toContain(message);
		// Additional Fields here are the same for both items: the first one is refused.
		expect(error?.itemIndex).toBe(Object.keys(fields).length > 0 ? 0 : 1);
		expect(server.stats.requests).toBe(0);
	});

	test('an ID already used is 130008 with its hint; with "Continue (using error output)" only that item fails', async () => {
		const stopped = await run([{ owner: 'owner1', name: 'N', id: EXISTING }], {
			officialAccountId: '={{ $json.id }}',
		});
		expect(stopped.error?.message).toBe(
			'Tencent Chat error 130008: official account ID already used',
		);
		expect(stopped.error?.description).toContain('The official account ID is already in use.');

		const continued = await run(
			[
				{ owner: 'owner1', name: 'N', id: '@TOA#_fresh' },
				{ owner: 'owner1', name: 'N', id: EXISTING },
			],
			{ officialAccountId: '={{ $json.id }}' },
			{ onError: 'continueErrorOutput' },
		);
		expect(continued.output.map((item) => item.json.officialAccount)).toEqual(['@TOA#_fresh']);
		expect(continued.errorOutput).toHaveLength(1);
		expect(continued.errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(continued.errorOutput[0].json).toEqual({
			error: 'Tencent Chat error 130008: official account ID already used',
			details: expect.objectContaining({
				errorCode: 130008,
				hint: expect.stringContaining('already in use'),
			}),
		});
	});

	test('an owner that was never imported is refused by Tencent (the fake: 6017), naming the item', async () => {
		const { error } = await run([
			{ owner: 'owner1', name: 'N' },
			{ owner: 'stranger', name: 'N' },
		]);
		expect(error?.message).toBe(
			'Tencent Chat error 6017: Owner_Account stranger is not an imported account',
		);
		expect(error?.itemIndex).toBe(1);
	});

	test('official accounts not enabled for the app is 131000, pointing at the edition', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(tencentFailure(131000, 'service not enabled')),
		});
		const { error } = await run([{ owner: 'owner1', name: 'N' }]);
		expect(error?.message).toBe('Tencent Chat error 131000: service not enabled');
		expect(error?.description).toContain('Enterprise edition');
	});

	test('a create retried after a call that may have been carried out says so: ambiguous', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output, error } = await run([{ owner: 'owner1', name: 'N' }], {}, {});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ status: 'created', ambiguous: true });
	});

	test('with a custom ID, a retry that finds the ID taken after a call that may have been carried out is unknown, not failed', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { errorOutput } = await run(
			[{ owner: 'owner1', name: 'N', id: '@TOA#_once' }],
			{ officialAccountId: '={{ $json.id }}' },
			{ onError: 'continueErrorOutput' },
		);
		expect(errorOutput[0].json.details).toMatchObject({
			status: 'unknown',
			ambiguous: true,
			errorCode: 130008,
		});
		expect(server.inspect('officialAccount', SDK_APP_ID, '@TOA#_once')).toMatchObject({
			exists: true,
		});
	});

	test("an OK answer without the new account's ID (none given) is unknown and ambiguous, with MISSING_ID: no empty ID for the next step", async () => {
		server.script(scriptedAnswer({}, { apply: true }));
		const { output, errorOutput } = await run(
			[{ owner: 'owner1', name: 'N' }],
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(output).toEqual([]);
		expect(errorOutput.map((item) => [item.pairedItem, item.json.details])).toEqual([
			[
				{ item: 0 },
				expect.objectContaining({
					status: 'unknown',
					ambiguous: true,
					errorCode: 'MISSING_ID',
					errorInfo: expect.stringContaining('gave no OfficialAccountUserID'),
				}),
			],
		]);
	});
});
