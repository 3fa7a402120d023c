import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { fakeApp, SDK_APP_ID } from '../helpers/fixtures';
import { runOperation } from '../helpers/runOperation';
import { TriggerHarness } from '../helpers/triggerHarness';
import { useFakeServer } from '../helpers/useFakeServer';
import { CALLBACK_TOKEN, expectNoTokenOrSign, triggerCredentials } from './fixtures';

// A Group chain through the node, and the callbacks the fake server sends for it reaching the
// trigger, signed: After Create Group, After New Member Joined, After Send Message, After Member
// Left, After Group Destroyed.

const server = useFakeServer();
const trigger = new TriggerHarness({
	parameters: { events: ['Group.*'], respond: 'onReceived' },
	credentials: triggerCredentials(),
});
beforeAll(async () => {
	await trigger.start();
	server.addApp(fakeApp({}, ['owner', 'u1', 'u2']));
	server.callbacks.configure(SDK_APP_ID, { url: trigger.url, token: CALLBACK_TOKEN });
});
afterAll(() => trigger.stop());
afterAll(() => expectNoTokenOrSign([JSON.stringify(server.callbacks.deliveries)]));

const group = { __rl: true, mode: 'id', value: 'deal_7' };
const step = (operation: string, fields: object) =>
	runOperation('group', operation, { groupId: group, ...fields }, [{}], { server });

describe('group callbacks start the trigger', () => {
	test('create, add, send, remove and delete each start it once, with the group named', async () => {
		for (const [operation, fields] of [
			[
				'create',
				{
					groupType: 'Public',
					name: 'Deal 7',
					additionalFields: { ownerId: 'owner', customGroupId: 'deal_7' },
				},
			],
			['addMembers', { memberIds: 'u1, u2' }],
			['sendMessage', { messageType: 'text', text: 'Welcome' }],
			['removeMembers', { memberIds: 'u2' }],
			['delete', {}],
		] as const) {
			const { error } = await step(operation, fields);
			expect({ operation, error }).toEqual({ operation, error: undefined });
		}
		await server.callbacks.settled();
		const received = trigger.calls.flatMap(
			(call) => call.workflowData?.[0].map((item) => item.json) ?? [],
		);
		expect(
			received.map((item) => [item.event, (item.body as { GroupId?: string }).GroupId]),
		).toEqual([
			['Group.CallbackAfterCreateGroup', 'deal_7'],
			['Group.CallbackAfterNewMemberJoin', 'deal_7'],
			['Group.CallbackAfterSendMsg', 'deal_7'],
			['Group.CallbackAfterMemberExit', 'deal_7'],
			['Group.CallbackAfterGroupDestroyed', 'deal_7'],
		]);
		expect(received[1]).toMatchObject({
			body: { NewMemberList: [{ Member_Account: 'u1' }, { Member_Account: 'u2' }] },
			sdkAppId: SDK_APP_ID,
		});
		expect(received[2]).toMatchObject({
			body: { MsgSeq: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Welcome' } }] },
		});
	});
});
