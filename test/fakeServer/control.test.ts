import { expect, test } from '@jest/globals';

import { FakeServerControl } from '../fake-tencent/control';
import { FakeTencentServer } from '../fake-tencent/FakeTencentServer';
import { APP, call, useServer } from './signedCall';

const server = useServer();

test('the control client sets up, scripts and inspects a server through /_fake/*', async () => {
	const control = new FakeServerControl(server.url);
	await control.addApp({ ...APP, officialAccounts: { '@TOA#_ctl': { subscribers: ['a'] } } });
	await control.setFaults({ latencyMs: 1 }, 42);
	await control.resetStats();
	await control.script({ kind: 'tooMany', retryAfterSeconds: 2 });

	const scripted = await call(server, 'official_account_open_http_svc/add_subscriber', {});
	const real = await call(server, 'official_account_open_http_svc/add_subscriber', {
		Official_Account: '@TOA#_ctl',
		SubscriberList: [{ Subscriber_Account: 'b' }],
	});

	expect([scripted.status, real.json?.ErrorCode]).toEqual([429, 0]);
	expect(await control.inspect('subscribers', APP.sdkAppId, '@TOA#_ctl')).toEqual(['a', 'b']);
	expect(await control.stats()).toMatchObject({
		requests: 2,
		calls: { add_subscriber: 2 },
	});
	expect(await control.userSigsSeen()).toEqual([...FakeTencentServer.userSigsSeen]);
});

test("moving the clock past a UserSig's lifetime makes the server answer 70001", async () => {
	const control = new FakeServerControl(server.url);
	await control.setClockOffset(7_200);
	const { json } = await call(server, 'im_open_login_svc/account_check', {
		CheckItem: [{ UserID: 'a' }],
	});
	await control.setClockOffset(0);
	expect(json?.ErrorCode).toBe(70001);
});

test('the control client reads an account and a mailbox', async () => {
	const control = new FakeServerControl(server.url);
	await control.addApp({ ...APP, officialAccounts: {}, accounts: ['amy'] });
	await call(server, 'im_open_login_svc/multiaccount_import', {
		AccountList: [{ UserID: 'amy', Nick: 'Amy' }],
	});
	await call(server, 'openim/sendmsg', {
		To_Account: 'amy',
		MsgRandom: 5,
		MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Hi' } }],
	});

	expect(await control.inspect('account', APP.sdkAppId, 'amy')).toEqual({
		nick: 'Amy',
		imports: 1,
	});
	expect(await control.inspect('account', APP.sdkAppId, 'nobody')).toBeNull();
	expect(
		(await control.inspect('mailbox', APP.sdkAppId, 'amy')).map((message) => [
			message.from,
			message.msgRandom,
		]),
	).toEqual([['administrator', 5]]);
});
