import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp, tencentAnswer } from '../../helpers/fixtures';
import { type OnError, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const ACCOUNTS = Array.from({ length: 150 }, (_, i) => `c${i}`);
const server = useFakeServer(() => ({
	...fakeApp({}, ['ann', ...ACCOUNTS]),
	customProfileTags: ['Tier'],
}));

const run = (items: IDataObject[], options: INodeParameters = {}, onError?: OnError) =>
	runOperation('user', 'getProfile', { userIds: '={{ $json.ids }}' }, items, {
		server,
		options,
		onError,
	});

const setAnn = () =>
	runOperation(
		'user',
		'setProfile',
		{
			userId: 'ann',
			profileFields: {
				nickname: 'Ann',
				gender: 'female',
				birthday: '1990-04-19',
				allowType: 'needConfirm',
				level: 2,
			},
			customTags: { tag: [{ key: 'Tier', value: 'gold' }] },
		},
		[{}],
		{ server },
	);

describe('User → Get Profile in the n8n engine', () => {
	test('a profile Set Profile wrote reads back under the same names: Get → edit → Set round-trips', async () => {
		await setAnn();
		const { output, error } = await run([{ ids: 'ann' }], { customTags: 'Tier' });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{
				userId: 'ann',
				found: true,
				nickname: 'Ann',
				gender: 'female',
				birthday: '1990-04-19',
				allowType: 'needConfirm',
				level: 2,
				customTags: { Tier: 'gold' },
			},
		]);
		const profile = output[0].json;
		const { output: again } = await runOperation(
			'user',
			'setProfile',
			{
				userId: '={{ $json.userId }}',
				profileFields: {
					nickname: '={{ $json.nickname }}',
					gender: '={{ $json.gender }}',
					birthday: '={{ $json.birthday }}',
					allowType: '={{ $json.allowType }}',
				},
				customTags: { tag: [{ key: 'Tier', value: '={{ $json.customTags.Tier }}' }] },
			},
			[profile],
			{ server },
		);
		expect(again[0].json).toEqual({
			userId: 'ann',
			status: 'updated',
			nickname: 'Ann',
			gender: 'female',
			birthday: '1990-04-19',
			allowType: 'needConfirm',
			customTags: { Tier: 'gold' },
		});
	});

	test('the account nickname and avatar Account → Import set are the profile; 150 accounts over items take 2 calls, one paired item per ID', async () => {
		await runOperation(
			'account',
			'import',
			{
				userId: 'c7',
				nick: 'Cee',
				faceUrl: 'https://a.example/c.png',
			},
			[{}],
			{ server },
		);
		server.resetStats();
		const items = Array.from({ length: 75 }, (_, i) => ({ ids: [`c${2 * i}`, `c${2 * i + 1}`] }));
		const { output } = await run(items, { fields: ['nickname', 'avatarUrl'] });
		expect(output).toHaveLength(150);
		expect(output[7].json).toEqual({
			userId: 'c7',
			found: true,
			nickname: 'Cee',
			avatarUrl: 'https://a.example/c.png',
		});
		expect([output[8].json, output[8].pairedItem]).toEqual([
			{ userId: 'c8', found: true },
			{ item: 4 },
		]);
		expect(server.stats.calls.portrait_get).toBe(2);
	});

	test('an account that is not imported is notImported in its own item, not a failure', async () => {
		const { output, errorOutput } = await run(
			[{ ids: ['ann', 'ghost'] }],
			{},
			'continueErrorOutput',
		);
		expect(output.map((item) => item.json)).toEqual([
			{ userId: 'ann', found: true },
			{ userId: 'ghost', found: false, status: 'notImported' },
		]);
		expect(errorOutput).toEqual([]);
	});

	test("a tag value Tencent has that the node's table does not is passed through, not dropped; a custom tag never set is null", async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(
				tencentAnswer({
					UserProfileItem: [
						{
							To_Account: 'ann',
							ResultCode: 0,
							ProfileItem: [
								{ Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Other' },
								{ Tag: 'Tag_Profile_IM_BirthDay', Value: 1234 },
							],
						},
					],
				}),
			),
		});
		const { output } = await run([{ ids: 'ann' }], { customTags: 'Tier' });
		expect(output[0].json).toEqual({
			userId: 'ann',
			found: true,
			gender: 'Gender_Type_Other',
			birthday: 1234,
			customTags: { Tier: null },
		});
	});

	test('a custom tag the console has not created fails the call with 40009 and a hint where to create it', async () => {
		const { error } = await run([{ ids: 'ann' }], { customTags: 'Colour' });
		expect(error?.message).toContain('40009');
		expect(error?.description).toContain('User Custom Field');
	});

	test('a bad custom tag key is refused before any call', async () => {
		const { error } = await run([{ ids: 'ann' }], { customTags: 'Tier, Loyalty Tier' });
		expect(error?.message).toContain('"Loyalty Tier" is not a custom tag key');
		expect(server.stats.requests).toBe(0);
	});

	test('a bad User ID is refused before any call, naming the item', async () => {
		const { error } = await run([{ ids: 'ann' }, { ids: 'x'.repeat(33) }]);
		expect(error?.message).toContain('User IDs');
		expect(error?.description).toContain('item 1');
		expect(server.stats.requests).toBe(0);
	});
});
