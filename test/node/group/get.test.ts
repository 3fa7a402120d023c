import { afterAll, describe, expect, test } from '@jest/globals';

import {
	forgetGroupListings,
	searchGroups,
} from '../../../nodes/TencentChat/actions/group/searchGroups';
import { loadOptionsContext } from '../../helpers/engine';
import { credentialsFor } from '../../helpers/fixtures';
import { HeldCalls } from '../../helpers/heldCalls';
import { useFakeServer } from '../../helpers/useFakeServer';
import { byId, groupApp, groupRunner } from './groupApp';

const server = useFakeServer(() => groupApp());
const get = groupRunner(server, 'get');

describe('Group → Get in the n8n engine', () => {
	test('one item per group, 50 groups a call across items, with ISO times and null for never', async () => {
		const items = [{ group: 'team' }, ...Array.from({ length: 60 }, () => ({ group: 'lobby' }))];
		const { output, error } = await get(items, { groupId: byId('={{ $json.group }}') });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(61);
		expect(output[0].json).toEqual({
			group: 'team',
			found: true,
			type: 'Work',
			name: 'Team',
			owner: 'owner',
			introduction: '',
			notification: '',
			faceUrl: '',
			memberCount: 3,
			maxMembers: 200,
			joinOption: 'NeedPermission',
			muteAll: false,
			createTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			lastInfoTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			lastMsgTime: null,
			infoSeq: 1,
			nextMsgSeq: 1,
		});
		expect(output[0].pairedItem).toEqual({ item: 0 });
		// Two distinct groups: one call.
		expect(server.stats.calls.get_group_info).toBe(1);
	});

	test('Fields picks what Tencent returns; a group that does not exist fails with its own code, alone', async () => {
		const { output, errorOutput } = await get(
			[{ group: 'lobby' }, { group: 'gone' }],
			{ groupId: byId('={{ $json.group }}') },
			{ fields: ['Name', 'MemberNum'] },
			{ onError: 'continueErrorOutput' },
		);
		expect(output.map((item) => item.json)).toEqual([
			{ group: 'lobby', found: true, name: 'Lobby', memberCount: 2 },
		]);
		expect(errorOutput[0].json).toMatchObject({
			details: {
				group: 'gone',
				found: false,
				status: 'failed',
				errorCode: 10010,
				errorInfo: expect.stringContaining('does not exist or was dissolved'),
			},
		});
	});

	test('a group that does not exist stops the node under "Stop Workflow", naming it', async () => {
		const { error } = await get([{ group: 'gone' }], { groupId: byId('={{ $json.group }}') });
		expect(error?.message).toContain('"gone"');
	});
});

describe('the Group locator', () => {
	afterAll(() => forgetGroupListings());
	const context = () =>
		loadOptionsContext(
			{ resource: 'group', operation: 'get', groupId: { __rl: true, mode: 'list', value: '' } },
			credentialsFor(server),
		);

	test("lists the app's groups with their names, and searches by name or ID", async () => {
		await forgetGroupListings();
		const all = await searchGroups.call(context());
		expect(all.results).toEqual([
			{ name: 'Team (team)', value: 'team' },
			{ name: 'Lobby (lobby)', value: 'lobby' },
			{ name: 'Live (live)', value: 'live' },
			{ name: 'Course (@TGS#_course)', value: '@TGS#_course' },
		]);
		expect(all.paginationToken).toBeUndefined();
		expect((await searchGroups.call(context(), 'COURSE')).results).toEqual([
			{ name: 'Course (@TGS#_course)', value: '@TGS#_course' },
		]);
		// The listing is kept for a minute: a second search asks Tencent nothing.
		expect(server.stats.calls.get_appid_group_list).toBe(1);
	});

	test('a large app says it is still loading, and pages what is listed', async () => {
		await forgetGroupListings();
		const groups = Object.fromEntries(
			Array.from({ length: 25_000 }, (_, i) => [
				`g${i}`,
				{ type: 'Public' as const, name: `Store ${i}` },
			]),
		);
		server.addApp(groupApp(groups, ['owner']));
		// The listing's second page waits until the test lets it go: its first 10,000 IDs are listed
		// and named before the loading asks for the second page, however slow the machine.
		const gate = new HeldCalls(server.url);
		await gate.start();
		gate.hold('/v4/group_open_http_svc/get_appid_group_list', 1);
		const throughGate = () =>
			loadOptionsContext(
				{ resource: 'group', operation: 'get', groupId: { __rl: true, mode: 'list', value: '' } },
				credentialsFor(server, { baseUrl: gate.url }),
			);

		const starting = await searchGroups.call(throughGate());
		expect(starting.results[0]).toEqual({
			name: expect.stringMatching(/^Still loading: /),
			value: '',
		});
		await gate.holding;
		const first = await searchGroups.call(throughGate());
		expect(first.results[0]).toEqual({
			name: 'Still loading: 10,000 of 25,004 groups listed so far; search again in a moment for the rest',
			value: '',
		});
		expect(first.results).toHaveLength(101);
		expect(first.results[1]).toEqual({ name: 'Team (team)', value: 'team' });
		expect(first.paginationToken).toBe('100');

		gate.release();
		// Each search waits for the loading a moment: searched again until it no longer says so.
		let later = await searchGroups.call(throughGate(), 'Store 24999');
		while (later.results[0]?.value === '')
			later = await searchGroups.call(throughGate(), 'Store 24999');
		expect(later.results).toEqual([{ name: 'Store 24999 (g24999)', value: 'g24999' }]);
		expect(later.paginationToken).toBeUndefined();
		await forgetGroupListings();
		await gate.stop();
	});
});
