import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { OK_ANSWER } from '../../nodes/TencentChatTrigger/TencentChatTrigger.node';
import { capture } from '../helpers/capture';
import { tencentFailure } from '../helpers/fixtures';
import { type HarnessOptions, logs, TriggerHarness } from '../helpers/triggerHarness';
import {
	AFTER_ADD,
	BEFORE_ADD,
	expectNoTokenOrSign,
	signedQuery,
	subscriberBody,
	triggerCredentials,
	without,
} from './fixtures';

const now = () => Math.floor(Date.now() / 1000);

function harness(
	parameters: INodeParameters,
	credentials = triggerCredentials(),
	respondToWebhook?: HarnessOptions['respondToWebhook'],
) {
	const trigger = new TriggerHarness({ parameters, credentials, respondToWebhook });
	beforeAll(() => trigger.start());
	afterAll(() => trigger.stop());
	return trigger;
}

/** The calls of webhook() one request made, and what they gave n8n. */
async function send(trigger: TriggerHarness, ...args: Parameters<TriggerHarness['post']>) {
	const before = trigger.calls.length;
	const answer = await trigger.post(...args);
	capture(answer.text);
	const calls = trigger.calls.slice(before);
	for (const call of calls) capture(JSON.stringify(call.workflowData ?? null));
	return { answer, calls };
}

afterAll(() => expectNoTokenOrSign());

