// A group's members on the fake: add, remove, list, a user's groups, one member's settings, mutes
// (reference §1.1). The type matrix of §1.0 decides what each type refuses and with which code.

import type { COMMANDS } from '../../../../nodes/TencentChat/actions/group/api/commands';
import {
	type Answer,
	type CallbackEvents,
	type CallContext,
	type CommandHandler,
	ok,
	type RequestBody,
	TencentFailure,
} from '../service';
import {
	baseInfo,
	type Group,
	groupNamed,
	type Groups,
	joinedCount,
	joinMember,
	refuseType,
	removeMember,
	type Role,
} from './state';
import {
	accountList,
	bad,
	customData,
	groupString,
	oneOf,
	optionalString,
	optionalWhole,
	requireImported,
} from './rules';

type Key = keyof typeof COMMANDS;

const ROLES: readonly Role[] = ['Owner', 'Admin', 'Member'];
const MSG_FLAGS = ['AcceptAndNotify', 'AcceptNotNotify', 'Discard'] as const;
/** forbid_send_msg's "forever". */
const PERMANENT = 4294967295;
/** get_group_member_info's Limit: the page says ≤200, the field table 6000 (UNCONFIRMED which is enforced; the fake takes the lower). */
const MAX_MEMBER_PAGE = 200;

/** Who each call added or removed, for its callback. */
const changedBy = new WeakMap<Answer, { group: Group; userIds: string[] }>();

function silence(body: RequestBody): void {
	if (body.Silence !== undefined && body.Silence !== 0 && body.Silence !== 1)
		throw bad('Silence must be 0 or 1');
}

function addMembers(
	groups: Groups,
	body: RequestBody,
	{ command, nowSeconds, isImported }: CallContext,
): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	const ids = accountList(body, 'MemberList', command, 'Member_Account');
	silence(body);
	refuseType(group, ['AVChatRoom'], 'add_group_member');
	requireImported(isImported, ids);
	// Each member is looked up once per check: the fake's time per member is no part of what the
	// benchmark measures (600,000 members are 2,000 of these calls).
	const newcomers = new Set<string>();
	for (const id of ids) if (!group.members.has(id)) newcomers.add(id);
	if (!group.inviteNeedsApproval) {
		if (group.members.size + newcomers.size > group.maxMembers)
			throw new TencentFailure(10014, 'the group is full');
		for (const id of newcomers) {
			if (joinedCount(groups, id) >= groups.maxGroupsPerUser)
				throw new TencentFailure(10037, `${id.slice(0, 40)} has joined too many groups`);
		}
	}
	const added = new Set<string>();
	const MemberList = ids.map((id) => {
		if (!newcomers.has(id)) return { Member_Account: id, Result: 2 };
		if (added.has(id)) return { Member_Account: id, Result: 1 };
		if (group.inviteNeedsApproval) {
			group.invited.add(id);
			return { Member_Account: id, Result: 3 };
		}
		joinMember(groups, group, id, 'Member', nowSeconds);
		added.add(id);
		return { Member_Account: id, Result: 1 };
	});
	const answer = ok({ MemberList });
	changedBy.set(answer, { group, userIds: [...added] });
	return answer;
}

/** Removing a user who is not a member is OK as well (§1.1). */
function removeMembers(groups: Groups, body: RequestBody, { command }: CallContext): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	const ids = accountList(body, 'MemberToDel_Account', command);
	silence(body);
	if (body.Reason !== undefined && typeof body.Reason !== 'string')
		throw bad('Reason must be a string');
	refuseType(group, ['AVChatRoom'], 'delete_group_member', 10004);
	if (ids.includes(group.owner)) throw bad('the owner cannot be removed: change the owner first');
	const removed = ids.filter((id) => removeMember(groups, group, id));
	const answer = ok();
	changedBy.set(answer, { group, userIds: removed });
	return answer;
}

