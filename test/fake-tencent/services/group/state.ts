// The Group module's state for one app: its groups (profile, members, roles, mutes, messages with
// their MsgSeq), the groups destroyed since, and what the group type matrix of the reference
// (../shared/reference/tencent-chat-groups-users.md §1.0) lets each type do.

import { TencentFailure } from '../service';

/** Types as Tencent names them on the wire; `Private` and `ChatRoom` are the old names of Work and Meeting. */
export type GroupType = 'Work' | 'Public' | 'Meeting' | 'AVChatRoom' | 'Community';
export const OLD_TYPE_NAMES: Readonly<Record<string, GroupType>> = {
	Private: 'Work',
	ChatRoom: 'Meeting',
};
export const GROUP_TYPES: readonly GroupType[] = [
	'Work',
	'Public',
	'Meeting',
	'AVChatRoom',
	'Community',
];

export type Role = 'Owner' | 'Admin' | 'Member';

export interface GroupMember {
	role: Role;
	joinTime: number;
	nameCard: string;
	msgFlag: string;
	/** Unix seconds until which the member may not send; 0 when not muted. */
	shutUpUntil: number;
	lastSendMsgTime: number;
	customData: Record<string, string>;
}

export interface GroupMessage {
	seq: number;
	from: string;
	time: number;
	random: number;
	priority: string;
	body: unknown[];
	cloudCustomData?: string;
	/** 0 normal, 2 recalled (Tencent's IsPlaceMsg). */
	placeMsg: 0 | 2;
	isSystemMsg: 0 | 1;
}

export interface Group {
	id: string;
	type: GroupType;
	name: string;
	/** '' for an ownerless group. */
	owner: string;
	createTime: number;
	introduction: string;
	notification: string;
	faceUrl: string;
	maxMembers: number;
	applyJoinOption: string;
	customData: Record<string, string>;
	muteAll: boolean;
	infoSeq: number;
	lastInfoTime: number;
	lastMsgTime: number;
	/** Members in join order (AVChatRoom keeps none). */
	members: Map<string, GroupMember>;
	/** Users invited whose approval is awaited (add_group_member Result 3). */
	invited: Set<string>;
	/** Whether an invitee must approve (the fake's stand-in for InviteJoinOption NeedPermission). */
	inviteNeedsApproval: boolean;
	messages: GroupMessage[];
	nextMsgSeq: number;
	/** System notifications sent, for tests: content and who was addressed ('all' or a list). */
	notifications: Array<{ content: string; to: string[] | 'all'; time: number }>;
	/** Where get_appid_group_list lists it, in creation order. */
	listOrder: number;
}

/** The app's groups by ID; `destroyed` keeps those Delete took, for inspection. */
export class Groups extends Map<string, Group> {
	readonly destroyed = new Map<string, Group>();
	nextGeneratedId = 1;
	nextListOrder = 1;
	/** How many groups one user may join (Standard edition 500, §1.0); 10037 past it. */
	maxGroupsPerUser = 500;
	/** How many groups each user has joined, for the cap: a count, so that a bench's 600,000 members cost no Set each. */
	readonly joinedCounts = new Map<string, number>();
}

/** The member cap of a type when the create call gives none (§1.0: Standard edition defaults). */
export function defaultMaxMembers(type: GroupType): number {
	if (type === 'AVChatRoom') return Number.POSITIVE_INFINITY;
	if (type === 'Community') return 100_000;
	return 200;
}

export function groupNamed(groups: Groups, id: string): Group {
	const group = groups.get(id);
	if (group === undefined)
		throw new TencentFailure(10010, 'group does not exist or has been dissolved');
	return group;
}

/** What a type cannot do, with Tencent's code for it (§1.0 matrix). */
export function refuseType(
	group: Group,
	types: readonly GroupType[],
	what: string,
	code = 10007,
): void {
	if (types.includes(group.type))
		throw new TencentFailure(code, `${what} is not supported for group type ${group.type}`);
}

