import { beforeEach, describe, expect, test } from '@jest/globals';

import { FakeServerControl } from '../fake-tencent/control';
import { APP, call, useServer } from './signedCall';

// The fake's profiles, presence and one-to-one history, called as Tencent documents them.

const server = useServer();
beforeEach(() => server.addApp({ ...APP, accounts: ['ann', 'bob'], customProfileTags: ['Tier'] }));

const TEXT = (text: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }];
const ids = (count: number) => Array.from({ length: count }, (_, i) => `u${i}`);

describe('profiles', () => {
	test('portrait_set then portrait_get: standard and created custom tags; an account not imported is ResultCode 40003 and in Fail_Account', async () => {
		const set = await call(server, 'profile/portrait_set', {
			From_Account: 'ann',
			ProfileItem: [
				{ Tag: 'Tag_Profile_IM_Nick', Value: 'Ann' },
				{ Tag: 'Tag_Profile_IM_Level', Value: 3 },
				{ Tag: 'Tag_Profile_Custom_Tier', Value: 'gold' },
			],
		});
		expect(set.json?.ErrorCode).toBe(0);
		const { json } = await call(server, 'profile/portrait_get', {
			To_Account: ['ann', 'ghost'],
			TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_Custom_Tier', 'Tag_Profile_IM_Gender'],
		});
		expect(json).toEqual({
			ActionStatus: 'OK',
			ErrorCode: 0,
			ErrorInfo: '',
			UserProfileItem: [
				{
					To_Account: 'ann',
					ProfileItem: [
						{ Tag: 'Tag_Profile_IM_Nick', Value: 'Ann' },
						{ Tag: 'Tag_Profile_Custom_Tier', Value: 'gold' },
					],
					ResultCode: 0,
					ResultInfo: '',
				},
				{ To_Account: 'ghost', ResultCode: 40003, ResultInfo: 'Err_Profile_Account_Not_Exist' },
			],
			Fail_Account: ['ghost'],
		});
	});

	test.each([
		[
			'a custom tag the app has not created',
			[{ Tag: 'Tag_Profile_Custom_Colour', Value: 'red' }],
			40009,
		],
		['a nickname over 500 bytes', [{ Tag: 'Tag_Profile_IM_Nick', Value: 'n'.repeat(501) }], 40601],
		[
			'a location over 16 bytes',
			[{ Tag: 'Tag_Profile_IM_Location', Value: 'l'.repeat(17) }],
			40601,
		],
		[
			'a gender Tencent does not know',
			[{ Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Other' }],
			40605,
		],
		['a level that is text', [{ Tag: 'Tag_Profile_IM_Level', Value: '3' }], 40610],
		['a custom value that is a number', [{ Tag: 'Tag_Profile_Custom_Tier', Value: 1 }], 40610],
	])('portrait_set refuses %s and sets nothing of the call', async (_, items, code) => {
		const { json } = await call(server, 'profile/portrait_set', {
			From_Account: 'ann',
			ProfileItem: [{ Tag: 'Tag_Profile_IM_Role', Value: 1 }, ...items],
		});
		expect(json?.ErrorCode).toBe(code);
		expect(server.inspect('profile', APP.sdkAppId, 'ann')).toEqual({});
	});

	test('portrait_get takes at most 100 accounts a call; portrait_set refuses an account that is not imported', async () => {
		expect(
			(
				await call(server, 'profile/portrait_get', {
					To_Account: ids(101),
					TagList: ['Tag_Profile_IM_Nick'],
				})
			).json?.ErrorCode,
		).toBe(40001);
		expect(
			(
				await call(server, 'profile/portrait_set', {
					From_Account: 'ghost',
					ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }],
				})
			).json?.ErrorCode,
		).toBe(40003);
	});
});

describe('presence', () => {
	test('query_online_status: Offline until the control endpoint says otherwise, platforms with IsNeedDetail, 70107 in ErrorList, at most 500', async () => {
		await new FakeServerControl(server.url).inspect('setPresence', APP.sdkAppId, 'ann', {
			state: 'Online',
			platforms: [{ Platform: 'Android', Status: 'Online' }],
		});
		const { json } = await call(server, 'openim/query_online_status', {
			To_Account: ['ann', 'bob', 'ghost'],
			IsNeedDetail: 1,
		});
		expect(json).toEqual({
			ActionStatus: 'OK',
			ErrorCode: 0,
			ErrorInfo: '',
			QueryResult: [
				{
					To_Account: 'ann',
					Status: 'Online',
					Detail: [{ Platform: 'Android', Status: 'Online' }],
				},
				{ To_Account: 'bob', Status: 'Offline', Detail: [] },
			],
			ErrorList: [{ To_Account: 'ghost', ErrorCode: 70107 }],
		});
		expect(
			(await call(server, 'openim/query_online_status', { To_Account: ids(501) })).json?.ErrorCode,
		).toBe(90011);
	});
});

