// Groups, per app: `group_open_http_svc` (reference §1). Profile and life (create, info, list,
// modify, destroy) and owner here; members in `groupMembers.ts`; messages in `groupMessages.ts`.
// Rates (the app's, and each group's 40 messages a second) and per-call maxima come from the
// command table, kept by the core.

import { SERVICES } from '../../../nodes/TencentChat/client/commands';
import type { FakeApp } from '../config';
import { type Answer, type CallContext, type CallbackEvents, defineService, ok, type RequestBody, TencentFailure } from './service';
import {
	defaultMaxMembers,
	type Group,
	GROUP_TYPES,
	groupNamed,
	Groups,
	type GroupType,
	joinedCount,
	joinMember,
	OLD_TYPE_NAMES,
	refuseType,
	removeMember,
	storeGroupMessage,
	BASE_FIELDS,
	baseInfo,
} from './groupState';
import { accountList, bad, customData, groupString, oneOf, optionalString, optionalWhole, requireImported } from './groupRules';
import { memberCallbacks, memberCommands } from './groupMembers';
import { messageCallbacks, messageCommands, messageEntryLists } from './groupMessages';

/** A group as a test sets it up through `addApp`. */
export interface FakeGroup {
	type: GroupType;
	name?: string;
	owner?: string;
	/** Members besides the owner, in join order. */
	members?: string[];
	admins?: string[];
	maxMembers?: number;
	/** Invitees must approve: add_group_member answers Result 3 and adds no one. */
	inviteNeedsApproval?: boolean;
	/** Texts sent before the test starts, oldest first, from the owner (or the first admin of the app). */
	messages?: string[];
	introduction?: string;
}

const JOIN_OPTIONS = ['FreeAccess', 'NeedPermission', 'DisableApply'] as const;
// §1.0: UTF-8 byte limits of a group's profile.
const LIMITS = { Name: 30, Introduction: 240, Notification: 300, FaceUrl: 100 } as const;
const MAX_GROUP_ID_BYTES = 48;
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;
/** get_appid_group_list's Next is a 64-bit value (doocs sample 4454685361): the fake's start well past 2^32. */
const NEXT_BASE = 4_454_685_360;
const LIST_TYPE_FILTER: Readonly<Record<string, GroupType | undefined>> = {
	Public: 'Public',
	Private: 'Work',
	ChatRoom: 'Meeting',
	AVChatRoom: 'AVChatRoom',
	BChatRoom: undefined,
	Community: 'Community',
};

export const groupService = defineService<Groups>({
	service: SERVICES.group,
	createState,
	commands: {
		create_group: createGroup,
		get_group_info: getGroupInfo,
		get_appid_group_list: getAppGroupList,
		modify_group_base_info: modifyGroup,
		destroy_group: destroyGroup,
		change_group_owner: changeOwner,
		...memberCommands,
		...messageCommands,
	},
	callbacks: {
		create_group: createCallback,
		destroy_group: destroyCallback,
		...memberCallbacks,
		...messageCallbacks,
	},
	entryLists: {
		get_group_info: { list: 'GroupInfo', id: 'GroupId', result: 'ErrorCode' },
		add_group_member: { list: 'MemberList', id: 'Member_Account', result: 'Result' },
		...messageEntryLists,
	},
});

function createState(app: FakeApp): Groups {
	const groups = new Groups();
	groups.maxGroupsPerUser = app.maxGroupsPerUser ?? groups.maxGroupsPerUser;
	const now = Math.floor(Date.now() / 1000);
	for (const [id, setup] of Object.entries(app.groups ?? {})) {
		const owner = setup.owner ?? '';
		const group = newGroup(groups, id, setup.type, setup.name ?? id, owner, now);
		group.maxMembers = setup.maxMembers ?? group.maxMembers;
		group.inviteNeedsApproval = setup.inviteNeedsApproval ?? false;
		group.introduction = setup.introduction ?? '';
		if (setup.type !== 'AVChatRoom') {
			if (owner) joinMember(groups, group, owner, 'Owner', now);
			for (const admin of setup.admins ?? []) joinMember(groups, group, admin, 'Admin', now);
			for (const member of setup.members ?? []) if (!group.members.has(member)) joinMember(groups, group, member, 'Member', now);
		}
		for (const text of setup.messages ?? []) {
			storeGroupMessage(group, { from: owner || app.admins[0], time: now, random: 0, priority: 'Normal', body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }], isSystemMsg: 0 });
		}
	}
	return groups;
}

