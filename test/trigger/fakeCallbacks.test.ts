import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer } from 'node:http';
import type { IDataObject } from 'n8n-workflow';

import { OK_ANSWER } from '../../nodes/TencentChatTrigger/TencentChatTrigger.node';
import { callbackSign, CallbackSender } from '../fake-tencent/callbacks';
import { capture } from '../helpers/capture';
import { ADD_SUBSCRIBERS_FIELDS, ADMIN, fakeApp, SDK_APP_ID } from '../helpers/fixtures';
import { runOperation } from '../helpers/runOperation';
import { TriggerHarness } from '../helpers/triggerHarness';
import { useFakeServer } from '../helpers/useFakeServer';
import {
	AFTER_ADD,
	CALLBACK_TOKEN,
	expectNoTokenOrSign,
	signsSent,
	triggerCredentials,
} from './fixtures';

const NEWS = '@TOA#_news';
const DEALS = '@TOA#_deals';

const server = useFakeServer();
const trigger = new TriggerHarness({
	parameters: { events: ['OfficialAccount.*'], respond: 'onReceived' },
	credentials: triggerCredentials(),
});
beforeAll(async () => {
	await trigger.start();
	server.addApp(fakeApp({ [NEWS]: { subscribers: ['old1'] }, [DEALS]: {} }));
	server.callbacks.configure(SDK_APP_ID, { url: trigger.url, token: CALLBACK_TOKEN });
});
afterAll(() => trigger.stop());
afterAll(() => expectNoTokenOrSign([JSON.stringify(server.callbacks.deliveries)]));

const itemsOf = (calls: TriggerHarness['calls']) =>
	calls.flatMap((call) => call.workflowData?.[0].map((item) => item.json) ?? []);

