import { describe, expect, test } from '@jest/globals';

import { SDK_APP_ID } from '../../helpers/fixtures';
import { useFakeServer } from '../../helpers/useFakeServer';
import { byId, groupApp, groupRunner } from './groupApp';

// Update, Delete, Update Member, Mute Members, Change Owner: what each changes on the server,
// what it answers, and what it refuses before any call.

const server = useFakeServer(() => groupApp());
const GROUP = { groupId: byId('={{ $json.group }}') };
const group = (id: string) =>
	server.inspect('group', SDK_APP_ID, id) as Record<string, unknown> & {
		members: Record<
			string,
			{ role: string; shutUpUntil: number; nameCard: string; customData: object }
		>;
	};

describe('Group → Update in the n8n engine', () => {
	test('changes only the fields given and names them', async () => {
		const { output } = await groupRunner(server, 'update')([{ group: 'lobby' }], {
			...GROUP,
			updateFields: { name: 'Front desk', muteAll: true, maxMembers: 500 },
		});
		expect(output[0].json).toEqual({
			group: 'lobby',
			status: 'updated',
			updatedFields: ['name', 'maxMembers', 'muteAll'],
		});
		expect(group('lobby')).toMatchObject({
			name: 'Front desk',
			muteAll: true,
			maxMembers: 500,
			introduction: '',
		});
	});

	test('nothing to change, or a notification over 300 bytes, is refused before any call', async () => {
		const run = groupRunner(server, 'update');
		expect(
			(await run([{ group: 'lobby' }], { ...GROUP, updateFields: {} })).error?.message,
		).toContain('Update Fields is empty');
		expect(
			(
				await run([{ group: 'lobby' }], {
					...GROUP,
					updateFields: { notification: 'x'.repeat(301) },
				})
			).error?.message,
		).toContain('Notification is 301 bytes long');
		expect(server.stats.requests).toBe(0);
	});
});

describe('Group → Delete in the n8n engine', () => {
	test('dissolves the group; a group that is gone fails with 10010, saying to check the ID', async () => {
		const run = groupRunner(server, 'delete');
		const { output } = await run(
			[{ group: 'team' }, { group: 'team' }],
			GROUP,
			{ maxConcurrency: 1 },
			{ continueOnFail: true },
		);
		expect(output[0].json).toEqual({ group: 'team', status: 'deleted' });
		expect(output[1].json).toMatchObject({
			group: 'team',
			status: 'failed',
			errorCode: 10010,
			hint: expect.stringContaining('check the group ID'),
		});
		expect(group('team')).toMatchObject({ exists: false, destroyed: true });
	});

	test('a retry after an attempt that was carried out: deleted, ambiguous', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output } = await groupRunner(server, 'delete')([{ group: 'lobby' }], GROUP);
		expect(output[0].json).toEqual({ group: 'lobby', status: 'deleted', ambiguous: true });
	});
});

describe('Group → Update Member in the n8n engine', () => {
	test("sets a member's role, name card, mute and custom data", async () => {
		const { output, error } = await groupRunner(server, 'updateMember')([{ group: 'lobby' }], {
			...GROUP,
			memberId: 'u0',
			updateFields: {
				role: 'Admin',
				nameCard: 'Front desk',
				muteSeconds: 60,
				customData: '{"level": 3}',
			},
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({
			group: 'lobby',
			member: 'u0',
			status: 'updated',
			updatedFields: ['role', 'nameCard', 'muteSeconds', 'customData'],
		});
		expect(group('lobby').members.u0).toMatchObject({
			role: 'Admin',
			nameCard: 'Front desk',
			customData: { level: '3' },
		});
		expect(group('lobby').members.u0.shutUpUntil).toBeGreaterThan(Date.now() / 1000);
	});

	test('an admin in a Work group is refused naming the type', async () => {
		const { error } = await groupRunner(server, 'updateMember')([{ group: 'team' }], {
			...GROUP,
			memberId: 'u0',
			updateFields: { role: 'Admin' },
		});
		expect(error?.message).toContain('team is a Work group: ');
		expect(error?.message).toContain('a Work group has no admins and no mutes');
	});

	test('six custom data keys, and a bad role from an expression, are refused before any call', async () => {
		const run = groupRunner(server, 'updateMember');
		const six = JSON.stringify(
			Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`k${i}`, 'v'])),
		);
		expect(
			(
				await run([{ group: 'lobby' }], {
					...GROUP,
					memberId: 'u0',
					updateFields: { customData: six },
				})
			).error?.message,
		).toContain('has 6 keys; Tencent takes at most 5');
		expect(
			(
				await run([{ group: 'lobby' }], {
					...GROUP,
					memberId: 'u0',
					updateFields: { role: '={{ "Owner" }}' },
				})
			).error?.message,
		).toContain('Role must be Admin or Member');
		expect(server.stats.requests).toBe(0);
	});
});

