import { beforeEach, describe, expect, test } from '@jest/globals';

import { APP, call, signedUrl, useServer } from './signedCall';

const ACCOUNT = '@TOA#_core';
const server = useServer();
beforeEach(() => {
	server.addApp({ ...APP, officialAccounts: { [ACCOUNT]: {} } });
	server.setFaults({});
	server.resetStats();
});

const add = (id: string) =>
	call(server, 'official_account_open_http_svc/add_subscriber', {
		Official_Account: ACCOUNT,
		SubscriberList: [{ Subscriber_Account: id }],
	});
const check = () =>
	call(server, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: 'administrator' }] });

test('a command no service module has is answered 60002', async () => {
	const { json } = await call(server, 'official_account_open_http_svc/no_such_command', {});
	expect(json?.ErrorCode).toBe(60002);
});

test('a UserSig signed with another key is answered 70009 and counted as rejected', async () => {
	const url = signedUrl(server, 'im_open_login_svc/account_check', {
		...APP,
		secretKey: 'another-key',
	});
	const response = await fetch(url, { method: 'POST', body: '{}' });

	expect(((await response.json()) as { ErrorCode: number }).ErrorCode).toBe(70009);
	expect(server.stats).toMatchObject({ signaturesSeen: 1, rejectedSignatures: 1, calls: {} });
});

describe('limits from the command table', () => {
	test("over a command's budget in a sliding second answers 60007 and carries nothing out", async () => {
		server.setFaults({ callsPerSecond: 4 });

		const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => add(id)));

		expect(answers.map((answer) => answer.json?.ErrorCode).sort()).toEqual([0, 0, 0, 0, 60007]);
		expect(server.inspect('subscribers', APP.sdkAppId, ACCOUNT)).toHaveLength(4);
		expect(server.stats).toMatchObject({
			rateLimited: 1,
			calls: { add_subscriber: 5 },
			applied: { add_subscriber: 4 },
			peakCallsPerSecondByCommand: { add_subscriber: 4 },
		});
	});

	test("each command has its own window, scaled from its own rate: account_check gets half of add_subscriber's", async () => {
		server.setFaults({ callsPerSecond: 8 });

		const adds = await Promise.all(Array.from({ length: 8 }, (_, i) => add(`s${i}`)));
		const checks = await Promise.all(Array.from({ length: 5 }, () => check()));

		expect(adds.every((answer) => answer.json?.ErrorCode === 0)).toBe(true);
		expect(checks.map((answer) => answer.json?.ErrorCode).sort()).toEqual([0, 0, 0, 0, 60007]);
		expect(server.stats.peakCallsPerSecondByCommand).toEqual({
			add_subscriber: 8,
			account_check: 4,
		});
	});

	test('reserved calls come off the budget', async () => {
		server.setFaults({ callsPerSecond: 5, reservedCallsPerSecond: 3 });
		const answers = await Promise.all(['a', 'b', 'c'].map((id) => add(id)));
		expect(answers.map((answer) => answer.json?.ErrorCode).sort()).toEqual([0, 0, 60007]);
	});
});

test('stats count calls and applied calls per command', async () => {
	await add('a');
	await call(server, 'official_account_open_http_svc/add_subscriber', {
		Official_Account: '@TOA#_none',
		SubscriberList: [{ Subscriber_Account: 'a' }],
	});
	await check();

	expect(server.stats.calls).toEqual({ add_subscriber: 2, account_check: 1 });
	expect(server.stats.applied).toEqual({ add_subscriber: 1, account_check: 1 });
	expect(server.stats.requests).toBe(3);
});

test('injected faults hit every command, not only add_subscriber', async () => {
	server.setFaults({ http502: 1 });
	const { status } = await check();
	expect(status).toBe(502);
	expect(server.stats.faultsInjected).toBe(1);
});

test('a reset after apply carries the call out and sends no answer', async () => {
	server.script({ kind: 'fault', fault: 'resetAfterApply' });
	await expect(add('a')).rejects.toThrow();
	expect(server.inspect('subscribers', APP.sdkAppId, ACCOUNT)).toEqual(['a']);
});