function newGroup(groups: Groups, id: string, type: GroupType, name: string, owner: string, now: number): Group {
	const group: Group = {
		id,
		type,
		name,
		owner,
		createTime: now,
		introduction: '',
		notification: '',
		faceUrl: '',
		maxMembers: defaultMaxMembers(type),
		applyJoinOption: 'NeedPermission',
		customData: {},
		muteAll: false,
		infoSeq: 1,
		lastInfoTime: now,
		lastMsgTime: 0,
		members: new Map(),
		invited: new Set(),
		inviteNeedsApproval: false,
		messages: [],
		nextMsgSeq: 1,
		notifications: [],
		listOrder: groups.nextListOrder++,
	};
	groups.set(id, group);
	return group;
}

function readType(value: unknown): GroupType {
	const type = typeof value === 'string' ? (OLD_TYPE_NAMES[value] ?? value) : value;
	if (!GROUP_TYPES.includes(type as GroupType)) throw bad(`Type must be one of ${GROUP_TYPES.join(', ')}, Private or ChatRoom`);
	return type as GroupType;
}

/** §1.0: printable ASCII, ≤48 bytes, no @TGS# prefix, except that a Community's own ID must start with @TGS#_. */
function readCustomGroupId(id: unknown, type: GroupType): string {
	if (typeof id !== 'string' || id === '' || !PRINTABLE_ASCII.test(id) || id.length > MAX_GROUP_ID_BYTES) {
		throw new TencentFailure(10015, 'GroupId must be 1 to 48 printable ASCII characters');
	}
	if (type === 'Community' ? !id.startsWith('@TGS#_') : id.startsWith('@TGS#')) {
		throw new TencentFailure(10015, type === 'Community' ? 'a Community group ID must start with @TGS#_' : 'a custom group ID must not start with @TGS#');
	}
	return id;
}

function createGroup(groups: Groups, body: RequestBody, { command, nowSeconds, isImported }: CallContext): Answer {
	const type = readType(body.Type);
	const name = groupString(body, 'Name');
	if (Buffer.byteLength(name, 'utf8') > LIMITS.Name) throw bad(`Name is longer than ${LIMITS.Name} bytes`);
	const owner = optionalString(body, 'Owner_Account', 32) ?? '';
	const introduction = optionalString(body, 'Introduction', LIMITS.Introduction);
	const notification = optionalString(body, 'Notification', LIMITS.Notification);
	const faceUrl = optionalString(body, 'FaceUrl', LIMITS.FaceUrl);
	const maxMembers = optionalWhole(body, 'MaxMemberCount', 1, 1_000_000);
	const applyJoinOption = oneOf(body, 'ApplyJoinOption', JOIN_OPTIONS);
	const data = customData(body, 'AppDefinedData', 10, 512);
	const memberEntries = body.MemberList === undefined ? [] : accountList(body, 'MemberList', { ...command, maxPerCall: 100 }, 'Member_Account');
	if (memberEntries.length > 0 && type === 'AVChatRoom') throw new TencentFailure(10007, 'an AVChatRoom takes no MemberList');
	const roles = (body.MemberList as Array<Record<string, unknown>> | undefined)?.map((entry) => entry.Role) ?? [];
	if (roles.some((role) => role !== undefined && role !== 'Admin')) throw bad('a MemberList Role can only be Admin');
	if (type === 'Work' && roles.includes('Admin')) throw bad('a Work group has no admins');
	requireImported(isImported, owner ? [owner, ...memberEntries] : memberEntries);

	let id: string;
	if (body.GroupId !== undefined) {
		id = readCustomGroupId(body.GroupId, type);
		const existing = groups.get(id);
		if (existing !== undefined) {
			throw existing.owner === owner
				? new TencentFailure(10025, 'group ID already used by you: dissolve that group or pick another ID')
				: new TencentFailure(10021, 'group ID already used by someone else');
		}
	} else {
		do id = `${type === 'Community' ? '@TGS#_' : type === 'AVChatRoom' ? '@TGS#a' : '@TGS#2'}FAKE${groups.nextGeneratedId++}`;
		while (groups.has(id));
	}
	const joining = new Set([...(owner ? [owner] : []), ...memberEntries]);
	const cap = maxMembers ?? defaultMaxMembers(type);
	if (joining.size > cap) throw new TencentFailure(10038, 'more members than the group may hold');
	for (const userId of joining) {
		if (type !== 'AVChatRoom' && joinedCount(groups, userId) >= groups.maxGroupsPerUser) throw new TencentFailure(10037, `${userId} has joined too many groups`);
	}

	groups.destroyed.delete(id);
	const group = newGroup(groups, id, type, name, owner, nowSeconds);
	group.introduction = introduction ?? '';
	group.notification = notification ?? '';
	group.faceUrl = faceUrl ?? '';
	group.maxMembers = cap;
	group.applyJoinOption = applyJoinOption ?? 'NeedPermission';
	group.customData = data ?? {};
	if (type !== 'AVChatRoom') {
		if (owner) joinMember(groups, group, owner, 'Owner', nowSeconds);
		memberEntries.forEach((userId, position) => {
			if (!group.members.has(userId)) joinMember(groups, group, userId, roles[position] === 'Admin' ? 'Admin' : 'Member', nowSeconds);
		});
	}
	return ok({ GroupId: id, Type: type });
}

