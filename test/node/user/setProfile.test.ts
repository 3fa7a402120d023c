import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp, SDK_APP_ID } from '../../helpers/fixtures';
import { type OnError, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const server = useFakeServer(() => ({
	...fakeApp({}, ['ann', 'bob']),
	customProfileTags: ['Tier', 'Plan'],
}));

const CRM_FIELDS: INodeParameters = {
	userId: '={{ $json.id }}',
	profileFields: {
		nickname: '={{ $json.name }}',
		gender: 'female',
		birthday: '={{ $json.born }}',
		level: '={{ $json.level }}',
	},
	customTags: { tag: [{ key: 'Tier', value: '={{ $json.tier }}' }] },
};

const run = (items: IDataObject[], fields: INodeParameters = CRM_FIELDS, onError?: OnError) =>
	runOperation('user', 'setProfile', fields, items, { server, onError });

describe('User → Set Profile in the n8n engine', () => {
	test("sets each item's fields and custom tags under Tencent's tags, one call per item, and says what it set by the same names Get Profile uses", async () => {
		const { output, error } = await run([
			{ id: 'ann', name: 'Ann Lee', born: '1990-04-19', level: 3, tier: 'gold' },
			{ id: 'bob', name: 'Bob', born: 19851231, level: '7', tier: 'silver' },
		]);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					userId: 'ann',
					status: 'updated',
					nickname: 'Ann Lee',
					gender: 'female',
					birthday: '1990-04-19',
					level: 3,
					customTags: { Tier: 'gold' },
				},
				{ item: 0 },
			],
			[
				{
					userId: 'bob',
					status: 'updated',
					nickname: 'Bob',
					gender: 'female',
					birthday: '1985-12-31',
					level: 7,
					customTags: { Tier: 'silver' },
				},
				{ item: 1 },
			],
		]);
		expect(server.inspect('profile', SDK_APP_ID, 'ann')).toEqual({
			Tag_Profile_IM_Nick: 'Ann Lee',
			Tag_Profile_IM_Gender: 'Gender_Type_Female',
			Tag_Profile_IM_BirthDay: 19900419,
			Tag_Profile_IM_Level: 3,
			Tag_Profile_Custom_Tier: 'gold',
		});
		expect(server.stats.calls.portrait_set).toBe(2);
	});

	test("Tencent's own values and a full custom tag name are taken too; an empty birthday clears it", async () => {
		await run([{}], {
			userId: 'ann',
			profileFields: {
				allowType: 'AllowType_Type_DenyAny',
				adminForbidType: 'sendOut',
				birthday: '',
			},
			customTags: { tag: [{ key: 'Tag_Profile_Custom_Plan', value: 'pro' }] },
		});
		expect(server.inspect('profile', SDK_APP_ID, 'ann')).toEqual({
			Tag_Profile_IM_AllowType: 'AllowType_Type_DenyAny',
			Tag_Profile_IM_AdminForbidType: 'AdminForbid_Type_SendOut',
			Tag_Profile_IM_BirthDay: 0,
			Tag_Profile_Custom_Plan: 'pro',
		});
	});

	test('a custom tag the console has not created is Tencent 40009, with a hint where to create it; nothing of that item is set', async () => {
		const { error } = await run([{}], {
			userId: 'ann',
			profileFields: { nickname: 'Ann' },
			customTags: { tag: [{ key: 'Colour', value: 'red' }] },
		});
		expect(error?.message).toContain('Tencent Chat error 40009');
		expect(error?.description).toContain('Chat console');
		expect(error?.description).toContain('User Custom Field');
		expect(server.inspect('profile', SDK_APP_ID, 'ann')).toEqual({});
	});

	test('with "Continue (using error output)", an account that is not imported reaches the error output; the others are set', async () => {
		const { output, errorOutput } = await run(
			[
				{ id: 'ann', name: 'Ann', born: '', level: 1, tier: 'gold' },
				{ id: 'ghost', name: 'Nobody', born: '', level: 1, tier: 'gold' },
			],
			CRM_FIELDS,
			'continueErrorOutput',
		);
		expect(output.map((item) => item.json.userId)).toEqual(['ann']);
		expect(errorOutput.map((item) => [item.json.details, item.pairedItem])).toEqual([
			[
				expect.objectContaining({
					errorCode: 40003,
					hint: expect.stringContaining('Account → Import'),
				}),
				{ item: 1 },
			],
		]);
	});

	test.each([
		[
			'a nickname over 500 bytes',
			{ nickname: 'é'.repeat(251) },
			'Nickname is 502 bytes long; Tencent allows at most 500',
		],
		[
			'a location over 16 bytes',
			{ location: 'x'.repeat(17) },
			'Location is 17 bytes long; Tencent allows at most 16',
		],
		[
			'a gender Tencent does not know',
			{ gender: '={{ "other" }}' },
			'Gender must be one of unknown, female, male, got "other"',
		],
		[
			'a level that is a fraction',
			{ level: '={{ 1.5 }}' },
			'Level must be a whole number from 0 to 4294967295, got 1.5',
		],
		['a negative role', { role: '={{ -1 }}' }, 'Role must be a whole number from 0 to 4294967295'],
		[
			'a birthday that is no date',
			{ birthday: '1990-02-30' },
			'Birthday must be a date such as 1990-04-19, got "1990-02-30"',
		],
		[
			'a nickname that is missing',
			{ nickname: '={{ $json.nothing }}' },
			'Nickname must be text, not missing',
		],
	] as Array<[string, IDataObject, string]>)(
		'%s is refused before any call, naming the field and the item',
		async (_, profileFields, message) => {
			const { error } = await run([{}, {}], {
				userId: 'ann',
				profileFields: { signature: 'fine', ...profileFields },
			});
			expect(error?.message).toContain(message);
			expect(error?.description).toContain('for item 0');
			expect(server.stats.requests).toBe(0);
		},
	);

	test.each([
		[
			'a custom key with a space',
			[{ key: 'Tier X', value: 'a' }],
			'is not a custom tag key Tencent takes',
		],
		[
			'a custom key over 8 bytes',
			[{ key: 'LoyaltyTier', value: 'a' }],
			'is not a custom tag key Tencent takes',
		],
		[
			'a custom value over 500 bytes',
			[{ key: 'Tier', value: 'g'.repeat(501) }],
			'Custom Tag Tier is 501 bytes long; Tencent allows at most 500',
		],
		[
			'the same key twice',
			[
				{ key: 'Tier', value: 'a' },
				{ key: 'Tier', value: 'b' },
			],
			'the key Tier is given twice',
		],
	])('%s is refused before any call', async (_, tag, message) => {
		const { error } = await run([{}], { userId: 'ann', customTags: { tag } });
		expect(error?.message).toContain(message);
		expect(server.stats.requests).toBe(0);
	});

	test('an item with nothing to set is refused before any call', async () => {
		const { error } = await run([{}], { userId: 'ann', profileFields: {} });
		expect(error?.message).toContain('Set at least one profile field or custom tag');
		expect(server.stats.requests).toBe(0);
	});
});
