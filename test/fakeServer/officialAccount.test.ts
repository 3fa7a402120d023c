import { beforeEach, describe, expect, test } from '@jest/globals';

import { APP, call, useServer } from './signedCall';

const OA = 'official_account_open_http_svc';
const ACCOUNT = '@TOA#_news';
const LONG_ID = 'x'.repeat(33);
const server = useServer();

beforeEach(() => {
	server.addApp({
		...APP,
		officialAccounts: {
			[ACCOUNT]: {
				name: 'News',
				owner: 'editor',
				createTime: 1700000000,
				introduction: 'daily',
				customString: 'cs',
				subscribers: ['old'],
			},
			'@TOA#_small': { maxSubscribers: 1 },
		},
	});
	server.setFaults({});
	server.resetStats();
});

const subscriberList = (...ids: string[]) => ids.map((id) => ({ Subscriber_Account: id }));
const ids = (count: number, prefix = 'u') =>
	Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('add_subscriber', () => {
	test('answers 1 for a new subscriber, 2 for a subscriber already there and 0 for an ID over 32 bytes', async () => {
		const { json } = await call(server, `${OA}/add_subscriber`, {
			Official_Account: ACCOUNT,
			SubscriberList: subscriberList('new', 'old', LONG_ID),
		});

		expect(json).toEqual({
			ActionStatus: 'OK',
			ErrorCode: 0,
			ErrorInfo: '',
			SubscriberList: [
				{ Subscriber_Account: 'new', Result: 1 },
				{ Subscriber_Account: 'old', Result: 2 },
				{ Subscriber_Account: LONG_ID, Result: 0 },
			],
		});
		expect(server.inspect('subscribers', APP.sdkAppId, ACCOUNT)).toEqual(['old', 'new']);
	});

	test('refuses more subscribers than the command table allows in one call with 6017', async () => {
		const { json } = await call(server, `${OA}/add_subscriber`, {
			Official_Account: ACCOUNT,
			SubscriberList: subscriberList(...ids(101)),
		});

		expect(json?.ErrorCode).toBe(6017);
		expect(server.inspect('subscribers', APP.sdkAppId, ACCOUNT)).toEqual(['old']);
	});

	test('refuses a subscriber that is not a string with 6017', async () => {
		const { json } = await call(server, `${OA}/add_subscriber`, {
			Official_Account: ACCOUNT,
			SubscriberList: [{ Subscriber_Account: 7 }],
		});
		expect(json?.ErrorCode).toBe(6017);
	});

	test('answers 130004 for an account that does not exist', async () => {
		const { json } = await call(server, `${OA}/add_subscriber`, {
			Official_Account: '@TOA#_none',
			SubscriberList: subscriberList('a'),
		});
		expect(json?.ErrorCode).toBe(130004);
	});

	test("answers 130006 when the newcomers would pass the account's subscriber cap, adding none", async () => {
		const { json } = await call(server, `${OA}/add_subscriber`, {
			Official_Account: '@TOA#_small',
			SubscriberList: subscriberList('a', 'b'),
		});

		expect(json?.ErrorCode).toBe(130006);
		expect(server.inspect('subscribers', APP.sdkAppId, '@TOA#_small')).toEqual([]);
	});
});

describe('delete_subscriber', () => {
	test('answers 1 for a removed subscriber, 2 for one that was not there and 0 for an ID over 32 bytes', async () => {
		const { json } = await call(server, `${OA}/delete_subscriber`, {
			Official_Account: ACCOUNT,
			SubscriberToDel_Account: ['old', 'never', LONG_ID],
		});

		expect(json?.SubscriberList).toEqual([
			{ Subscriber_Account: 'old', Result: 1 },
			{ Subscriber_Account: 'never', Result: 2 },
			{ Subscriber_Account: LONG_ID, Result: 0 },
		]);
		expect(server.inspect('subscribers', APP.sdkAppId, ACCOUNT)).toEqual([]);
	});

	test('refuses an empty list, a list of objects and 101 IDs with 6017', async () => {
		for (const list of [[], subscriberList('old'), ids(101)]) {
			const { json } = await call(server, `${OA}/delete_subscriber`, {
				Official_Account: ACCOUNT,
				SubscriberToDel_Account: list,
			});
			expect(json?.ErrorCode).toBe(6017);
		}
		expect(server.inspect('subscribers', APP.sdkAppId, ACCOUNT)).toEqual(['old']);
	});

	test('answers 130004 for an account that does not exist', async () => {
		const { json } = await call(server, `${OA}/delete_subscriber`, {
			Official_Account: '@TOA#_none',
			SubscriberToDel_Account: ['a'],
		});
		expect(json?.ErrorCode).toBe(130004);
	});
});

