import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp, SDK_APP_ID, scriptedAnswer } from '../../helpers/fixtures';
import { type OnError, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const ACCOUNTS = Array.from({ length: 1_200 }, (_, i) => `u${i}`);
const server = useFakeServer(() => fakeApp({}, ACCOUNTS));

const run = (items: IDataObject[], options: INodeParameters = {}, onError?: OnError) =>
	runOperation('user', 'getOnlineStatus', { userIds: '={{ $json.id }}' }, items, {
		server,
		options,
		onError,
	});

const answer = (fields: object) => scriptedAnswer(fields);

describe('User → Get Online Status in the n8n engine', () => {
	test('online, reachable by push only, offline and not imported, one item per ID, 500 to a call', async () => {
		server.inspect('setPresence', SDK_APP_ID, 'u1', { state: 'Online' });
		server.inspect('setPresence', SDK_APP_ID, 'u2', { state: 'PushOnline' });
		const items = [...ACCOUNTS.map((id) => ({ id })), { id: 'ghost' }];
		const { output, errorOutput, error } = await runOperation(
			'user',
			'getOnlineStatus',
			{ userIds: '={{ $json.id }}' },
			items,
			{ server, onError: 'continueErrorOutput' },
		);
		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(output).toHaveLength(1_201);
		expect(output.slice(0, 4).map((item) => item.json)).toEqual([
			{ userId: 'u0', status: 'offline' },
			{ userId: 'u1', status: 'online' },
			{ userId: 'u2', status: 'pushOnline' },
			{ userId: 'u3', status: 'offline' },
		]);
		expect([output[1_200].json, output[1_200].pairedItem]).toEqual([
			{ userId: 'ghost', status: 'notImported' },
			{ item: 1_200 },
		]);
		expect(server.stats.calls.query_online_status).toBe(3);
	});

	test('with Include Platforms, each platform the user is on', async () => {
		server.inspect('setPresence', SDK_APP_ID, 'u1', {
			state: 'Online',
			platforms: [
				{ Platform: 'iPhone', Status: 'Online' },
				{ Platform: 'Web', Status: 'PushOnline' },
			],
		});
		const { output } = await run([{ id: 'u1' }, { id: 'u0' }], { includePlatforms: true });
		expect(output.map((item) => item.json)).toEqual([
			{
				userId: 'u1',
				status: 'online',
				platforms: [
					{ platform: 'iPhone', status: 'online' },
					{ platform: 'Web', status: 'pushOnline' },
				],
			},
			{ userId: 'u0', status: 'offline', platforms: [] },
		]);
	});

	test("Tencent's State (its sample) is read as well as Status (its OpenAPI file); a state it adds is unknown, with Tencent's word", async () => {
		server.script(
			answer({
				QueryResult: [
					{ To_Account: 'u1', State: 'Online' },
					{ To_Account: 'u2', Status: 'Away' },
				],
			}),
		);
		const { output } = await run([{ id: 'u1' }, { id: 'u2' }]);
		expect(output.map((item) => item.json)).toEqual([
			{ userId: 'u1', status: 'online' },
			{ userId: 'u2', status: 'unknown', tencentStatus: 'Away' },
		]);
	});

	test('an ID the answer leaves out is asked again; an entry with another code fails on its own item', async () => {
		server.script(
			answer({
				QueryResult: [{ To_Account: 'u1', Status: 'Offline' }],
				ErrorList: [{ To_Account: 'u3', ErrorCode: 90994 }],
			}),
		);
		const { output, errorOutput } = await run(
			[{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }],
			{},
			'continueErrorOutput',
		);
		expect(output.map((item) => item.json)).toEqual([
			{ userId: 'u1', status: 'offline' },
			{ userId: 'u2', status: 'offline' },
		]);
		expect(errorOutput.map((item) => [item.json.details, item.pairedItem])).toEqual([
			[expect.objectContaining({ userId: 'u3', status: 'failed', errorCode: 90994 }), { item: 2 }],
		]);
		expect(server.stats.calls.query_online_status).toBe(2);
	});

	test('a bad ID is refused before any call', async () => {
		const { error } = await run([{ id: 'u1' }, { id: '' }]);
		expect(error?.message).toContain('User IDs is empty');
		expect(server.stats.requests).toBe(0);
	});
});