export function joinMember(
	groups: Groups,
	group: Group,
	userId: string,
	role: Role,
	now: number,
): void {
	if (!group.members.has(userId)) groups.joinedCounts.set(userId, joinedCount(groups, userId) + 1);
	group.members.set(userId, {
		role,
		joinTime: now,
		nameCard: '',
		msgFlag: 'AcceptAndNotify',
		shutUpUntil: 0,
		lastSendMsgTime: 0,
		customData: {},
	});
}

export function removeMember(groups: Groups, group: Group, userId: string): boolean {
	if (!group.members.delete(userId)) return false;
	groups.joinedCounts.set(userId, joinedCount(groups, userId) - 1);
	return true;
}

export function joinedCount(groups: Groups, userId: string): number {
	return groups.joinedCounts.get(userId) ?? 0;
}

export function storeGroupMessage(
	group: Group,
	message: Omit<GroupMessage, 'seq' | 'placeMsg'>,
): GroupMessage {
	const stored: GroupMessage = { seq: group.nextMsgSeq++, placeMsg: 0, ...message };
	group.messages.push(stored);
	group.lastMsgTime = message.time;
	return stored;
}

export const BASE_FIELDS = [
	'Type',
	'Name',
	'Introduction',
	'Notification',
	'FaceUrl',
	'Owner_Account',
	'CreateTime',
	'InfoSeq',
	'LastInfoTime',
	'LastMsgTime',
	'NextMsgSeq',
	'MemberNum',
	'MaxMemberNum',
	'ApplyJoinOption',
	'ShutUpAllMember',
] as const;

export function baseInfo(
	group: Group,
	fields: readonly string[] = BASE_FIELDS,
): Record<string, unknown> {
	const all: Record<(typeof BASE_FIELDS)[number], unknown> = {
		// The wire keeps the old names (Private, ChatRoom) in answers (UNCONFIRMED which an answer uses; the fake answers the old ones).
		Type: group.type === 'Work' ? 'Private' : group.type === 'Meeting' ? 'ChatRoom' : group.type,
		Name: group.name,
		Introduction: group.introduction,
		Notification: group.notification,
		FaceUrl: group.faceUrl,
		Owner_Account: group.owner,
		CreateTime: group.createTime,
		InfoSeq: group.infoSeq,
		LastInfoTime: group.lastInfoTime,
		LastMsgTime: group.lastMsgTime,
		NextMsgSeq: group.nextMsgSeq,
		MemberNum: group.members.size,
		MaxMemberNum: Number.isFinite(group.maxMembers) ? group.maxMembers : 0,
		ApplyJoinOption: group.applyJoinOption,
		ShutUpAllMember: group.muteAll ? 'On' : 'Off',
	};
	const picked: Record<string, unknown> = {};
	for (const field of fields) if (field in all) picked[field] = all[field as keyof typeof all];
	return picked;
}

/** What a test or the e2e run reads of one group, live or destroyed. */
export function groupSnapshot(groups: Groups, id: string): Record<string, unknown> {
	const live = groups.get(id);
	const group = live ?? groups.destroyed.get(id);
	if (group === undefined) return { exists: false, destroyed: false };
	return {
		exists: live !== undefined,
		destroyed: live === undefined,
		type: group.type,
		name: group.name,
		owner: group.owner,
		introduction: group.introduction,
		notification: group.notification,
		faceUrl: group.faceUrl,
		maxMembers: Number.isFinite(group.maxMembers) ? group.maxMembers : null,
		applyJoinOption: group.applyJoinOption,
		customData: group.customData,
		muteAll: group.muteAll,
		members: Object.fromEntries(
			[...group.members].map(([userId, member]) => [
				userId,
				{
					role: member.role,
					nameCard: member.nameCard,
					shutUpUntil: member.shutUpUntil,
					msgFlag: member.msgFlag,
					customData: member.customData,
				},
			]),
		),
		invited: [...group.invited],
		messages: group.messages.map(
			({ seq, from, time, random, priority, body, placeMsg, isSystemMsg }) => ({
				seq,
				from,
				time,
				random,
				priority,
				body,
				recalled: placeMsg === 2,
				isSystemMsg,
			}),
		),
		notifications: group.notifications,
	};
}

export function newGroup(
	groups: Groups,
	id: string,
	type: GroupType,
	name: string,
	owner: string,
	now: number,
): Group {
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