describe('get_subscriber_info', () => {
	const page = (body: object) =>
		call(server, `${OA}/get_subscriber_info`, { Official_Account: ACCOUNT, ...body });

	test('pages through the subscribers in subscribe order until Next is empty', async () => {
		await call(server, `${OA}/add_subscriber`, {
			Official_Account: ACCOUNT,
			SubscriberList: subscriberList('b', 'a', 'c'),
		});

		const first = (await page({ Limit: 2, Next: '' })).json;
		const second = (await page({ Limit: 2, Next: first?.Next })).json;

		expect(first?.SubscriberNum).toBe(4);
		expect(first?.SubscriberList).toEqual([
			{
				Subscriber_Account: 'old',
				SubscribeTime: 1700000000,
				CustomString: '',
				MsgFlag: 'AcceptAndNotify',
				LastSendMsgTime: 0,
			},
			expect.objectContaining({ Subscriber_Account: 'b', MsgFlag: 'AcceptAndNotify' }),
		]);
		expect(first?.Next).not.toBe('');
		expect(
			(second?.SubscriberList as Array<{ Subscriber_Account: string }>).map(
				(s) => s.Subscriber_Account,
			),
		).toEqual(['a', 'c']);
		expect(second?.Next).toBe('');
	});

	test('skips no one when a subscriber already sent is removed between pages', async () => {
		await call(server, `${OA}/add_subscriber`, {
			Official_Account: ACCOUNT,
			SubscriberList: subscriberList('b', 'c'),
		});
		const first = (await page({ Limit: 2, Next: '' })).json;
		await call(server, `${OA}/delete_subscriber`, {
			Official_Account: ACCOUNT,
			SubscriberToDel_Account: ['old'],
		});

		const second = (await page({ Limit: 2, Next: first?.Next })).json;

		expect(
			(second?.SubscriberList as Array<{ Subscriber_Account: string }>).map(
				(s) => s.Subscriber_Account,
			),
		).toEqual(['c']);
	});

	test('without a Limit answers at most 200 a page', async () => {
		for (let i = 0; i < 3; i++) {
			await call(server, `${OA}/add_subscriber`, {
				Official_Account: ACCOUNT,
				SubscriberList: subscriberList(...ids(100, `p${i}_`)),
			});
		}
		const { json } = await page({ Next: '' });

		expect(json?.SubscriberNum).toBe(301);
		expect(json?.SubscriberList).toHaveLength(200);
		expect(json?.Next).not.toBe('');
	});

	test('refuses a cursor it did not give, a Limit over 200 and a missing Next with 6017', async () => {
		for (const body of [
			{ Next: 'bm90LWEtY3Vyc29y' },
			{ Limit: 201, Next: '' },
			{ Limit: 0, Next: '' },
			{ Limit: 10 },
		]) {
			expect((await page(body)).json?.ErrorCode).toBe(6017);
		}
	});
});

describe('get_official_account_info', () => {
	const info = (body: object) => call(server, `${OA}/get_official_account_info`, body);

	test('lists only the accounts that exist, with every field when no filter is given', async () => {
		const { json } = await info({
			OfficialAccountIdList: [{ Official_Account: ACCOUNT }, { Official_Account: '@TOA#_none' }],
		});

		expect(json?.OfficialAccountInfoList).toEqual([
			{
				Official_Account: ACCOUNT,
				CreateTime: 1700000000,
				Name: 'News',
				Owner_Account: 'editor',
				LastMsgTime: 0,
				SubscriberNum: 1,
				Introduction: 'daily',
				FaceUrl: '',
				Organization: '',
				CustomString: 'cs',
			},
		]);
	});

	test('answers only the fields the filter names', async () => {
		const { json } = await info({
			OfficialAccountIdList: [{ Official_Account: ACCOUNT }],
			ResponseFilter: { OfficialAccountBaseInfoFilter: ['Name', 'SubscriberNum'] },
		});
		expect(json?.OfficialAccountInfoList).toEqual([
			{ Official_Account: ACCOUNT, Name: 'News', SubscriberNum: 1 },
		]);
	});

	test('refuses an unknown filter name and more than 50 accounts with 6017', async () => {
		const unknownField = await info({
			OfficialAccountIdList: [{ Official_Account: ACCOUNT }],
			ResponseFilter: { OfficialAccountBaseInfoFilter: ['Colour'] },
		});
		const tooMany = await info({
			OfficialAccountIdList: ids(51).map((id) => ({ Official_Account: id })),
		});

		expect([unknownField.json?.ErrorCode, tooMany.json?.ErrorCode]).toEqual([6017, 6017]);
	});
});
