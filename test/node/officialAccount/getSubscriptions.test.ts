import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeApp } from '../../fake-tencent/FakeTencentServer';
import { fakeApp, tencentAnswer, tencentFailure } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const CREATED = 1_700_000_000;
const server = useFakeServer(() => {
	const accounts: FakeApp['officialAccounts'] = {};
	for (let i = 0; i < 450; i++)
		accounts[`@TOA#_oa${i}`] = {
			subscribers: ['fan', ...(i < 2 ? ['casual'] : [])],
			createTime: CREATED,
			name: `OA ${i}`,
		};
	accounts['@TOA#_other'] = { subscribers: ['someone'] };
	accounts['@TOA#_oa1'].subscriberCustomStrings = { casual: 'vip' };
	return fakeApp(accounts);
});

const run = (items: IDataObject[], fields: INodeParameters = {}, extra: RunExtra = {}) =>
	runOperation(
		'officialAccount',
		'getSubscriptions',
		{ subscriberId: '={{ $json.user }}', ...fields },
		items,
		{ server, ...extra },
	);

describe('Official Account → Get Subscriptions of a User in the n8n engine', () => {
	test('Return All follows Offset and CompleteFlag across pages of 200: 450 accounts in three calls', async () => {
		const { output, error } = await run([{ user: 'fan' }], { returnAll: true });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.officialAccount)).toEqual(
			Array.from({ length: 450 }, (_, i) => `@TOA#_oa${i}`),
		);
		expect(server.stats.calls.get_subscribed_official_account_list).toBe(3);
	});

	test('the default Limit is 50, in one call; a Limit of 250 takes 200 and 50', async () => {
		expect((await run([{ user: 'fan' }])).output).toHaveLength(50);
		expect(server.stats.calls.get_subscribed_official_account_list).toBe(1);
		expect((await run([{ user: 'fan' }], { limit: 250 })).output).toHaveLength(250);
		expect(server.stats.calls.get_subscribed_official_account_list).toBe(3);
	});

	test("each account comes with its profile, the subscriber's own subscribe time and custom string, and the item that asked", async () => {
		const { output } = await run([{ user: 'casual' }, { user: 'nobody' }], { returnAll: true });
		expect(output).toHaveLength(2);
		expect(output[1].json).toEqual({
			subscriber: 'casual',
			officialAccount: '@TOA#_oa1',
			name: 'OA 1',
			owner: 'administrator',
			createTime: new Date(CREATED * 1000).toISOString(),
			lastMsgTime: null,
			subscriberCount: 2,
			introduction: '',
			faceUrl: '',
			organization: '',
			customString: '',
			subscribeTime: new Date(CREATED * 1000).toISOString(),
			subscriberCustomString: 'vip',
		});
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('a page without a usable Next is followed from after the entries it gave, until CompleteFlag 1', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(
				tencentAnswer({
					CompleteFlag: 0,
					OfficialAccountInfoList: [
						{ Official_Account: '@TOA#_oa0' },
						{ Official_Account: '@TOA#_oa1' },
					],
				}),
			),
		});
		const { output } = await run([{ user: 'casual' }], { returnAll: true });
		expect(output.map((item) => item.json.officialAccount)).toEqual(['@TOA#_oa0', '@TOA#_oa1']);
		expect(server.stats.calls.get_subscribed_official_account_list).toBe(2);
	});

	test.each([
		['a blank subscriber', { user: '' }, 'Subscriber ID is empty'],
		[
			'a subscriber over 32 bytes',
			{ user: 'x'.repeat(33) },
			'is 33 bytes long; Tencent allows at most 32',
		],
	])('%s is refused before any call, naming the item', async (_label, item, message) => {
		const { error } = await run([{ user: 'fan' }, item]);
		expect(error?.message).toContain(message);
		expect(error?.itemIndex).toBe(1);
		expect(server.stats.requests).toBe(0);
	});

	test('a failed page is an error of that item; under "Continue (using error output)" the others are listed', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(tencentFailure(131000, 'service not enabled')),
		});
		const { output, errorOutput } = await run(
			[{ user: 'casual' }],
			{ returnAll: true },
			{ onError: 'continueErrorOutput' },
		);
		expect(output).toHaveLength(0);
		expect(errorOutput[0].json).toEqual({
			error: 'Tencent Chat error 131000: service not enabled',
			details: expect.objectContaining({
				errorCode: 131000,
				hint: expect.stringContaining('not enabled for this app'),
			}),
		});
	});
});
