import { describe, expect, test } from '@jest/globals';
import { getEventListeners } from 'node:events';

import { addSubscribers } from '../../nodes/TencentChat/actions/officialAccount/api';
import {
	readCredentials,
	TencentChatClient,
	TencentChatError,
} from '../../nodes/TencentChat/client';
import { capture } from '../helpers/capture';
import { credentialsFor, fakeApp, SECRET_KEY, tencentFailure } from '../helpers/fixtures';
import { useFakeServer } from '../helpers/useFakeServer';

const ACCOUNT = '@TOA#_news';
const server = useFakeServer(() => fakeApp({ [ACCOUNT]: { subscribers: ['old'] } }));
const logged: string[] = [];

function client(options: ConstructorParameters<typeof TencentChatClient>[1] = {}) {
	const credentials = readCredentials(credentialsFor(server));
	const log = (line: string) => {
		logged.push(line);
		capture(line);
	};
	return new TencentChatClient(credentials, { retryBaseDelayMs: 5, log, ...options });
}

async function failureOf(promise: Promise<unknown>): Promise<TencentChatError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof TencentChatError) {
			capture(`${error.message}\n${error.info}\n${error.stack}`);
			return error;
		}
		throw error;
	}
	throw new Error('expected the call to fail');
}

const json = (body: object) => ({
	kind: 'raw' as const,
	status: 200,
	body: JSON.stringify(body),
	contentType: 'application/json',
});

