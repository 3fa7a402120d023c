import { describe, expect, test } from '@jest/globals';

import { scriptedAnswer } from '../../helpers/fixtures';
import { useFakeServer } from '../../helpers/useFakeServer';
import { byId, groupApp, groupRunner, USERS } from './groupApp';

// Get Members, Get Many, Get Joined Groups: pages until the cursor ends or the Limit is reached.

const server = useFakeServer(() =>
	groupApp({
		big: {
			type: 'Public',
			owner: 'owner',
			members: USERS.slice(0, 250),
			admins: ['agent'],
			maxMembers: 2_000,
		},
		'@TGS#_school': { type: 'Community', owner: 'owner', members: USERS.slice(0, 230) },
	}),
);
const GROUP = { groupId: byId('={{ $json.group }}') };

describe('Group → Get Members in the n8n engine', () => {
	test('Return All pages a group by Offset, 100 a call, one item per member', async () => {
		const { output, error } = await groupRunner(server, 'getMembers')([{ group: 'big' }], {
			...GROUP,
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(252);
		expect(output[0].json).toEqual({
			group: 'big',
			member: 'owner',
			role: 'Owner',
			joinTime: expect.stringMatching(/^\d{4}-/),
			nameCard: '',
			msgFlag: 'AcceptAndNotify',
			mutedUntil: null,
			lastSendMsgTime: null,
			customData: {},
		});
		expect(server.stats.calls.get_group_member_info).toBe(3);
	});

	test('a Community pages by the Next its answers carry', async () => {
		const { output } = await groupRunner(server, 'getMembers')([{ group: '@TGS#_school' }], {
			...GROUP,
			returnAll: true,
		});
		expect(output.map((item) => item.json.member)).toEqual(['owner', ...USERS.slice(0, 230)]);
		expect(server.stats.calls.get_group_member_info).toBe(3);
	});

	test('Limit stops at that many; Roles filters', async () => {
		const limited = await groupRunner(server, 'getMembers')([{ group: 'big' }], {
			...GROUP,
			returnAll: false,
			limit: 5,
		});
		expect(limited.output).toHaveLength(5);
		const admins = await groupRunner(server, 'getMembers')(
			[{ group: 'big' }],
			{ ...GROUP, returnAll: true },
			{ roles: ['Owner', 'Admin'] },
		);
		expect(admins.output.map((item) => [item.json.member, item.json.role])).toEqual([
			['owner', 'Owner'],
			['agent', 'Admin'],
		]);
	});

	test('an AVChatRoom is refused naming its type', async () => {
		const { error } = await groupRunner(server, 'getMembers')([{ group: 'live' }], {
			...GROUP,
			returnAll: true,
		});
		expect(error?.message).toContain('live is an AVChatRoom group: members cannot be listed');
	});

	test('a Limit of 0 from an expression is refused before any call', async () => {
		const { error } = await groupRunner(server, 'getMembers')([{ group: 'big' }], {
			...GROUP,
			returnAll: false,
			limit: '={{ 0 }}',
		});
		expect(error?.message).toContain('Limit must be a whole number');
		expect(server.stats.requests).toBe(0);
	});
});

describe('Group → Get Many in the n8n engine', () => {
	test("lists the app's groups; a type filter and profiles on request", async () => {
		const all = await groupRunner(server, 'getMany')([{}], { returnAll: true });
		expect(all.output.map((item) => item.json.group)).toEqual([
			'team',
			'lobby',
			'live',
			'@TGS#_course',
			'big',
			'@TGS#_school',
		]);
		const communities = await groupRunner(server, 'getMany')(
			[{}],
			{ returnAll: true, filters: { groupType: 'Community' } },
			{ includeProfile: true },
		);
		expect(
			communities.output.map((item) => [
				item.json.group,
				item.json.type,
				item.json.name,
				item.json.memberCount,
			]),
		).toEqual([
			['@TGS#_course', 'Community', 'Course', 1],
			['@TGS#_school', 'Community', '@TGS#_school', 231],
		]);
	});

	test("a listed group whose profile Tencent refuses says Tencent's code and what it means", async () => {
		server.script(
			scriptedAnswer({ GroupIdList: [{ GroupId: 'team' }, { GroupId: 'gone' }], Next: 0 }),
			scriptedAnswer({
				GroupInfo: [
					{ GroupId: 'team', ErrorCode: 0, Type: 'Private', Name: 'Team' },
					{ GroupId: 'gone', ErrorCode: 10010, ErrorInfo: 'group id invalid' },
				],
			}),
		);
		const { output } = await groupRunner(server, 'getMany')(
			[{}],
			{ returnAll: true },
			{ includeProfile: true },
		);
		expect(output.map((item) => item.json)).toEqual([
			expect.objectContaining({ group: 'team', type: 'Work', name: 'Team' }),
			{ group: 'gone', errorCode: 10010, errorInfo: expect.stringMatching(/\S/) },
		]);
	});

	test('pages by the 64-bit Next, one call a second', async () => {
		const startedAt = performance.now();
		const { output } = await groupRunner(server, 'getMany')([{}], { returnAll: false, limit: 5 });
		expect(output).toHaveLength(5);
		expect(server.stats.calls.get_appid_group_list).toBe(1);
		const more = await groupRunner(server, 'getMany')([{}, {}], { returnAll: false, limit: 6 });
		expect(more.output).toHaveLength(12);
		expect(server.stats.rateLimited).toBe(0);
		// A lower bound only: three calls cannot have gone in under two seconds.
		expect(performance.now() - startedAt).toBeGreaterThanOrEqual(1_900);
	});
});

describe('Group → Get Joined Groups in the n8n engine', () => {
	test("lists a user's groups with their role in each", async () => {
		const { output } = await groupRunner(server, 'getJoinedGroups')([{ user: 'u0' }], {
			memberId: '={{ $json.user }}',
			returnAll: true,
		});
		expect(output.map((item) => [item.json.group, item.json.type, item.json.role])).toEqual([
			['team', 'Work', 'Member'],
			['lobby', 'Public', 'Member'],
			['big', 'Public', 'Member'],
			['@TGS#_school', 'Community', 'Member'],
		]);
		expect(output[0].json).toMatchObject({
			member: 'u0',
			name: 'Team',
			owner: 'owner',
			memberCount: 3,
			joinTime: expect.stringMatching(/^\d{4}-/),
			mutedUntil: null,
			lastMsgTime: null,
		});
	});

	test('a type filter and a Limit', async () => {
		const { output } = await groupRunner(server, 'getJoinedGroups')([{}], {
			memberId: 'owner',
			returnAll: false,
			limit: 2,
			filters: { groupType: 'Public' },
		});
		expect(output.map((item) => item.json.group)).toEqual(['lobby', 'big']);
	});
});