/** Unlisted fields are left out once a ResponseFilter is given; without one, everything, members too. */
function getGroupInfo(groups: Groups, body: RequestBody, { command }: CallContext): Answer {
	const ids = accountList(body, 'GroupIdList', command);
	const filter = body.ResponseFilter as Record<string, unknown> | undefined;
	if (filter !== undefined && (typeof filter !== 'object' || filter === null)) throw bad('ResponseFilter must be an object');
	const baseFields = filter === undefined ? BASE_FIELDS : Array.isArray(filter.GroupBaseInfoFilter) ? (filter.GroupBaseInfoFilter as string[]) : [];
	const withMembers = filter === undefined || Array.isArray(filter.MemberInfoFilter);
	const dataKeys = filter === undefined ? undefined : Array.isArray(filter.AppDefinedDataFilter_Group) ? (filter.AppDefinedDataFilter_Group as string[]) : [];
	const GroupInfo = ids.map((id) => {
		const group = groups.get(id);
		if (group === undefined) return { GroupId: id, ErrorCode: 10010, ErrorInfo: 'group does not exist or has been dissolved' };
		const data = Object.entries(group.customData).filter(([key]) => dataKeys === undefined || dataKeys.includes(key));
		return {
			GroupId: id,
			ErrorCode: 0,
			ErrorInfo: '',
			...baseInfo(group, baseFields),
			...(data.length > 0 ? { AppDefinedData: data.map(([Key, Value]) => ({ Key, Value })) } : {}),
			...(withMembers ? { MemberList: [...group.members].map(([Member_Account, member]) => ({ Member_Account, Role: member.role, JoinTime: member.joinTime })) } : {}),
		};
	});
	return ok({ GroupInfo });
}

function getAppGroupList(groups: Groups, body: RequestBody): Answer {
	const limit = optionalWhole(body, 'Limit', 1, 10_000) ?? 10_000;
	const next = optionalWhole(body, 'Next', 0, Number.MAX_SAFE_INTEGER) ?? 0;
	let type: GroupType | undefined;
	if (body.GroupType !== undefined) {
		if (typeof body.GroupType !== 'string' || !(body.GroupType in LIST_TYPE_FILTER)) throw bad('GroupType must be Public, Private, ChatRoom, AVChatRoom, BChatRoom or Community');
		type = LIST_TYPE_FILTER[body.GroupType];
		if (type === undefined) return ok({ TotalCount: 0, GroupIdList: [], Next: 0 });
	}
	const after = next === 0 ? 0 : next - NEXT_BASE;
	const matching = [...groups.values()].filter((group) => type === undefined || group.type === type);
	const page = matching.filter((group) => group.listOrder > after).slice(0, limit);
	const last = page.at(-1);
	const more = last !== undefined && matching.some((group) => group.listOrder > last.listOrder);
	return ok({ TotalCount: matching.length, GroupIdList: page.map((group) => ({ GroupId: group.id })), Next: more ? NEXT_BASE + last.listOrder : 0 });
}

