import { beforeEach, describe, expect, test } from '@jest/globals';

import { APP, call, signedUrl, useServer } from './signedCall';

const ACCOUNT = '@TOA#_script';
const server = useServer();
beforeEach(() => {
	server.addApp({ ...APP, officialAccounts: { [ACCOUNT]: { subscribers: ['a', 'b'] } } });
	server.setFaults({});
	server.resetStats();
});

const ADD = 'official_account_open_http_svc/add_subscriber';
const add = (...ids: string[]) =>
	call(server, ADD, {
		Official_Account: ACCOUNT,
		SubscriberList: ids.map((id) => ({ Subscriber_Account: id })),
	});
const remove = (...ids: string[]) =>
	call(server, 'official_account_open_http_svc/delete_subscriber', {
		Official_Account: ACCOUNT,
		SubscriberToDel_Account: ids,
	});

describe('transforms act on the per-entry list of any command', () => {
	test('dropFirst on delete_subscriber drops its first outcome, and the deletion still happens', async () => {
		server.script({ kind: 'transform', transform: 'dropFirst' });
		const { json } = await remove('a', 'b');

		expect(json?.SubscriberList).toEqual([{ Subscriber_Account: 'b', Result: 1 }]);
		expect(server.inspect('subscribers', APP.sdkAppId, ACCOUNT)).toEqual([]);
	});

	test("addStranger, renameFirst, badResult and dropList change add_subscriber's list as named", async () => {
		server.script(
			{ kind: 'transform', transform: 'addStranger' },
			{ kind: 'transform', transform: 'renameFirst' },
			{ kind: 'transform', transform: 'badResult' },
			{ kind: 'transform', transform: 'dropList' },
		);
		const answers = [await add('c'), await add('d'), await add('e'), await add('f')].map(
			(reply) => reply.json,
		);

		expect(answers[0]?.SubscriberList).toEqual([
			{ Subscriber_Account: 'c', Result: 1 },
			{ Subscriber_Account: 'stranger', Result: 1 },
		]);
		expect(answers[1]?.SubscriberList).toEqual([{ Subscriber_Account: 'renamed', Result: 1 }]);
		expect(answers[2]?.SubscriberList).toEqual([{ Subscriber_Account: 'e', Result: 7 }]);
		expect(answers[3]).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
	});
});

describe('answers sent as they are', () => {
	test('raw sends its status, headers and body, and with apply carries the call out first', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: '<html>',
			headers: { 'x-gateway': 'edge' },
			apply: true,
		});
		const reply = await add('c');

		expect([reply.status, reply.headers.get('x-gateway'), reply.text]).toEqual([
			200,
			'edge',
			'<html>',
		]);
		expect(server.inspect('subscribers', APP.sdkAppId, ACCOUNT)).toContain('c');
	});

	test('raw without apply carries nothing out', async () => {
		server.script({ kind: 'raw', status: 502, body: 'Bad Gateway' });
		expect((await add('c')).status).toBe(502);
		expect(server.inspect('subscribers', APP.sdkAppId, ACCOUNT)).not.toContain('c');
	});

	test('raw with gzip sends the body compressed, with content-encoding gzip', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: '{"ActionStatus":"OK"}',
			contentType: 'application/json',
			gzip: true,
		});
		const reply = await add('c');
		expect([reply.headers.get('content-encoding'), reply.json]).toEqual([
			'gzip',
			{ ActionStatus: 'OK' },
		]);
	});

	test('huge sends the padding it was asked for inside a JSON answer', async () => {
		server.script({ kind: 'huge', bytes: 3_000_000 });
		const reply = await add('c');

		expect(reply.text.length).toBeGreaterThan(3_000_000);
		expect(reply.json?.ActionStatus).toBe('OK');
	});

	test('endless streams until the client goes away, then stops', async () => {
		server.script({ kind: 'endless' });
		const abort = new AbortController();
		const response = await fetch(signedUrl(server, ADD), {
			method: 'POST',
			body: JSON.stringify({
				Official_Account: ACCOUNT,
				SubscriberList: [{ Subscriber_Account: 'c' }],
			}),
			signal: abort.signal,
		});
		const reader = (response.body as ReadableStream<Uint8Array>).getReader();
		let received = 0;
		while (received < 1_000_000) received += ((await reader.read()).value as Uint8Array).length;
		abort.abort();

		while (server.stats.abandoned === 0) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(server.stats.abandoned).toBe(1);
	});

	test('redirect answers its status with a Location', async () => {
		server.script({ kind: 'redirect', status: 307, location: 'http://127.0.0.1:9/elsewhere' });
		const reply = await call(server, ADD, {}, { redirect: 'manual' });
		expect([reply.status, reply.headers.get('location')]).toEqual([
			307,
			'http://127.0.0.1:9/elsewhere',
		]);
	});

	test('tooMany answers 429 with Retry-After', async () => {
		server.script({ kind: 'tooMany', retryAfterSeconds: 3 });
		const reply = await add('c');
		expect([reply.status, reply.headers.get('retry-after')]).toEqual([429, '3']);
	});

	test('echoUrl fails with the code asked for and quotes the whole request URL in about 1 MB', async () => {
		server.script({ kind: 'echoUrl', errorCode: 70001 });
		const { json } = await add('c');

		expect(json?.ErrorCode).toBe(70001);
		expect(json?.ErrorInfo).toMatch(
			/^invalid request http:\/\/127\.0\.0\.1:\d+\/v4\/official_account_open_http_svc\/add_subscriber\?sdkappid=\d+&identifier=administrator&usersig=\S+&random=\d+&contenttype=json; x+$/,
		);
		expect((json?.ErrorInfo as string).length).toBeGreaterThanOrEqual(1024 * 1024);
	});

	test('a scripted answer applies to the next call whatever its command', async () => {
		server.script({ kind: 'tooMany', retryAfterSeconds: 1 });
		const first = await call(server, 'im_open_login_svc/account_check', {
			CheckItem: [{ UserID: 'a' }],
		});
		const second = await add('c');
		expect([first.status, second.status]).toEqual([429, 200]);
	});
});
