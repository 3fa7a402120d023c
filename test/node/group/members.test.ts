import { describe, expect, test } from '@jest/globals';

import { SDK_APP_ID } from '../../helpers/fixtures';
import { useFakeServer } from '../../helpers/useFakeServer';
import { byId, groupApp, groupRunner, USERS } from './groupApp';

// Add Members and Remove Members: bulk by group, one output item per member asked for.

const server = useFakeServer(() =>
	groupApp({
		ask: { type: 'Public', owner: 'owner', inviteNeedsApproval: true },
		small: { type: 'Public', owner: 'owner', maxMembers: 3 },
	}),
);
const add = groupRunner(server, 'addMembers');
const remove = groupRunner(server, 'removeMembers');
const FIELDS = { groupId: byId('={{ $json.group }}'), memberIds: '={{ $json.members }}' };
const members = (group: string) =>
	Object.keys(server.inspect('group', SDK_APP_ID, group).members as object);

describe('Group → Add Members in the n8n engine', () => {
	test('adds, says who was a member already, and gives each asked-for member one paired item', async () => {
		const { output, error } = await add(
			[
				{ group: 'team', members: 'u0, u5' },
				{ group: 'lobby', members: ['u6'] },
				{ group: 'team', members: 'u5' },
			],
			FIELDS,
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ group: 'team', member: 'u0', status: 'alreadyMember' }, { item: 0 }],
			[{ group: 'team', member: 'u5', status: 'added' }, { item: 0 }],
			[{ group: 'lobby', member: 'u6', status: 'added' }, { item: 1 }],
			[{ group: 'team', member: 'u5', status: 'added' }, { item: 2 }],
		]);
		expect(members('team')).toEqual(['owner', 'u0', 'u1', 'u5']);
		expect(server.stats.calls.add_group_member).toBe(2);
	});

	test('1,000 members from 1,000 items go 300 to a call: four calls', async () => {
		const items = USERS.slice(100, 1_100).map((member) => ({
			group: '@TGS#_course',
			members: member,
		}));
		const { output } = await add(items, FIELDS);
		expect(output.filter((item) => item.json.status === 'added')).toHaveLength(1_000);
		expect(server.stats.calls.add_group_member).toBe(4);
		expect(members('@TGS#_course')).toHaveLength(1_001);
	});

	test('a group whose invitees must approve answers "invited" (Result 3), and no one is added yet', async () => {
		const { output } = await add([{ group: 'ask', members: 'u7' }], FIELDS);
		expect(output[0].json).toEqual({ group: 'ask', member: 'u7', status: 'invited' });
		expect(members('ask')).toEqual(['owner']);
	});

	test('a retry after a call that was carried out says it cannot tell who added the member', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output } = await add([{ group: 'team', members: 'u8, u9' }], FIELDS);
		expect(output.map((item) => [item.json.status, item.json.ambiguous])).toEqual([
			['addedOrAlreadyMember', true],
			['addedOrAlreadyMember', true],
		]);
	});

	test('retries that run out after a call that may have been carried out leave its members unknown', async () => {
		server.setFaults({ resetAfterApply: 1 });
		const { output } = await add(
			[{ group: 'team', members: 'u8' }],
			FIELDS,
			{ maxRetries: 1 },
			{ continueOnFail: true },
		);
		expect(output[0].json).toMatchObject({
			group: 'team',
			member: 'u8',
			status: 'unknown',
			ambiguous: true,
		});
	});

	test.each([
		[
			'an account that is not imported',
			'team',
			'ghost',
			10019,
			'import it first (Account → Import)',
		],
		['a full group', 'small', 'u1, u2, u3', 10014, 'The group is full'],
	])(
		'%s: the members of the call fail with the code and what to do',
		async (_, group, memberIds, code, hint) => {
			const { errorOutput } = await add(
				[{ group, members: memberIds }],
				FIELDS,
				{},
				{ onError: 'continueErrorOutput' },
			);
			expect(errorOutput[0].json).toMatchObject({
				details: { group, status: 'failed', errorCode: code, hint: expect.stringContaining(hint) },
			});
			expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
		},
	);

	test('a user who joined too many groups: 10037, saying so', async () => {
		server.addApp({ ...groupApp(), maxGroupsPerUser: 1 });
		const { output } = await add(
			[{ group: 'lobby', members: 'u1' }],
			FIELDS,
			{},
			{ continueOnFail: true },
		);
		expect(output[0].json).toMatchObject({
			member: 'u1',
			status: 'failed',
			errorCode: 10037,
			hint: expect.stringContaining('joined as many groups as your edition allows'),
		});
		expect(members('lobby')).toEqual(['owner', 'u0']);
	});

	test('an AVChatRoom is refused with a message naming its type, not a bare 10007', async () => {
		const { error } = await add([{ group: 'live', members: 'u1' }], FIELDS);
		expect(error?.message).toContain(
			'live is an AVChatRoom group: members cannot be added: an AVChatRoom keeps no member list',
		);
		expect(error?.message).toContain('10007');
	});

	test('bad input is refused before any call, naming the item and the field', async () => {
		const bad = await add(
			[
				{ group: 'team', members: 'u1' },
				{ group: 'te\u0001am', members: 'u2' },
			],
			FIELDS,
		);
		expect(bad.error?.message).toContain('printable ASCII only');
		expect(bad.error?.itemIndex).toBe(1);
		const long = await add([{ group: 'team', members: 'x'.repeat(33) }], FIELDS);
		expect(long.error?.message).toContain('Member IDs "xxxx');
		const missing = await add([{ members: 'u1' }], FIELDS);
		expect(missing.error?.message).toContain('Group is missing');
		expect(server.stats.requests).toBe(0);
	});

	test('the group from the list mode works as By ID does', async () => {
		const { output } = await add([{ members: 'u3' }], {
			groupId: { __rl: true, mode: 'list', value: 'lobby', cachedResultName: 'Lobby' },
			memberIds: '={{ $json.members }}',
		});
		expect(output[0].json).toEqual({ group: 'lobby', member: 'u3', status: 'added' });
	});
});