function modifyGroup(groups: Groups, body: RequestBody, { nowSeconds }: CallContext): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	const name = optionalString(body, 'Name', LIMITS.Name);
	if (name === '') throw bad('Name cannot be empty');
	const introduction = optionalString(body, 'Introduction', LIMITS.Introduction);
	const notification = optionalString(body, 'Notification', LIMITS.Notification);
	const faceUrl = optionalString(body, 'FaceUrl', LIMITS.FaceUrl);
	const maxMembers = optionalWhole(body, 'MaxMemberNum', 1, 1_000_000);
	const applyJoinOption = oneOf(body, 'ApplyJoinOption', JOIN_OPTIONS);
	const muteAll = oneOf(body, 'ShutUpAllMember', ['On', 'Off'] as const);
	const data = customData(body, 'AppDefinedData', 10, 512);
	if (maxMembers !== undefined && group.type !== 'AVChatRoom' && maxMembers < group.members.size) throw bad('MaxMemberNum is below the member count');
	if (name !== undefined) group.name = name;
	if (introduction !== undefined) group.introduction = introduction;
	if (notification !== undefined) group.notification = notification;
	if (faceUrl !== undefined) group.faceUrl = faceUrl;
	if (maxMembers !== undefined && group.type !== 'AVChatRoom') group.maxMembers = maxMembers;
	if (applyJoinOption !== undefined) group.applyJoinOption = applyJoinOption;
	if (muteAll !== undefined) group.muteAll = muteAll === 'On';
	for (const [key, value] of Object.entries(data ?? {})) {
		if (value === '') delete group.customData[key];
		else group.customData[key] = value;
	}
	if (Object.keys(group.customData).length > 10) throw bad('a group holds at most 10 custom data keys');
	group.infoSeq++;
	group.lastInfoTime = nowSeconds;
	return ok();
}

/** Snapshots of what a destroy took, for its callback. */
const destroyedBy = new WeakMap<Answer, Group>();

function destroyGroup(groups: Groups, body: RequestBody): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	for (const userId of [...group.members.keys()]) removeMember(groups, group, userId);
	groups.delete(group.id);
	groups.destroyed.set(group.id, group);
	const answer = ok();
	destroyedBy.set(answer, group);
	return answer;
}

function changeOwner(groups: Groups, body: RequestBody): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	const newOwner = groupString(body, 'NewOwner_Account');
	refuseType(group, ['AVChatRoom'], 'change_group_owner');
	const member = group.members.get(newOwner);
	if (member === undefined) throw bad(`${newOwner.slice(0, 40)} is not a member of the group`);
	const old = group.members.get(group.owner);
	if (old !== undefined) old.role = 'Member';
	member.role = 'Owner';
	group.owner = newOwner;
	return ok();
}

// Callback bodies as Tencent's callback pages show them (linked from TC 34354; not in this
// project's reference: the field names are UNCONFIRMED).
function createCallback(...[body, answer, { operator, nowMs }]: Parameters<CallbackEvents>): ReturnType<CallbackEvents> {
	return [
	{
		command: 'Group.CallbackAfterCreateGroup',
		body: {
			CallbackCommand: 'Group.CallbackAfterCreateGroup',
			GroupId: answer.GroupId,
			Operator_Account: operator,
			Owner_Account: body.Owner_Account ?? '',
			Type: answer.Type,
			Name: body.Name,
			MemberList: Array.isArray(body.MemberList) ? (body.MemberList as Array<{ Member_Account: string }>).map(({ Member_Account }) => ({ Member_Account })) : [],
			EventTime: nowMs,
		},
	},
	];
}

function destroyCallback(...[, answer, { nowMs }]: Parameters<CallbackEvents>): ReturnType<CallbackEvents> {
	const group = destroyedBy.get(answer);
	if (group === undefined) return [];
	return [
		{
			command: 'Group.CallbackAfterGroupDestroyed',
			body: { CallbackCommand: 'Group.CallbackAfterGroupDestroyed', GroupId: group.id, Type: group.type, Owner_Account: group.owner, Name: group.name, EventTime: nowMs },
		},
	];
}

/** The groups an app holds, for tests. */
export function groupsOf(state: unknown): Groups | undefined {
	return state as Groups | undefined;
}

