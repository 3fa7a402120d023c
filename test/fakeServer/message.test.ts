import { beforeEach, expect, test } from '@jest/globals';

import { APP, call, useServer } from './signedCall';

const server = useServer();
beforeEach(() => server.addApp({ ...APP, accounts: ['alice', 'bob'] }));

const TEXT = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Hi' } }];

test("sendmsg delivers to the recipient's mailbox, from the calling admin when From_Account is absent", async () => {
	const { json } = await call(server, 'openim/sendmsg', {
		To_Account: 'alice',
		MsgRandom: 7,
		MsgBody: TEXT,
	});

	expect(json).toEqual({
		ActionStatus: 'OK',
		ErrorCode: 0,
		ErrorInfo: '',
		MsgTime: expect.any(Number),
		MsgKey: expect.any(String),
	});
	expect(server.inspect('mailbox', APP.sdkAppId, 'alice')).toEqual([
		expect.objectContaining({
			from: 'administrator',
			to: 'alice',
			msgRandom: 7,
			msgBody: TEXT,
			msgKey: json?.MsgKey,
		}),
	]);
});

test('the same sender, recipient and MsgRandom again is recognised as a repeat: answered OK with the same key, delivered once', async () => {
	const first = await call(server, 'openim/sendmsg', {
		From_Account: 'bob',
		To_Account: 'alice',
		MsgRandom: 9,
		MsgBody: TEXT,
	});
	const again = await call(server, 'openim/sendmsg', {
		From_Account: 'bob',
		To_Account: 'alice',
		MsgRandom: 9,
		MsgBody: TEXT,
	});
	const other = await call(server, 'openim/sendmsg', {
		From_Account: 'bob',
		To_Account: 'alice',
		MsgRandom: 10,
		MsgBody: TEXT,
	});

	expect(again.json?.MsgKey).toBe(first.json?.MsgKey);
	expect(other.json?.MsgKey).not.toBe(first.json?.MsgKey);
	expect(server.inspect('mailbox', APP.sdkAppId, 'alice')).toHaveLength(2);
});

test.each([
	[
		'a recipient that is not an account',
		{ To_Account: 'carol', MsgRandom: 1, MsgBody: TEXT },
		90012,
	],
	[
		'a sender that is not an account',
		{ From_Account: 'carol', To_Account: 'alice', MsgRandom: 1, MsgBody: TEXT },
		90008,
	],
	['no MsgRandom', { To_Account: 'alice', MsgBody: TEXT }, 90005],
	[
		'a MsgBody that is not a list',
		{ To_Account: 'alice', MsgRandom: 1, MsgBody: { Text: 'x' } },
		90002,
	],
	[
		'a lifetime over 7 days',
		{ To_Account: 'alice', MsgRandom: 1, MsgBody: TEXT, MsgLifeTime: 604_801 },
		90026,
	],
])('sendmsg refuses %s', async (_, body, code) => {
	expect((await call(server, 'openim/sendmsg', body)).json?.ErrorCode).toBe(code);
	expect(server.inspect('mailbox', APP.sdkAppId, 'alice')).toEqual([]);
});

test('batchsendmsg delivers to every account and lists the others in ErrorList with 70107', async () => {
	const { json } = await call(server, 'openim/batchsendmsg', {
		To_Account: ['alice', 'carol', 'bob'],
		MsgRandom: 3,
		MsgBody: TEXT,
	});

	expect(json).toEqual({
		ActionStatus: 'OK',
		ErrorCode: 0,
		ErrorInfo: '',
		MsgKey: expect.any(String),
		ErrorList: [{ To_Account: 'carol', ErrorCode: 70107 }],
	});
	expect(server.inspect('mailbox', APP.sdkAppId, 'alice')).toHaveLength(1);
	expect(server.inspect('mailbox', APP.sdkAppId, 'bob')).toHaveLength(1);
});

test('a repeated batchsendmsg delivers only to the recipients that did not have it, and mailboxes read between calls stay right', async () => {
	server.addApp({ ...APP, accounts: ['alice', 'bob', 'dave'] });
	const first = await call(server, 'openim/batchsendmsg', {
		To_Account: ['alice', 'bob'],
		MsgRandom: 4,
		MsgBody: TEXT,
	});
	expect(server.inspect('mailbox', APP.sdkAppId, 'alice')).toHaveLength(1);
	const again = await call(server, 'openim/batchsendmsg', {
		To_Account: ['bob', 'dave', 'alice'],
		MsgRandom: 4,
		MsgBody: TEXT,
	});
	const other = await call(server, 'openim/batchsendmsg', {
		To_Account: ['alice'],
		MsgRandom: 5,
		MsgBody: TEXT,
	});

	// The answer names the first recipient's message: bob had it from the first call.
	expect(again.json?.MsgKey).toBe(first.json?.MsgKey);
	expect(
		['alice', 'bob', 'dave'].map((user) =>
			server.inspect('mailbox', APP.sdkAppId, user).map((message) => message.msgRandom),
		),
	).toEqual([[4, 5], [4], [4]]);
	expect(server.inspect('mailbox', APP.sdkAppId, 'dave')[0].msgKey).not.toBe(first.json?.MsgKey);
	expect(other.json?.MsgKey).not.toBe(first.json?.MsgKey);
});

test('batchsendmsg refuses more than 500 recipients with 90011', async () => {
	const To_Account = Array.from({ length: 501 }, () => 'alice');
	expect(
		(await call(server, 'openim/batchsendmsg', { To_Account, MsgRandom: 3, MsgBody: TEXT })).json
			?.ErrorCode,
	).toBe(90011);
});

test('account_delete deletes accounts and answers 70107 for those that do not exist', async () => {
	const { json } = await call(server, 'im_open_login_svc/account_delete', {
		DeleteItem: [{ UserID: 'alice' }, { UserID: 'zed' }],
	});
	expect(json?.ResultItem).toEqual([
		{ UserID: 'alice', ResultCode: 0, ResultInfo: '' },
		{ UserID: 'zed', ResultCode: 70107, ResultInfo: expect.any(String) },
	]);
	expect(server.inspect('account', APP.sdkAppId, 'alice')).toBeNull();
	expect(
		(await call(server, 'openim/sendmsg', { To_Account: 'alice', MsgRandom: 1, MsgBody: TEXT }))
			.json?.ErrorCode,
	).toBe(90012);
});