describe('Tencent Chat Trigger, answering at once', () => {
	const trigger = harness({ events: ['OfficialAccount.*'], respond: 'onReceived' });

	test('a signed callback of the app is answered OK by the trigger itself and gives one item', async () => {
		const requestTime = now();
		const body = subscriberBody(AFTER_ADD, ['107867', '966582476']);
		const { answer, calls } = await send(trigger, signedQuery(AFTER_ADD, requestTime), body);

		expect(answer.status).toBe(200);
		expect(answer.json).toEqual(OK_ANSWER);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({
			noWebhookResponse: true,
			answeredByTrigger: true,
			responseMode: 'onReceived',
		});
		expect(calls[0].workflowData).toHaveLength(1);
		expect(calls[0].workflowData?.[0].map((item) => item.json)).toEqual([
			{
				event: AFTER_ADD,
				eventTime: new Date(body.EventTime).toISOString(),
				sdkAppId: 1400000001,
				clientIp: '203.0.113.9',
				optPlatform: 'RESTAPI',
				body,
			},
		]);
	});

	test('a callback delivered twice within 60 s starts two executions, as the README says: the Sign covers only the token and the time', async () => {
		const query = signedQuery(AFTER_ADD, now());
		const body = { ...subscriberBody(AFTER_ADD, ['107867']), EventTime: 1_764_241_200_123 };
		const first = await send(trigger, query, body);
		const again = await send(trigger, query, body);
		expect([first.answer.status, again.answer.status]).toEqual([200, 200]);
		// The same item twice: what a workflow de-duplicates on (EventTime with the command) is in both.
		expect(
			[...first.calls, ...again.calls].map((call) =>
				call.workflowData?.[0].map((item) => [item.json.event, item.json.eventTime]),
			),
		).toEqual([
			[[AFTER_ADD, '2025-11-27T11:00:00.123Z']],
			[[AFTER_ADD, '2025-11-27T11:00:00.123Z']],
		]);
	});

	test('a wrong Sign gets 401 and starts nothing', async () => {
		const { answer, calls } = await send(
			trigger,
			signedQuery(AFTER_ADD, now(), 'not-the-token'),
			subscriberBody(AFTER_ADD, ['a']),
		);
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual(
			tencentFailure(
				401,
				"Sign does not match: the credential's Callback Token differs from the one in the Chat console",
			),
		);
		expect(calls.map((call) => [call.workflowData, call.noWebhookResponse])).toEqual([
			[undefined, true],
		]);
	});

	test('a RequestTime an hour old gets 401 and starts nothing, though its Sign is right', async () => {
		const { answer, calls } = await send(
			trigger,
			signedQuery(AFTER_ADD, now() - 3600),
			subscriberBody(AFTER_ADD, ['a']),
		);
		expect(answer.status).toBe(401);
		expect(answer.json?.ErrorInfo).toBe(
			"RequestTime is more than 60 s away from this server's clock: a replay, or a clock to set right",
		);
		expect(calls[0].workflowData).toBeUndefined();
	});

	test("another app's callback gets 401 and starts nothing", async () => {
		const query = { ...signedQuery(AFTER_ADD, now()), SdkAppid: '1400000002' };
		const { answer, calls } = await send(trigger, query, subscriberBody(AFTER_ADD, ['a']));
		expect(answer.status).toBe(401);
		expect(answer.json?.ErrorInfo).toBe(
			"SdkAppid is not this trigger's app: check SDKAppID in the Tencent Chat API credential",
		);
		expect(calls[0].workflowData).toBeUndefined();
	});

	test('a callback without Sign, or with the Sign twice, gets 401', async () => {
		const unsigned = without(signedQuery(AFTER_ADD, now()), 'Sign') as Record<string, string>;
		expect((await send(trigger, unsigned, subscriberBody(AFTER_ADD, ['a']))).answer.status).toBe(
			401,
		);
		const query = signedQuery(AFTER_ADD, now());
		const url = `${trigger.url}?${new URLSearchParams(query)}&Sign=${query.Sign}`;
		const response = await fetch(url, {
			method: 'POST',
			body: JSON.stringify(subscriberBody(AFTER_ADD, ['a'])),
			headers: { 'content-type': 'application/json' },
		});
		expect(response.status).toBe(401);
		expect(trigger.calls.at(-1)?.workflowData).toBeUndefined();
	});

	test('a refusal is logged as a warning with its reason, without the token or the Sign', () => {
		const warnings = logs.filter((line) =>
			line.startsWith('warn Tencent Chat Trigger refused a callback (HTTP 401)'),
		);
		expect(warnings.length).toBeGreaterThanOrEqual(5);
		expect(warnings.some((line) => line.includes('Sign does not match'))).toBe(true);
	});

	test('an event not selected is answered OK and starts nothing', async () => {
		const command = 'C2C.CallbackAfterSendMsg';
		const { answer, calls } = await send(trigger, signedQuery(command, now()), {
			CallbackCommand: command,
			From_Account: 'a',
			To_Account: 'b',
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual(OK_ANSWER);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ noWebhookResponse: true, answeredByTrigger: true });
		expect(calls[0].workflowData).toBeUndefined();
	});

	test('malformed bodies get a 400 that says what is wrong, and start nothing', async () => {
		const query = () => signedQuery(AFTER_ADD, now());
		const cases: Array<[string, string, string]> = [
			['', 'application/json', 'The body is empty: Tencent Chat sends a JSON object'],
			['CallbackCommand=x', 'text/plain', 'The body is not JSON: Tencent Chat sends a JSON object'],
			[
				'[{"CallbackCommand":"x"}]',
				'application/json',
				'The body is JSON but an array: Tencent Chat sends a JSON object',
			],
			[
				'{"CallbackCommand":',
				'application/octet-stream',
				'The body is not JSON: Tencent Chat sends a JSON object',
			],
		];
		for (const [body, contentType, reason] of cases) {
			const { answer, calls } = await send(trigger, query(), body, contentType);
			expect([answer.status, answer.json?.ErrorInfo]).toEqual([400, reason]);
			expect(calls[0].workflowData).toBeUndefined();
		}
	});

	test('a callback whose command is in neither the query nor the body gets 400', async () => {
		const query = without(signedQuery(AFTER_ADD, now()), 'CallbackCommand') as Record<
			string,
			string
		>;
		const { answer, calls } = await send(trigger, query, { Official_Account: '@TOA#_news' });
		expect([answer.status, answer.json?.ErrorInfo]).toEqual([
			400,
			'CallbackCommand is missing from the query and the body',
		]);
		expect(calls[0].workflowData).toBeUndefined();
	});

	test('a body over 1 MiB gets 413 and starts nothing', async () => {
		const body = JSON.stringify({
			...subscriberBody(AFTER_ADD, ['a']),
			Pad: 'x'.repeat(1024 * 1024),
		});
		const { answer, calls } = await send(trigger, signedQuery(AFTER_ADD, now()), body);
		expect(answer.status).toBe(413);
		expect(calls[0].workflowData).toBeUndefined();
	});

	test('broken JSON sent as application/json is answered 422 by n8n before the trigger runs', async () => {
		const { answer, calls } = await send(
			trigger,
			signedQuery(AFTER_ADD, now()),
			'{"CallbackCommand":',
			'application/json',
		);
		expect(answer.status).toBe(422);
		expect(calls).toHaveLength(0);
	});
});

