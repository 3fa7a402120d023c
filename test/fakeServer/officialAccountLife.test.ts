import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { APP, call, useServer } from './signedCall';

// The fake's Official Account commands beyond subscribers: create, modify, destroy,
// subscriptions, send, recall, history; their documented errors and the callbacks they send.

const OA = 'official_account_open_http_svc';
const NEWS = '@TOA#_news';
const server = useServer();

/** Where the fake sends the app's callbacks: every body it received, in order. */
const received: Array<Record<string, unknown>> = [];
let receiver: Server;
beforeAll(async () => {
	receiver = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			received.push(JSON.parse(body) as Record<string, unknown>);
			response.end('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

beforeEach(() => {
	server.addApp({
		...APP,
		accounts: ['owner1'],
		officialAccounts: { [NEWS]: { subscribers: ['fan'], createTime: 1_700_000_000 } },
	});
	server.callbacks.configure(APP.sdkAppId, {
		url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
	});
	received.length = 0;
	server.setFaults({});
});

const commandsReceived = async () => {
	await server.callbacks.settled();
	return received.map((body) => body.CallbackCommand);
};

describe('create_official_account', () => {
	test('creates the account with the ID asked for and sends CallbackAfterCreateOfficialAccount', async () => {
		const { json } = await call(server, `${OA}/create_official_account`, {
			Owner_Account: 'owner1',
			Name: 'Deals',
			OfficialAccountUserID: '@TOA#_deals',
		});
		expect(json).toMatchObject({ ErrorCode: 0, OfficialAccountUserID: '@TOA#_deals' });
		expect(await commandsReceived()).toEqual([
			'OfficialAccount.CallbackAfterCreateOfficialAccount',
		]);
		expect(received[0]).toMatchObject({
			Official_Account: '@TOA#_deals',
			Owner_Account: 'owner1',
			Name: 'Deals',
			Operator_Account: 'administrator',
		});
	});

	test.each([
		['130007 for an ID without the prefix', { OfficialAccountUserID: 'deals' }, 130007],
		['130008 for an ID in use', { OfficialAccountUserID: NEWS }, 130008],
		['6017 for an owner never imported', { Owner_Account: 'stranger' }, 6017],
		['6017 for a name over 150 bytes', { Name: 'x'.repeat(151) }, 6017],
		['6017 for a custom string over 3,000 bytes', { CustomString: 'x'.repeat(3001) }, 6017],
	])('answers %s', async (_label, change, code) => {
		const { json } = await call(server, `${OA}/create_official_account`, {
			Owner_Account: 'owner1',
			Name: 'Deals',
			...change,
		});
		expect(json?.ErrorCode).toBe(code);
	});
});

describe('modify_official_account_base_info and destroy_official_account', () => {
	test('modify reads Official_Account, not doocs’ OfficialAccount', async () => {
		expect(
			(
				await call(server, `${OA}/modify_official_account_base_info`, {
					OfficialAccount: NEWS,
					Name: 'X',
				})
			).json?.ErrorCode,
		).toBe(6017);
		expect(
			(
				await call(server, `${OA}/modify_official_account_base_info`, {
					Official_Account: NEWS,
					Name: 'X',
				})
			).json?.ErrorCode,
		).toBe(0);
		expect(server.inspect('officialAccount', APP.sdkAppId, NEWS)).toMatchObject({ name: 'X' });
		expect(await commandsReceived()).toEqual([
			'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
		]);
	});

	test('destroy removes the account (130004 afterwards) and sends CallbackAfterOfficialAccountDestroyed', async () => {
		expect(
			(await call(server, `${OA}/destroy_official_account`, { Official_Account: NEWS })).json
				?.ErrorCode,
		).toBe(0);
		expect(
			(await call(server, `${OA}/destroy_official_account`, { Official_Account: NEWS })).json
				?.ErrorCode,
		).toBe(130004);
		expect(server.inspect('officialAccount', APP.sdkAppId, NEWS)).toMatchObject({
			exists: false,
			destroyed: true,
			subscribers: { fan: '' },
		});
		expect(await commandsReceived()).toEqual([
			'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
		]);
	});
});

describe('send_official_account_msg, official_account_msg_recall, official_account_msg_get_simple', () => {
	const text = (content: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: content } }];

	test('a send stores the message under a Seq_1_ServerTime key; the same body and Random again gets that key, stored once', async () => {
		const first = (
			await call(server, `${OA}/send_official_account_msg`, {
				Official_Account: NEWS,
				Random: 7,
				MsgBody: text('hi'),
			})
		).json;
		expect(first).toMatchObject({
			ErrorCode: 0,
			MsgKey: expect.stringMatching(/^1_1_\d+$/),
			MsgTime: expect.any(Number),
		});
		await new Promise((resolve) => setTimeout(resolve, 1_050));
		const again = (
			await call(server, `${OA}/send_official_account_msg`, {
				Official_Account: NEWS,
				Random: 7,
				MsgBody: text('hi'),
			})
		).json;
		expect(again?.MsgKey).toBe(first?.MsgKey);
		expect(
			(server.inspect('officialAccount', APP.sdkAppId, NEWS).messages as unknown[]).length,
		).toBe(1);
		expect(await commandsReceived()).toEqual(['OfficialAccount.CallbackAfterSendMsg']);
	});

	test('a MsgBody that is not a list of elements is 6017; an unknown account 130004', async () => {
		expect(
			(
				await call(server, `${OA}/send_official_account_msg`, {
					Official_Account: NEWS,
					MsgBody: [{ MsgType: 'TIMTextElem' }],
				})
			).json?.ErrorCode,
		).toBe(6017);
		expect(
			(
				await call(server, `${OA}/send_official_account_msg`, {
					Official_Account: '@TOA#_gone',
					MsgBody: text('x'),
				})
			).json?.ErrorCode,
		).toBe(130004);
	});

	test('recall answers a RetCode per key and sends CallbackAfterMsgWithDraw for the keys it recalled; history leaves them out', async () => {
		const { json } = await call(server, `${OA}/send_official_account_msg`, {
			Official_Account: NEWS,
			MsgBody: text('oops'),
		});
		const key = json?.MsgKey as string;
		const recall = await call(server, `${OA}/official_account_msg_recall`, {
			Official_Account: NEWS,
			MsgKeyList: [key, 'nope'],
		});
		expect(recall.json?.RecallRetList).toEqual([
			{ MsgKey: key, RetCode: 0 },
			{ MsgKey: 'nope', RetCode: 10004 },
		]);
		expect(await commandsReceived()).toEqual([
			'OfficialAccount.CallbackAfterSendMsg',
			'OfficialAccount.CallbackAfterMsgWithDraw',
		]);
		expect(received[1]).toMatchObject({
			Official_Account: NEWS,
			WithdrawMsgList: [{ MsgKey: key }],
		});
		const history = await call(server, `${OA}/official_account_msg_get_simple`, {
			Official_Account: NEWS,
		});
		expect(history.json).toMatchObject({ IsFinished: 1, RspMsgList: [] });
		const withRecalled = await call(server, `${OA}/official_account_msg_get_simple`, {
			Official_Account: NEWS,
			WithRecalledMsg: 1,
		});
		expect(withRecalled.json).toMatchObject({
			IsFinished: 1,
			LastMsgKey: key,
			RspMsgList: [{ MsgKey: key, IsPlaceMsg: 1 }],
		});
	});

	test('recall takes at most 10 keys', async () => {
		const keys = Array.from({ length: 11 }, (_, i) => `${i}_1_1`);
		expect(
			(
				await call(server, `${OA}/official_account_msg_recall`, {
					Official_Account: NEWS,
					MsgKeyList: keys,
				})
			).json?.ErrorCode,
		).toBe(6017);
	});
});

describe('get_subscribed_official_account_list', () => {
	test('pages by Offset with CompleteFlag and Next, each account with the user’s SelfInfo', async () => {
		server.addApp({
			...APP,
			officialAccounts: Object.fromEntries(
				Array.from({ length: 3 }, (_, i) => [`@TOA#_a${i}`, { subscribers: ['fan'] }]),
			),
		});
		const first = (
			await call(server, `${OA}/get_subscribed_official_account_list`, {
				Subscriber_Account: 'fan',
				Limit: 2,
			})
		).json;
		expect(first).toMatchObject({ TotalCount: 3, CompleteFlag: 0, Next: 2 });
		expect((first?.OfficialAccountInfoList as unknown[]).length).toBe(2);
		const second = (
			await call(server, `${OA}/get_subscribed_official_account_list`, {
				Subscriber_Account: 'fan',
				Limit: 2,
				Offset: 2,
			})
		).json;
		expect(second).toMatchObject({
			CompleteFlag: 1,
			OfficialAccountInfoList: [{ Official_Account: '@TOA#_a2', SelfInfo: { CustomString: '' } }],
		});
	});
});