describe('one-to-one history', () => {
	test('admin_getroammsg pages back from MaxTime with LastMsgTime / LastMsgKey; recall flags a message; a second recall is 20023, an unknown key 20022', async () => {
		const keys: string[] = [];
		for (const [from, to] of [
			['ann', 'bob'],
			['bob', 'ann'],
			['ann', 'bob'],
		]) {
			keys.push(
				(
					await call(server, 'openim/sendmsg', {
						From_Account: from,
						To_Account: to,
						MsgRandom: keys.length,
						MsgBody: TEXT(`m${keys.length}`),
					})
				).json?.MsgKey as string,
			);
		}
		const now = Math.floor(Date.now() / 1000) + 1;
		const first = await call(server, 'openim/admin_getroammsg', {
			Operator_Account: 'ann',
			Peer_Account: 'bob',
			MaxCnt: 2,
			MinTime: 0,
			MaxTime: now,
		});
		expect(first.json).toEqual(
			expect.objectContaining({
				Complete: 0,
				MsgCnt: 2,
				LastMsgKey: keys[1],
				LastMsgTime: expect.any(Number),
			}),
		);
		expect(
			(first.json?.MsgList as Array<{ MsgKey: string }>).map((message) => message.MsgKey),
		).toEqual([keys[2], keys[1]]);

		expect(
			(
				await call(server, 'openim/admin_msgwithdraw', {
					From_Account: 'ann',
					To_Account: 'bob',
					MsgKey: keys[0],
				})
			).json?.ErrorCode,
		).toBe(0);
		expect(
			(
				await call(server, 'openim/admin_msgwithdraw', {
					From_Account: 'ann',
					To_Account: 'bob',
					MsgKey: keys[0],
				})
			).json?.ErrorCode,
		).toBe(20023);
		expect(
			(
				await call(server, 'openim/admin_msgwithdraw', {
					From_Account: 'bob',
					To_Account: 'ann',
					MsgKey: keys[0],
				})
			).json?.ErrorCode,
		).toBe(20022);

		const rest = await call(server, 'openim/admin_getroammsg', {
			Operator_Account: 'ann',
			Peer_Account: 'bob',
			MaxCnt: 2,
			MinTime: 0,
			MaxTime: first.json?.LastMsgTime,
			LastMsgKey: first.json?.LastMsgKey,
		});
		expect(rest.json).toEqual(
			expect.objectContaining({
				Complete: 1,
				MsgCnt: 1,
				MsgList: [expect.objectContaining({ MsgKey: keys[0], MsgFlagBits: 8, MsgBody: [] })],
			}),
		);
	});

	test('admin_set_msg_read and get_c2c_unread_msg_num: what a peer sent is unread until marked; a peer not imported is 70107; at most 10 peers', async () => {
		await call(server, 'openim/sendmsg', {
			From_Account: 'bob',
			To_Account: 'ann',
			MsgRandom: 1,
			MsgBody: TEXT('a'),
		});
		await call(server, 'openim/sendmsg', {
			From_Account: 'bob',
			To_Account: 'ann',
			MsgRandom: 2,
			MsgBody: TEXT('b'),
		});
		expect(
			(await call(server, 'openim/get_c2c_unread_msg_num', { To_Account: 'ann' })).json
				?.AllC2CUnreadMsgNum,
		).toBe(2);
		expect(
			(
				await call(server, 'openim/admin_set_msg_read', {
					Report_Account: 'ann',
					Peer_Account: 'bob',
				})
			).json?.ErrorCode,
		).toBe(0);
		const { json } = await call(server, 'openim/get_c2c_unread_msg_num', {
			To_Account: 'ann',
			Peer_Account: ['bob', 'ghost'],
		});
		expect(json).toEqual(
			expect.objectContaining({
				C2CUnreadMsgNumList: [{ Peer_Account: 'bob', C2CUnreadMsgNum: 0 }],
				ErrorList: [{ Peer_Account: 'ghost', ErrorCode: 70107 }],
			}),
		);
		expect(
			(
				await call(server, 'openim/get_c2c_unread_msg_num', {
					To_Account: 'ann',
					Peer_Account: ids(11),
				})
			).json?.ErrorCode,
		).toBe(90001);
	});

	test.each([
		[
			'admin_getroammsg',
			{ Operator_Account: 'ghost', Peer_Account: 'bob', MaxCnt: 1, MinTime: 0, MaxTime: 1 },
			90008,
		],
		[
			'admin_getroammsg',
			{ Operator_Account: 'ann', Peer_Account: 'ghost', MaxCnt: 1, MinTime: 0, MaxTime: 1 },
			90003,
		],
		[
			'admin_getroammsg',
			{ Operator_Account: 'ann', Peer_Account: 'bob', MaxCnt: 101, MinTime: 0, MaxTime: 1 },
			90001,
		],
		['admin_msgwithdraw', { From_Account: 'ann', To_Account: 'bob', MsgKey: 'nonsense' }, 90054],
		[
			'admin_set_msg_read',
			{ Report_Account: 'ann', Peer_Account: 'bob', MsgReadTime: 'soon' },
			90001,
		],
	])('%s refuses %j with %i', async (command, body, code) => {
		expect((await call(server, `openim/${command}`, body)).json?.ErrorCode).toBe(code);
	});
});