describe('Group → Remove Members in the n8n engine', () => {
	test('removes members 100 to a call; a non-member is "removed" as well (Tencent answers OK)', async () => {
		await add(
			USERS.slice(0, 150).map((member) => ({ group: 'lobby', members: member })),
			FIELDS,
		);
		const { output } = await remove(
			[{ group: 'lobby', members: [...USERS.slice(0, 120), 'stranger'] }],
			FIELDS,
			{ reason: 'closed' },
		);
		expect(output).toHaveLength(121);
		expect(new Set(output.map((item) => item.json.status))).toEqual(new Set(['removed']));
		expect(output[120].json).toEqual({ group: 'lobby', member: 'stranger', status: 'removed' });
		expect(server.stats.calls.delete_group_member).toBe(2);
		expect(members('lobby')).toEqual(['owner', ...USERS.slice(120, 150)]);
	});

	test('the owner cannot be removed: the error says so, and the node stops naming what was done', async () => {
		const { error } = await remove([{ group: 'team', members: 'owner' }], FIELDS);
		expect(error?.message).toContain('10004');
		expect(error?.description).toContain('removing a user who is not a member changes nothing');
	});

	test('an AVChatRoom is refused naming its type (Tencent answers 10004 there)', async () => {
		const { output } = await remove(
			[{ group: 'live', members: 'u1' }],
			FIELDS,
			{},
			{ continueOnFail: true },
		);
		expect(output[0].json).toMatchObject({
			status: 'failed',
			errorCode: 10004,
			errorInfo: expect.stringContaining('is an AVChatRoom group: members cannot be removed'),
		});
	});
});