function memberJson(userId: string, group: Group): Record<string, unknown> {
	const member = group.members.get(userId);
	if (member === undefined) return { Member_Account: userId };
	return {
		Member_Account: userId,
		Role: member.role,
		JoinTime: member.joinTime,
		MsgSeq: group.nextMsgSeq - 1,
		MsgFlag: member.msgFlag,
		LastSendMsgTime: member.lastSendMsgTime,
		ShutUpUntil: member.shutUpUntil,
		NameCard: member.nameCard,
		AppMemberDefinedData: Object.entries(member.customData).map(([Key, Value]) => ({ Key, Value })),
	};
}

/** Offset paging; a Community pages with `Next` instead (a string here: UNCONFIRMED, §9.3) and refuses Offset. */
function getMembers(groups: Groups, body: RequestBody): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	refuseType(group, ['AVChatRoom'], 'get_group_member_info');
	const limit = optionalWhole(body, 'Limit', 1, MAX_MEMBER_PAGE);
	const roles = body.MemberRoleFilter;
	if (
		roles !== undefined &&
		(!Array.isArray(roles) || roles.some((role) => !ROLES.includes(role as Role)))
	)
		throw bad('MemberRoleFilter must list Owner, Admin or Member');
	const all = [...group.members]
		.filter(([, member]) => roles === undefined || (roles as string[]).includes(member.role))
		.map(([userId]) => userId);
	let start: number;
	if (group.type === 'Community') {
		if (body.Offset !== undefined && body.Offset !== 0)
			throw bad('a Community pages with Next, not Offset');
		const next = body.Next ?? '';
		if (typeof next !== 'string' || (next !== '' && !/^m\d+$/.test(next)))
			throw bad('Next must be the string the last page returned');
		start = next === '' ? 0 : Number(next.slice(1));
	} else {
		start = optionalWhole(body, 'Offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
	}
	const page = all.slice(start, limit === undefined ? undefined : start + limit);
	const end = start + page.length;
	return ok({
		MemberNum: all.length,
		MemberList: page.map((userId) => memberJson(userId, group)),
		...(group.type === 'Community' ? { Next: end < all.length ? `m${end}` : '' } : {}),
	});
}

function getJoinedGroups(groups: Groups, body: RequestBody): Answer {
	const userId = groupString(body, 'Member_Account');
	const limit = optionalWhole(body, 'Limit', 1, 5_000);
	const offset = optionalWhole(body, 'Offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
	const type = oneOf(body, 'GroupType', [
		'Public',
		'Private',
		'ChatRoom',
		'AVChatRoom',
		'Community',
	] as const);
	const wanted = type === 'Private' ? 'Work' : type === 'ChatRoom' ? 'Meeting' : type;
	const filter = (body.ResponseFilter ?? {}) as {
		GroupBaseInfoFilter?: unknown;
		SelfInfoFilter?: unknown;
	};
	const baseFields = Array.isArray(filter.GroupBaseInfoFilter)
		? (filter.GroupBaseInfoFilter as string[])
		: [];
	const selfFields = Array.isArray(filter.SelfInfoFilter)
		? (filter.SelfInfoFilter as string[])
		: [];
	const joined = [...groups.values()].filter(
		(group) => group.members.has(userId) && (wanted === undefined || group.type === wanted),
	);
	const page = joined.slice(offset, limit === undefined ? undefined : offset + limit);
	return ok({
		TotalCount: joined.length,
		GroupIdList: page.map((group) => {
			const self = memberJson(userId, group);
			return {
				GroupId: group.id,
				...baseInfo(group, baseFields),
				...(selfFields.length > 0
					? {
							SelfInfo: Object.fromEntries(
								selfFields.filter((field) => field in self).map((field) => [field, self[field]]),
							),
						}
					: {}),
			};
		}),
	});
}

function modifyMember(groups: Groups, body: RequestBody, { nowSeconds }: CallContext): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	const userId = groupString(body, 'Member_Account');
	const role = oneOf(body, 'Role', ['Admin', 'Member'] as const);
	const msgFlag = oneOf(body, 'MsgFlag', MSG_FLAGS);
	const nameCard = optionalString(body, 'NameCard', 50);
	// QD and OAS name it ShutUpTime; doocs MuteTime (§9.4, UNCONFIRMED): the fake takes ShutUpTime.
	const muteSeconds = optionalWhole(body, 'ShutUpTime', 0, PERMANENT);
	const data = customData(body, 'AppMemberDefinedData', 5, 64);
	if (
		group.type === 'AVChatRoom' &&
		(msgFlag !== undefined ||
			nameCard !== undefined ||
			muteSeconds !== undefined ||
			data !== undefined)
	) {
		throw new TencentFailure(10007, 'an AVChatRoom member has no such settings');
	}
	if (group.type === 'Work' && (muteSeconds !== undefined || role === 'Admin'))
		throw new TencentFailure(10007, 'a Work group has no admins and no mutes');
	const member = group.members.get(userId);
	if (member === undefined) throw bad(`${userId.slice(0, 40)} is not a member of the group`);
	if (role !== undefined) {
		if (member.role === 'Owner')
			throw bad("the owner's role cannot be changed: change the owner instead");
		member.role = role;
	}
	if (msgFlag !== undefined) member.msgFlag = msgFlag;
	if (nameCard !== undefined) member.nameCard = nameCard;
	if (muteSeconds !== undefined) member.shutUpUntil = mutedUntil(muteSeconds, nowSeconds);
	for (const [key, value] of Object.entries(data ?? {})) {
		if (value === '') delete member.customData[key];
		else member.customData[key] = value;
	}
	return ok();
}

