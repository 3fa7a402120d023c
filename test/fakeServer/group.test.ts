import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { APP, call, useServer } from './signedCall';

// The fake's group service on its own: state, per-call caps, the type matrix, paging, the
// per-group message rate, result codes and the callbacks (reference §1).

const G = 'group_open_http_svc';
const server = useServer();

const received: Array<Record<string, unknown>> = [];
let receiver: Server;
beforeAll(async () => {
	receiver = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			received.push(JSON.parse(body) as Record<string, unknown>);
			response.end('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const users = Array.from({ length: 400 }, (_, i) => `u${i}`);
beforeEach(() => {
	server.addApp({
		...APP,
		accounts: ['owner', ...users],
		groups: {
			team: { type: 'Work', owner: 'owner', members: ['u0', 'u1'] },
			live: { type: 'AVChatRoom', owner: 'owner' },
			'@TGS#_course': { type: 'Community', owner: 'owner', members: users.slice(0, 250) },
			ask: { type: 'Public', owner: 'owner', inviteNeedsApproval: true },
		},
	});
	server.callbacks.configure(APP.sdkAppId, {
		url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
	});
	received.length = 0;
	server.setFaults({});
});

const commandsReceived = async () => {
	await server.callbacks.settled();
	return received.map((body) => body.CallbackCommand);
};

describe('the fake group service', () => {
	test('create_group makes a group with its owner and members, and sends After Create Group', async () => {
		const reply = await call(server, `${G}/create_group`, {
			Type: 'Public',
			Name: 'Deal 42',
			Owner_Account: 'owner',
			MemberList: [{ Member_Account: 'u5' }],
		});
		expect(reply.json).toMatchObject({ ErrorCode: 0, GroupId: '@TGS#2FAKE1' });
		expect(server.inspect('group', APP.sdkAppId, '@TGS#2FAKE1')).toMatchObject({
			exists: true,
			type: 'Public',
			name: 'Deal 42',
			members: { owner: { role: 'Owner' }, u5: { role: 'Member' } },
		});
		expect(await commandsReceived()).toEqual(['Group.CallbackAfterCreateGroup']);
	});

	test('create_group refuses what Tencent refuses: members for an AVChatRoom, a Community ID without @TGS#_, an ID in use, a long name', async () => {
		const codes = async (body: object) =>
			(await call(server, `${G}/create_group`, body)).json?.ErrorCode;
		expect(
			await codes({ Type: 'AVChatRoom', Name: 'x', MemberList: [{ Member_Account: 'u1' }] }),
		).toBe(10007);
		expect(await codes({ Type: 'Community', Name: 'x', GroupId: 'course2' })).toBe(10015);
		expect(await codes({ Type: 'Public', Name: 'x', GroupId: '@TGS#mine' })).toBe(10015);
		expect(await codes({ Type: 'Work', Name: 'x', GroupId: 'team', Owner_Account: 'owner' })).toBe(
			10025,
		);
		expect(await codes({ Type: 'Work', Name: 'x', GroupId: 'team' })).toBe(10021);
		expect(await codes({ Type: 'Work', Name: 'x'.repeat(31) })).toBe(10004);
		expect(await codes({ Type: 'Work', Name: 'x', Owner_Account: 'nobody' })).toBe(10019);
		expect(
			await codes({
				Type: 'Work',
				Name: 'x',
				MemberList: users.slice(0, 101).map((Member_Account) => ({ Member_Account })),
			}),
		).toBe(10005);
	});

	test('add_group_member answers 1 added, 2 already a member, 3 awaiting approval; 10019 for an account not imported; 10005 past 300', async () => {
		const add = (group: string, ids: string[]) =>
			call(server, `${G}/add_group_member`, {
				GroupId: group,
				MemberList: ids.map((Member_Account) => ({ Member_Account })),
			});
		expect((await add('team', ['u0', 'u9'])).json?.MemberList).toEqual([
			{ Member_Account: 'u0', Result: 2 },
			{ Member_Account: 'u9', Result: 1 },
		]);
		expect((await add('ask', ['u3'])).json?.MemberList).toEqual([
			{ Member_Account: 'u3', Result: 3 },
		]);
		expect((await add('team', ['ghost'])).json?.ErrorCode).toBe(10019);
		expect((await add('team', users.slice(0, 301))).json?.ErrorCode).toBe(10005);
		expect((await add('live', ['u1'])).json?.ErrorCode).toBe(10007);
		expect(await commandsReceived()).toEqual(['Group.CallbackAfterNewMemberJoin']);
	});

	test('a full group answers 10014 and adds no one', async () => {
		const reply = await call(server, `${G}/add_group_member`, {
			GroupId: 'team',
			MemberList: users.slice(2, 300).map((Member_Account) => ({ Member_Account })),
		});
		expect(reply.json?.ErrorCode).toBe(10014);
		expect(Object.keys(server.inspect('group', APP.sdkAppId, 'team').members as object)).toEqual([
			'owner',
			'u0',
			'u1',
		]);
	});

	test('delete_group_member removes, takes non-members, refuses the owner, and an AVChatRoom with 10004', async () => {
		expect(
			(
				await call(server, `${G}/delete_group_member`, {
					GroupId: 'team',
					MemberToDel_Account: ['u0', 'stranger'],
				})
			).json?.ErrorCode,
		).toBe(0);
		expect(Object.keys(server.inspect('group', APP.sdkAppId, 'team').members as object)).toEqual([
			'owner',
			'u1',
		]);
		expect(
			(
				await call(server, `${G}/delete_group_member`, {
					GroupId: 'team',
					MemberToDel_Account: ['owner'],
				})
			).json?.ErrorCode,
		).toBe(10004);
		expect(
			(
				await call(server, `${G}/delete_group_member`, {
					GroupId: 'live',
					MemberToDel_Account: ['u1'],
				})
			).json?.ErrorCode,
		).toBe(10004);
		expect(await commandsReceived()).toEqual(['Group.CallbackAfterMemberExit']);
	});

	test('get_group_member_info pages a Community by Next and others by Offset', async () => {
		const first = (
			await call(server, `${G}/get_group_member_info`, { GroupId: '@TGS#_course', Limit: 100 })
		).json;
		expect(first).toMatchObject({ MemberNum: 251, Next: 'm100' });
		const last = (
			await call(server, `${G}/get_group_member_info`, {
				GroupId: '@TGS#_course',
				Limit: 200,
				Next: 'm200',
			})
		).json;
		expect((last?.MemberList as unknown[]).length).toBe(51);
		expect(last?.Next).toBe('');
		expect(
			(await call(server, `${G}/get_group_member_info`, { GroupId: '@TGS#_course', Offset: 100 }))
				.json?.ErrorCode,
		).toBe(10004);
		const offset = (
			await call(server, `${G}/get_group_member_info`, { GroupId: 'team', Limit: 2, Offset: 1 })
		).json;
		expect(
			(offset?.MemberList as Array<{ Member_Account: string }>).map(
				(member) => member.Member_Account,
			),
		).toEqual(['u0', 'u1']);
		expect(
			(await call(server, `${G}/get_group_member_info`, { GroupId: 'live' })).json?.ErrorCode,
		).toBe(10007);
	});

	test('get_appid_group_list pages with a 64-bit Next, filters by the old type names, and takes one call a second', async () => {
		const first = (await call(server, `${G}/get_appid_group_list`, { Limit: 3 })).json;
		expect(first?.TotalCount).toBe(4);
		expect((first?.GroupIdList as unknown[]).length).toBe(3);
		expect(first?.Next as number).toBeGreaterThan(2 ** 32);
		expect(
			(await call(server, `${G}/get_appid_group_list`, { Limit: 3, Next: first?.Next })).json
				?.ErrorCode,
		).toBe(60007);
		await new Promise((resolve) => setTimeout(resolve, 1_050));
		const second = (
			await call(server, `${G}/get_appid_group_list`, { Limit: 3, Next: first?.Next })
		).json;
		expect(second).toMatchObject({ GroupIdList: [{ GroupId: 'ask' }], Next: 0 });
		await new Promise((resolve) => setTimeout(resolve, 1_050));
		expect(
			(await call(server, `${G}/get_appid_group_list`, { GroupType: 'Private' })).json?.GroupIdList,
		).toEqual([{ GroupId: 'team' }]);
	});

	test('send_group_msg keeps the message with its MsgSeq, drops a repeat of its Random, and takes 40 a second per group', async () => {
		const send = (group: string, random: number) =>
			call(server, `${G}/send_group_msg`, {
				GroupId: group,
				Random: random,
				MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `m${random}` } }],
			});
		expect((await send('team', 7)).json).toMatchObject({ ErrorCode: 0, MsgSeq: 1 });
		expect((await send('team', 7)).json).toMatchObject({ ErrorCode: 0, MsgSeq: 1 });
		const burst = await Promise.all(Array.from({ length: 45 }, (_, i) => send('team', 100 + i)));
		expect(burst.filter((reply) => reply.json?.ErrorCode === 60007)).toHaveLength(7);
		expect((await send('ask', 1)).json?.ErrorCode).toBe(0);
		// The repeat counted in the group's second too: 1 + 38 messages kept, and one callback each (and one for the other group).
		expect((server.inspect('group', APP.sdkAppId, 'team').messages as unknown[]).length).toBe(39);
		expect(
			(await commandsReceived()).filter((command) => command === 'Group.CallbackAfterSendMsg'),
		).toHaveLength(40);
	});

	test('recall and history: RetCode per MsgSeq, recalled messages marked, paging by MsgSeq', async () => {
		for (let i = 1; i <= 25; i++)
			await call(server, `${G}/send_group_msg`, {
				GroupId: 'team',
				Random: i,
				MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `m${i}` } }],
			});
		const recall = (
			await call(server, `${G}/group_msg_recall`, {
				GroupId: 'team',
				MsgSeqList: [{ MsgSeq: 25 }, { MsgSeq: 99 }],
			})
		).json;
		expect(recall?.RecallRetList).toEqual([
			{ MsgSeq: 25, RetCode: 0 },
			{ MsgSeq: 99, RetCode: 10030 },
		]);
		const page = (
			await call(server, `${G}/group_msg_get_simple`, {
				GroupId: 'team',
				ReqMsgNumber: 20,
				WithRecalledMsg: 1,
			})
		).json;
		const seqs = (page?.RspMsgList as Array<{ MsgSeq: number; IsPlaceMsg: number }>).map(
			(message) => message.MsgSeq,
		);
		expect(seqs[0]).toBe(25);
		expect(seqs.at(-1)).toBe(6);
		expect((page?.RspMsgList as Array<{ IsPlaceMsg: number }>)[0].IsPlaceMsg).toBe(2);
		const older = (
			await call(server, `${G}/group_msg_get_simple`, {
				GroupId: 'team',
				ReqMsgNumber: 20,
				ReqMsgSeq: 5,
			})
		).json;
		expect((older?.RspMsgList as unknown[]).length).toBe(5);
	});

	test('forbid_send_msg mutes (not in a Work group); a muted sender gets 10017; destroy_group sends After Group Destroyed', async () => {
		expect(
			(
				await call(server, `${G}/forbid_send_msg`, {
					GroupId: 'team',
					Members_Account: ['u0'],
					MuteTime: 60,
				})
			).json?.ErrorCode,
		).toBe(10007);
		await call(server, `${G}/add_group_member`, {
			GroupId: '@TGS#_course',
			MemberList: [{ Member_Account: 'u300' }],
		});
		expect(
			(
				await call(server, `${G}/forbid_send_msg`, {
					GroupId: '@TGS#_course',
					Members_Account: ['u300'],
					MuteTime: 60,
				})
			).json?.ErrorCode,
		).toBe(0);
		const muted = await call(server, `${G}/send_group_msg`, {
			GroupId: '@TGS#_course',
			From_Account: 'u300',
			Random: 1,
			MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
		});
		expect(muted.json?.ErrorCode).toBe(10017);
		expect((await call(server, `${G}/destroy_group`, { GroupId: 'team' })).json?.ErrorCode).toBe(0);
		expect(server.inspect('group', APP.sdkAppId, 'team')).toMatchObject({
			exists: false,
			destroyed: true,
		});
		expect((await call(server, `${G}/destroy_group`, { GroupId: 'team' })).json?.ErrorCode).toBe(
			10010,
		);
		expect(await commandsReceived()).toContain('Group.CallbackAfterGroupDestroyed');
	});
});