describe('the fake server calls the trigger back, signed as Tencent does', () => {
	test('add_subscriber sends one AfterAddSubscriber per call, naming only the subscribers it added', async () => {
		const before = trigger.calls.length;
		const items = [
			{ officialAccount: NEWS, subscribers: ['old1', 'new1', 'new2'] },
			{ officialAccount: DEALS, subscribers: ['d1'] },
			{ officialAccount: NEWS, subscribers: ['new1'] },
		];
		const { output, error } = await runOperation(
			'officialAccount',
			'addSubscribers',
			ADD_SUBSCRIBERS_FIELDS,
			items,
			{ server },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.status)).toEqual([
			'alreadySubscribed',
			'added',
			'added',
			'added',
			'added',
		]);

		const deliveries = await server.callbacks.settled();
		expect(
			deliveries.map((delivery) => [
				delivery.command,
				delivery.status,
				JSON.parse(delivery.answer),
			]),
		).toEqual([
			[AFTER_ADD, 200, OK_ANSWER],
			[AFTER_ADD, 200, OK_ANSWER],
		]);
		const received = itemsOf(trigger.calls.slice(before)).sort((a, b) =>
			String((a.body as IDataObject).Official_Account).localeCompare(
				String((b.body as IDataObject).Official_Account),
			),
		);
		capture(JSON.stringify(received));
		expect(received).toHaveLength(2);
		expect(received[0]).toMatchObject({
			event: AFTER_ADD,
			sdkAppId: SDK_APP_ID,
			clientIp: '127.0.0.1',
			optPlatform: 'RESTAPI',
			body: {
				CallbackCommand: AFTER_ADD,
				Official_Account: DEALS,
				Operator_Account: ADMIN,
				SubscribeAccountList: [{ Subscriber_Account: 'd1' }],
			},
		});
		expect(received[1]).toMatchObject({
			body: {
				Official_Account: NEWS,
				SubscribeAccountList: [{ Subscriber_Account: 'new1' }, { Subscriber_Account: 'new2' }],
			},
		});
		for (const item of received) {
			const eventTime = (item.body as IDataObject).EventTime;
			expect(typeof eventTime).toBe('number');
			expect(item.eventTime).toBe(new Date(eventTime as number).toISOString());
		}
	});

	test('a call that adds nobody sends no callback', async () => {
		const before = server.callbacks.deliveries.length;
		await runOperation(
			'officialAccount',
			'addSubscribers',
			ADD_SUBSCRIBERS_FIELDS,
			[{ officialAccount: NEWS, subscribers: ['old1', 'new1'] }],
			{ server },
		);
		await server.callbacks.settled();
		expect(server.callbacks.deliveries.length).toBe(before);
	});

	test('through its control endpoints: a tampered Sign, a stale time and another app are refused, an unselected event is taken', async () => {
		const control = async (path: string, body: object) =>
			(await (
				await fetch(`${server.url}/_fake/callbacks${path}`, {
					method: 'POST',
					body: JSON.stringify(body),
				})
			).json()) as Record<string, unknown>;
		const body = {
			CallbackCommand: AFTER_ADD,
			Official_Account: NEWS,
			SubscribeAccountList: [{ Subscriber_Account: 'x' }],
			EventTime: 1,
		};
		const before = trigger.calls.length;
		const already = server.callbacks.deliveries.length;

		expect(
			await control('', { sdkAppId: SDK_APP_ID, url: trigger.url, token: CALLBACK_TOKEN }),
		).toEqual({ ok: true });
		await control('/emit', {
			sdkAppId: SDK_APP_ID,
			command: AFTER_ADD,
			body,
			tampering: { query: { Sign: 'f'.repeat(64) } },
		});
		await control('/emit', {
			sdkAppId: SDK_APP_ID,
			command: AFTER_ADD,
			body,
			tampering: { requestTimeOffsetSeconds: -120 },
		});
		await control('/emit', {
			sdkAppId: SDK_APP_ID,
			command: AFTER_ADD,
			body,
			tampering: { query: { SdkAppid: '1400000077' } },
		});
		await control('/emit', {
			sdkAppId: SDK_APP_ID,
			command: 'State.StateChange',
			body: { CallbackCommand: 'State.StateChange' },
		});
		const { deliveries } = (await control('/settled', {})) as {
			deliveries: Array<{ command: string; status: number }>;
		};

		expect(
			deliveries
				.slice(already)
				.map((delivery) => delivery.status)
				.sort(),
		).toEqual([200, 401, 401, 401]);
		expect(deliveries.slice(already).find((delivery) => delivery.status === 200)?.command).toBe(
			'State.StateChange',
		);
		expect(itemsOf(trigger.calls.slice(before))).toEqual([]);
		expect(await control('/emit', { sdkAppId: 1400000099, command: AFTER_ADD, body })).toEqual({
			error: 'no callback URL for app 1400000099',
		});
	});
});

describe('CallbackSender', () => {
	test("signs Tencent's example as Tencent does", () => {
		expect(callbackSign('xxxxyyyy', 1669872112)).toBe(
			'17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
		);
	});

	test('sends RequestTime from its clock, and no Sign or RequestTime without a token', async () => {
		const queries: URLSearchParams[] = [];
		const receiver = createServer((request, response) => {
			queries.push(new URL(request.url ?? '/', 'http://x').searchParams);
			request.resume().on('end', () => response.end('{}'));
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook?keep=1`;
		const sender = new CallbackSender(() => 1669872112_999);
		sender.configure(1, { url, token: 'xxxxyyyy' });
		sender.configure(2, { url });
		sender.emit(1, 'State.StateChange', {});
		sender.emit(2, 'State.StateChange', {});
		await sender.settled();
		receiver.close();
		signsSent.add('17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061');

		const bySdkAppId = Object.fromEntries(
			queries.map((query) => [query.get('SdkAppid'), Object.fromEntries(query)]),
		);
		expect(bySdkAppId['1']).toEqual({
			keep: '1',
			SdkAppid: '1',
			CallbackCommand: 'State.StateChange',
			contenttype: 'json',
			ClientIP: '127.0.0.1',
			OptPlatform: 'RESTAPI',
			RequestTime: '1669872112',
			Sign: '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
		});
		expect(bySdkAppId['2']).toEqual({
			keep: '1',
			SdkAppid: '2',
			CallbackCommand: 'State.StateChange',
			contenttype: 'json',
			ClientIP: '127.0.0.1',
			OptPlatform: 'RESTAPI',
		});
	});
});
