import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	readCredentials,
	resetProcessState,
	TencentChatClient,
	TencentChatError,
} from '../../nodes/TencentChat/client';
import { sendOfficialAccountMessage } from '../../nodes/TencentChat/actions/officialAccount/api';
import { capture } from '../helpers/capture';
import { credentialsFor, fakeApp, tencentFailure } from '../helpers/fixtures';
import { useFakeServer } from '../helpers/useFakeServer';

// The hourly budget of a broadcast counts only the attempts that Tencent accepted or may have
// carried out, measured on the monotonic clock; the error of a spent hour says what spent it.

const NEWS = '@TOA#_news';
const server = useFakeServer(() => fakeApp({ [NEWS]: { subscribers: ['u1'] } }));
beforeEach(async () => await resetProcessState());

const message = (officialAccount: string) => ({
	officialAccount,
	msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `hi ${Math.random()}` } }],
});

function clientAt(baseUrl: string, maxRetries: number): TencentChatClient {
	return new TencentChatClient(readCredentials(credentialsFor(server, { baseUrl })), {
		maxRetries,
		retryBaseDelayMs: 1,
	});
}

async function failureOf(promise: Promise<unknown>): Promise<TencentChatError> {
	const error = await promise.then(
		() => new Error('expected the call to fail'),
		(caught: unknown) => caught,
	);
	if (!(error instanceof TencentChatError)) throw error;
	capture(`${error.message}\n${error.stack}`);
	return error;
}

describe('a stand-in for Tencent that refuses every call for its frequency', () => {
	let refusing: Server;
	let requests = 0;
	beforeAll(async () => {
		refusing = createServer((_, response) => {
			requests++;
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify(tencentFailure(60007, 'REST API call frequency exceeds the limit')),
			);
		});
		await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
	});
	afterAll(() => new Promise((resolve) => refusing.close(resolve)));

	test("three 60007 refusals take no place of the hour: every retry and the next execution still reach Tencent, and the error is Tencent's", async () => {
		const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
		requests = 0;
		const first = await failureOf(sendOfficialAccountMessage(clientAt(url, 2), message(NEWS)));
		expect([first.code, first.info, first.attempts]).toEqual([
			60007,
			'REST API call frequency exceeds the limit',
			3,
		]);
		const next = await failureOf(sendOfficialAccountMessage(clientAt(url, 0), message(NEWS)));
		expect(next.code).toBe(60007);
		expect(requests).toBe(4);
	}, 20_000);
});

test('refused connections take no place of the hour: the error names the network and its cause, the next call still tries', async () => {
	const closed = createServer();
	await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
	await new Promise((resolve) => closed.close(resolve));

	const first = await failureOf(sendOfficialAccountMessage(clientAt(url, 2), message(NEWS)));
	expect([first.code, first.info, first.attempts]).toEqual([
		'ECONNREFUSED',
		'network error: the server refused the connection',
		3,
	]);
	const next = await failureOf(sendOfficialAccountMessage(clientAt(url, 0), message(NEWS)));
	expect(next.code).toBe('ECONNREFUSED');
}, 20_000);

test("calls that may have been carried out do count: an hour spent by the call's own attempts says what became of them", async () => {
	server.script(
		{ kind: 'fault', fault: 'resetAfterApply' },
		{ kind: 'fault', fault: 'resetAfterApply' },
	);
	const spent = await failureOf(sendOfficialAccountMessage(clientAt(server.url, 3), message(NEWS)));
	expect(spent.code).toBe('HOURLY_LIMIT');
	expect(spent.info).toMatch(/accepted or may have carried out/);
	expect(spent.info).toContain(
		'The previous attempt of this call failed: no answer from Tencent came (network error: the connection was closed before an answer came), and it may have been carried out',
	);
	expect(spent.mayHaveBeenApplied).toBe(true);
	expect(server.stats.calls.send_official_account_msg).toBe(2);
}, 20_000);

test('the wall clock stepped forward two hours does not free the hour: the third broadcast is refused here, not sent', async () => {
	const client = clientAt(server.url, 0);
	await sendOfficialAccountMessage(client, message(NEWS));
	await sendOfficialAccountMessage(client, message(NEWS));
	const wall = Date.now;
	const steppedAt = wall();
	Date.now = () => wall() + 2 * 3_600_000;
	try {
		const third = await failureOf(sendOfficialAccountMessage(client, message(NEWS)));
		expect(third.code).toBe('HOURLY_LIMIT');
		// The time it names is on the (stepped) wall clock, an hour after the first broadcast.
		const named = Date.parse(/possible at (\S+),/.exec(third.info)?.[1] ?? '');
		expect(named - (steppedAt + 2 * 3_600_000)).toBeGreaterThan(3_500_000);
	} finally {
		Date.now = wall;
	}
	expect(server.stats.calls.send_official_account_msg).toBe(2);
}, 20_000);