describe('Group → Mute Members in the n8n engine', () => {
	test('mutes and unmutes by (group, seconds): items asking the same share a call; each member says its group and seconds', async () => {
		const run = groupRunner(server, 'muteMembers');
		const fields = {
			...GROUP,
			memberIds: '={{ $json.members }}',
			muteSeconds: '={{ $json.seconds }}',
		};
		const { output } = await run(
			[
				{ group: 'lobby', members: 'u0', seconds: 600 },
				{ group: 'lobby', members: 'owner', seconds: 600 },
				{ group: '@TGS#_course', members: 'owner', seconds: 0 },
			],
			fields,
		);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ group: 'lobby', member: 'u0', muteSeconds: 600, status: 'muted' }, { item: 0 }],
			[{ group: 'lobby', member: 'owner', muteSeconds: 600, status: 'muted' }, { item: 1 }],
			[{ group: '@TGS#_course', member: 'owner', muteSeconds: 0, status: 'unmuted' }, { item: 2 }],
		]);
		expect(server.stats.calls.forbid_send_msg).toBe(2);
		expect(group('lobby').members.u0.shutUpUntil).toBeGreaterThan(Date.now() / 1000 + 500);
	});

	test('a Work group cannot mute: its members fail with a message naming the type', async () => {
		const { errorOutput } = await groupRunner(server, 'muteMembers')(
			[{ group: 'team' }],
			{ ...GROUP, memberIds: 'u0', muteSeconds: 60 },
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(errorOutput[0].json.details).toMatchObject({
			group: 'team',
			member: 'u0',
			muteSeconds: 60,
			status: 'failed',
			errorCode: 10007,
			errorInfo: expect.stringContaining('a Work group cannot mute members'),
		});
	});

	test('mute seconds from an expression that is not a whole number is refused before any call', async () => {
		const { error } = await groupRunner(server, 'muteMembers')([{ group: 'lobby' }], {
			...GROUP,
			memberIds: 'u0',
			muteSeconds: '={{ 1.5 }}',
		});
		expect(error?.message).toContain('Mute Seconds must be a whole number');
		expect(server.stats.requests).toBe(0);
	});
});

describe('Group → Change Owner in the n8n engine', () => {
	test('hands the group to a member; the old owner stays a member', async () => {
		const { output } = await groupRunner(server, 'changeOwner')([{ group: 'lobby' }], {
			...GROUP,
			newOwnerId: 'u0',
		});
		expect(output[0].json).toEqual({ group: 'lobby', owner: 'u0', status: 'updated' });
		expect(group('lobby')).toMatchObject({
			owner: 'u0',
			members: { u0: { role: 'Owner' }, owner: { role: 'Member' } },
		});
	});

	test('an AVChatRoom is refused naming its type', async () => {
		const { error } = await groupRunner(server, 'changeOwner')([{ group: 'live' }], {
			...GROUP,
			newOwnerId: 'u0',
		});
		expect(error?.message).toContain(
			'live is an AVChatRoom group: an AVChatRoom has no owner to change',
		);
	});
});
