// What tests read of an app's state: each module's inspections, through `server.inspect` in the
// process and `/_fake/inspect` (the control client) from another, found by name across modules.

import { beforeEach, describe, expect, test } from '@jest/globals';

import { FakeServerControl } from '../fake-tencent/control';
import { NotFound } from '../fake-tencent/controlEndpoints';
import {
	createStates,
	INSPECTION_NAMES,
	inspectionRouteOf,
	inspectionRoutes,
	SERVICE_MODULES,
} from '../fake-tencent/services';
import { defineService } from '../fake-tencent/services/service';
import type { FakeApp } from '../fake-tencent/config';
import { APP, call, useServer } from './signedCall';

const server = useServer();
const SETUP: FakeApp = {
	...APP,
	// A fixed creation time: the state made again for the comparison is the server's to the second.
	officialAccounts: {
		'@TOA#_news': { subscribers: ['ann', 'bob'], messages: ['Hello'], createTime: 1_700_000_000 },
	},
	accounts: ['ann', 'bob'],
	groups: { team: { type: 'Work', name: 'Team', owner: 'ann', members: ['bob'] } },
};
beforeEach(() => server.addApp(SETUP));

async function inspectOverHttp(body: object): Promise<{ status: number; json: unknown }> {
	const response = await fetch(`${server.url}/_fake/inspect`, {
		method: 'POST',
		body: JSON.stringify(body),
	});
	return { status: response.status, json: await response.json() };
}

describe('an inspection', () => {
	test("reads the same through the server, through /_fake/inspect and on the module's state made from the same setup", async () => {
		await call(server, 'openim/sendmsg', {
			To_Account: 'ann',
			MsgRandom: 7,
			MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Hi' } }],
		});
		const control = new FakeServerControl(server.url);
		const states = createStates(SETUP);
		const onState = (name: string, ...args: unknown[]) => {
			const route = inspectionRouteOf(name);
			return route?.inspect(states.get(route.module) as never, ...(args as never[]));
		};

		expect(server.inspect('subscribers', APP.sdkAppId, '@TOA#_news')).toEqual(['ann', 'bob']);
		expect(await control.inspect('subscribers', APP.sdkAppId, '@TOA#_news')).toEqual([
			'ann',
			'bob',
		]);
		const group = server.inspect('group', APP.sdkAppId, 'team');
		expect(group).toMatchObject({ exists: true, owner: 'ann' });
		expect(await control.inspect('group', APP.sdkAppId, 'team')).toEqual(group);
		expect(onState('group', 'team')).toEqual(group);
		const account = server.inspect('officialAccount', APP.sdkAppId, '@TOA#_news');
		expect(await control.inspect('officialAccount', APP.sdkAppId, '@TOA#_news')).toEqual(account);
		expect(onState('officialAccount', '@TOA#_news')).toEqual(account);
		const mailbox = server.inspect('mailbox', APP.sdkAppId, 'ann');
		expect(mailbox.map((message) => message.msgRandom)).toEqual([7]);
		expect(await control.inspect('mailbox', APP.sdkAppId, 'ann')).toEqual(mailbox);
	});

	test('answers null, not undefined, for what does not exist, in the process and over HTTP', async () => {
		const control = new FakeServerControl(server.url);

		expect(server.inspect('account', APP.sdkAppId, 'ghost')).toBeNull();
		expect(await control.inspect('account', APP.sdkAppId, 'ghost')).toBeNull();
		expect(server.inspect('profile', APP.sdkAppId, 'ghost')).toBeNull();
		expect(
			await inspectOverHttp({ inspection: 'profile', sdkAppId: APP.sdkAppId, args: ['ghost'] }),
		).toEqual({ status: 200, json: { result: null } });
	});

	test('that sets a state sets it for the next call, through the control client too', async () => {
		await new FakeServerControl(server.url).inspect('setPresence', APP.sdkAppId, 'bob', {
			state: 'PushOnline',
		});
		const { json } = await call(server, 'openim/query_online_status', { To_Account: ['bob'] });

		expect(json?.QueryResult).toEqual([{ To_Account: 'bob', Status: 'PushOnline' }]);
	});
});

describe('a refused inspection', () => {
	test('a name no module declares is a compile error, NotFound in the process, and 404 naming the ones there are', async () => {
		// @ts-expect-error: no module declares "subscriber".
		expect(() => server.inspect('subscriber', APP.sdkAppId, '@TOA#_news')).toThrow(NotFound);
		const { status, json } = await inspectOverHttp({
			inspection: 'subscriber',
			sdkAppId: APP.sdkAppId,
			args: ['@TOA#_news'],
		});

		expect(status).toBe(404);
		expect((json as { error: string }).error).toBe(
			`the fake server has no inspection "subscriber"; its modules declare ${INSPECTION_NAMES.join(', ')}`,
		);
		await expect(
			// @ts-expect-error: the control client takes the same names.
			new FakeServerControl(server.url).inspect('subscriber', APP.sdkAppId, '@TOA#_news'),
		).rejects.toThrow(/HTTP 404/);
	});

	test('arguments of the wrong type do not compile', () => {
		// @ts-expect-error: a group's ID is a string.
		expect(server.inspect('group', APP.sdkAppId, 42)).toMatchObject({ exists: false });
		// @ts-expect-error: a conversation is of two users.
		expect(server.inspect('conversation', APP.sdkAppId, 'ann')).toEqual([]);
	});

	test('an app the server does not have is NotFound, and 404 over HTTP', async () => {
		expect(() => server.inspect('group', 1400000999, 'team')).toThrow(
			'the fake server has no app 1400000999',
		);
		expect(
			await inspectOverHttp({ inspection: 'group', sdkAppId: 1400000999, args: ['team'] }),
		).toEqual({ status: 404, json: { error: 'the fake server has no app 1400000999' } });
	});

	test('a body without a name or with arguments that are not a list is 400', async () => {
		expect(await inspectOverHttp({ sdkAppId: APP.sdkAppId, args: [] })).toMatchObject({
			status: 400,
		});
		expect(
			await inspectOverHttp({ inspection: 'group', sdkAppId: APP.sdkAppId, args: 'team' }),
		).toEqual({ status: 400, json: { error: 'args must be a list' } });
	});
});

describe('the inspections of the modules', () => {
	test('are found by name in the module that declares them', () => {
		for (const name of INSPECTION_NAMES) {
			const route = inspectionRouteOf(name);

			expect(route && SERVICE_MODULES.includes(route.module)).toBe(true);
			expect(route?.module.inspections?.[name]).toBe(route?.inspect);
		}
	});

	test('may not share a name: two modules that declare the same one are refused', () => {
		const module = (answer: string) =>
			defineService<null, never, object, { same: () => string; own: () => string }>({
				createState: () => null,
				commands: {},
				inspections: { same: () => answer, own: () => answer },
			});

		expect(() =>
			inspectionRoutes([
				{ resource: 'first', module: module('a') },
				{ resource: 'second', module: module('b') },
			]),
		).toThrow("the fake's first and second modules both declare the inspection same");
		expect([...inspectionRoutes([{ resource: 'first', module: module('a') }]).keys()]).toEqual([
			'same',
			'own',
		]);
	});
});