describe('TencentChatClient against the fake server', () => {
	test('answers per subscriber: added, already subscribed, failed for an over-long UserID', async () => {
		const answer = await addSubscribers(client(), ACCOUNT, ['new', 'old', 'x'.repeat(33)]);
		expect([...answer.results]).toEqual([
			['new', 1],
			['old', 2],
			['x'.repeat(33), 0],
		]);
		expect(answer.attempts).toBe(1);
		expect(answer.mayHaveBeenAppliedBefore).toBe(false);
	});

	test("hundreds of calls in flight and waiting put one listener on the execution's signal", async () => {
		server.setFaults({ latencyMs: 50 });
		const execution = new AbortController();
		const stopStarting = new AbortController();
		const many = client({ maxConcurrency: 100 });
		const calls = Array.from({ length: 300 }, (_, i) =>
			addSubscribers(many, ACCOUNT, [`listener_${i}`], {
				signal: execution.signal,
				stopStarting: stopStarting.signal,
			}),
		);
		await new Promise((resolve) => setTimeout(resolve, 20));
		const listeners = [execution.signal, stopStarting.signal].map(
			(signal) => getEventListeners(signal, 'abort').length,
		);
		const answers = await Promise.all(calls);
		expect(Math.max(...listeners)).toBeLessThanOrEqual(1);
		expect(answers.every((answer) => answer.results.size === 1)).toBe(true);
	});

	test('renews an expired UserSig once (70001) and retries', async () => {
		server.script(json(tencentFailure(70001, 'UserSig expired')));
		const answer = await addSubscribers(client(), ACCOUNT, ['a']);
		expect(answer.attempts).toBe(2);
		expect(answer.results.get('a')).toBe(1);
	});

	test('gives up on a second 70001 in a row rather than looping', async () => {
		const expired = json(tencentFailure(70001, 'UserSig expired'));
		server.script(expired, expired);
		const error = await failureOf(addSubscribers(client(), ACCOUNT, ['a']));
		expect(error.code).toBe(70001);
		expect(error.attempts).toBe(2);
	});

	test('fails at once on a code that retrying cannot fix', async () => {
		const error = await failureOf(addSubscribers(client(), '@TOA#_gone', ['a']));
		expect(error.code).toBe(130004);
		expect(error.attempts).toBe(1);
		expect(server.stats.calls.add_subscriber).toBe(1);
	});

	test('stops after the configured retries', async () => {
		server.setFaults({ http502: 1 });
		const error = await failureOf(addSubscribers(client({ maxRetries: 2 }), ACCOUNT, ['a']));
		expect(error.code).toBe('HTTP_502');
		expect(error.attempts).toBe(3);
		expect(server.stats.calls.add_subscriber).toBe(3);
	});

	test('a call waiting to retry holds no concurrency slot', async () => {
		server.script({ kind: 'raw', status: 502, body: 'Bad Gateway' });
		// One slot; the first call backs off for 1 to 2 s while the second goes through.
		const shared = client({ maxConcurrency: 1, retryBaseDelayMs: 2_000 });
		const finished: string[] = [];
		const first = addSubscribers(shared, ACCOUNT, ['w1']).then(() => finished.push('first'));
		while (server.stats.requests === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		await addSubscribers(shared, ACCOUNT, ['w2']).then(() => finished.push('second'));
		await first;
		expect(finished).toEqual(['second', 'first']);
	});

	test('retries an answer that timed out and marks a then-"already subscribed" subscriber as uncertain', async () => {
		server.setFaults({ stall: 1, stallMs: 400 });
		const pending = addSubscribers(client({ timeoutMs: 100 }), ACCOUNT, ['slow']);
		setTimeout(() => server.setFaults({}), 150);
		const answer = await pending;
		expect(answer.attempts).toBeGreaterThanOrEqual(2);
		expect(answer.mayHaveBeenAppliedBefore).toBe(true);
		expect(answer.results.get('slow')).toBe(2);
	});

	test('a connection reset after the service acted is retried and flagged as possibly applied', async () => {
		server.setFaults({ resetAfterApply: 1 });
		const pending = addSubscribers(client(), ACCOUNT, ['r1', 'r2']);
		setTimeout(() => server.setFaults({}), 30);
		const answer = await pending;
		expect(answer.mayHaveBeenAppliedBefore).toBe(true);
		expect(server.inspect('subscribers', 1400000001, ACCOUNT)).toEqual(
			expect.arrayContaining(['r1', 'r2']),
		);
	});

	test('an HTML page with status 200 is an INVALID_RESPONSE, retried, then reported', async () => {
		const html = {
			kind: 'raw' as const,
			status: 200,
			body: '<html><body>Gateway login</body></html>',
		};
		server.script(html, html);
		const error = await failureOf(addSubscribers(client({ maxRetries: 1 }), ACCOUNT, ['a']));
		expect(error.code).toBe('INVALID_RESPONSE');
		expect(error.info).toContain('<html><body>Gateway login');
		expect(error.mayHaveBeenApplied).toBe(true);
	});

	test('an OK answer without SubscriberList settles no subscriber (the node asks again)', async () => {
		server.script({ kind: 'transform', transform: 'dropList' });
		const answer = await addSubscribers(client(), ACCOUNT, ['a']);
		expect(answer.results.size).toBe(0);
		expect(answer.attempts).toBe(1);
		expect(server.inspect('subscribers', 1400000001, ACCOUNT)).toContain('a');
	});

	test.each([
		['dropFirst', ['a'], { b: 1 }],
		['addStranger', [], { a: 1, b: 1 }],
		['renameFirst', ['a'], { b: 1 }],
		['badResult', ['a'], { b: 1 }],
	] as const)(
		'a list with %s attributes no result to the wrong subscriber',
		async (transform, missing, expected) => {
			server.script({ kind: 'transform', transform });
			const answer = await addSubscribers(client(), ACCOUNT, ['a', 'b']);
			expect(Object.fromEntries(answer.results)).toEqual(expected);
			for (const id of missing) expect(answer.results.has(id)).toBe(false);
		},
	);

	test('rejects more than 100 subscribers in one call before sending', async () => {
		const ids = Array.from({ length: 101 }, (_, i) => `u${i}`);
		await expect(addSubscribers(client(), ACCOUNT, ids)).rejects.toThrow(
			'add_subscriber takes 1 to 100 entries, got 101',
		);
		expect(server.stats.requests).toBe(0);
	});

	test('refuses a plain-http base URL that is not this machine', () => {
		expect(
			() =>
				new TencentChatClient(
					readCredentials(credentialsFor(server, { baseUrl: 'http://example.com' })),
				),
		).toThrow('Base URL must start with https://');
	});

	test('no error or log line carries the secret key or a UserSig', async () => {
		server.setFaults({ http502: 1 });
		const error = await failureOf(addSubscribers(client({ maxRetries: 1 }), ACCOUNT, ['a']));
		const text = `${error.message} ${error.info} ${error.stack} ${logged.join('\n')}`;
		expect(logged.length).toBeGreaterThan(0);
		expect(text).not.toContain(SECRET_KEY);
		expect(text).not.toMatch(/usersig=/i);
	});
});