function mutedUntil(seconds: number, nowSeconds: number): number {
	if (seconds === 0) return 0;
	return seconds === PERMANENT ? PERMANENT : nowSeconds + seconds;
}

/** MuteTime is the current name (TRTC 34951); QD and OAS say ShutUpTime (§7): the fake takes MuteTime. */
function muteMembers(
	groups: Groups,
	body: RequestBody,
	{ command, nowSeconds }: CallContext,
): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	const ids = accountList(body, 'Members_Account', command);
	if (body.MuteTime === undefined) throw bad('MuteTime is required');
	const seconds = optionalWhole(body, 'MuteTime', 0, PERMANENT) as number;
	refuseType(group, ['Work'], 'forbid_send_msg');
	for (const id of ids) {
		const member = group.members.get(id);
		if (member !== undefined) member.shutUpUntil = mutedUntil(seconds, nowSeconds);
	}
	return ok();
}

export const memberCommands = {
	addGroupMembers: addMembers,
	removeGroupMembers: removeMembers,
	getGroupMemberPage: getMembers,
	getJoinedGroupPage: getJoinedGroups,
	updateGroupMember: modifyMember,
	muteGroupMembers: muteMembers,
} satisfies Partial<Record<Key, CommandHandler<Groups>>>;

function membersChanged(
	command: 'Group.CallbackAfterNewMemberJoin' | 'Group.CallbackAfterMemberExit',
): CallbackEvents {
	return (_body, answer, { operator, nowMs }) => {
		const changed = changedBy.get(answer);
		if (changed === undefined || changed.userIds.length === 0) return [];
		const list = changed.userIds.map((Member_Account) => ({ Member_Account }));
		const body =
			command === 'Group.CallbackAfterNewMemberJoin'
				? {
						CallbackCommand: command,
						GroupId: changed.group.id,
						Type: changed.group.type,
						JoinType: 'Invited',
						Operator_Account: operator,
						NewMemberList: list,
						EventTime: nowMs,
					}
				: {
						CallbackCommand: command,
						GroupId: changed.group.id,
						Type: changed.group.type,
						ExitType: 'Kicked',
						Operator_Account: operator,
						ExitMemberList: list,
						EventTime: nowMs,
					};
		return [{ command, body }];
	};
}

export const memberCallbacks = {
	addGroupMembers: membersChanged('Group.CallbackAfterNewMemberJoin'),
	removeGroupMembers: membersChanged('Group.CallbackAfterMemberExit'),
} satisfies Partial<Record<Key, CallbackEvents>>;