describe('Tencent Chat Trigger without a callback token', () => {
	const trigger = harness({ events: ['*'], respond: 'onReceived' }, triggerCredentials(''));

	test("accepts a callback of the app that carries no Sign, its time from the body's EventTime", async () => {
		const query = without(signedQuery('State.StateChange', now()), 'RequestTime', 'Sign') as Record<
			string,
			string
		>;
		const body = {
			CallbackCommand: 'State.StateChange',
			Info: { Action: 'Login', To_Account: 'u1', Reason: 'Register' },
			EventTime: 1,
		};
		const { answer, calls } = await send(trigger, query, body);
		expect(answer.json).toEqual(OK_ANSWER);
		expect(calls[0].workflowData?.[0][0].json).toEqual({
			event: 'State.StateChange',
			eventTime: '1970-01-01T00:00:00.001Z',
			sdkAppId: 1400000001,
			clientIp: '203.0.113.9',
			optPlatform: 'RESTAPI',
			body,
		});
	});

	test("still refuses another app's callback", async () => {
		const query = { SdkAppid: '1400000009', CallbackCommand: 'State.StateChange' };
		expect(
			(await send(trigger, query, { CallbackCommand: 'State.StateChange' })).answer.status,
		).toBe(401);
	});
});

describe('Tencent Chat Trigger answering through Respond to Webhook', () => {
	// As a Respond to Webhook node would: refuse the subscribers whose ID starts with "spam".
	const trigger = harness(
		{ events: [BEFORE_ADD], respond: 'responseNode' },
		triggerCredentials(),
		(call) => {
			const list = (call.workflowData?.[0][0].json.body as { SubscribeAccountList: unknown })
				.SubscribeAccountList as Array<{ Subscriber_Account: string }>;
			const refused = list
				.map((entry) => entry.Subscriber_Account)
				.filter((id) => id.startsWith('spam'));
			return { status: 200, body: { ...OK_ANSWER, RefusedSubscribers_Account: refused } };
		},
	);

	test('a selected "before" callback is left for the workflow to answer', async () => {
		const { answer, calls } = await send(
			trigger,
			signedQuery(BEFORE_ADD, now()),
			subscriberBody(BEFORE_ADD, ['ok1', 'spam7', 'ok2']),
		);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ answeredByTrigger: false, responseMode: 'responseNode' });
		expect(calls[0].noWebhookResponse).toBeUndefined();
		expect(calls[0].workflowData?.[0][0].json.event).toBe(BEFORE_ADD);
		expect(answer.json).toEqual({ ...OK_ANSWER, RefusedSubscribers_Account: ['spam7'] });
	});

	test('an unselected event and a refusal are still answered by the trigger itself', async () => {
		const unselected = await send(
			trigger,
			signedQuery(AFTER_ADD, now()),
			subscriberBody(AFTER_ADD, ['x']),
		);
		expect(unselected.answer.json).toEqual(OK_ANSWER);
		expect(unselected.calls[0]).toMatchObject({ noWebhookResponse: true, answeredByTrigger: true });
		const refused = await send(
			trigger,
			signedQuery(BEFORE_ADD, now(), 'wrong'),
			subscriberBody(BEFORE_ADD, ['x']),
		);
		expect(refused.answer.status).toBe(401);
		expect(refused.calls[0]).toMatchObject({ noWebhookResponse: true, answeredByTrigger: true });
	});
});
