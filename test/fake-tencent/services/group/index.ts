// The Group resource: groups, per app (`group_open_http_svc`, reference §1). Profile and life
// (info, list, modify, destroy) and owner here; create in `create.ts`; members in `members.ts`;
// messages in `messages.ts`; the state in `state.ts`, the request rules in `rules.ts`.
// Rates (the app's, and each group's 40 messages a second) and per-call maxima come from the
// command table, kept by the core.

import type { COMMANDS } from '../../../../nodes/TencentChat/actions/group/api/commands';
import {
	type Answer,
	type CallbackEvents,
	type CallContext,
	type CoreApp,
	defineService,
	ok,
	type RequestBody,
} from '../service';
import {
	BASE_FIELDS,
	baseInfo,
	type Group,
	groupNamed,
	Groups,
	groupSnapshot,
	type GroupType,
	joinMember,
	newGroup,
	refuseType,
	removeMember,
	storeGroupMessage,
} from './state';
import {
	accountList,
	bad,
	customData,
	groupString,
	oneOf,
	optionalString,
	optionalWhole,
} from './rules';
import { createCallback, createGroup, JOIN_OPTIONS, LIMITS } from './create';
import { memberCallbacks, memberCommands } from './members';
import { messageCallbacks, messageCommands, messageEntryLists } from './messages';

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

/** What this module reads of `FakeApp`. */
export interface GroupSetup {
	/** Groups that exist, by ID. */
	groups?: Record<string, FakeGroup>;
	/** How many groups one user may join (default 500, the Standard edition's); 10037 past it. */
	maxGroupsPerUser?: number;
}

/** What tests read: `server.inspect('group', app, groupId)`. */
const INSPECTIONS = {
	/** A group as the server holds it, live or destroyed: profile, members, messages, notifications. */
	group: groupSnapshot,
};

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

export const groupModule = defineService<
	Groups,
	keyof typeof COMMANDS,
	GroupSetup,
	typeof INSPECTIONS
>({
	createState,
	commands: {
		createGroup,
		getGroups: getGroupInfo,
		getAppGroupPage: getAppGroupList,
		updateGroup: modifyGroup,
		deleteGroup: destroyGroup,
		changeGroupOwner: changeOwner,
		...memberCommands,
		...messageCommands,
	},
	callbacks: {
		createGroup: createCallback,
		deleteGroup: destroyCallback,
		...memberCallbacks,
		...messageCallbacks,
	},
	entryLists: {
		getGroups: { list: 'GroupInfo', id: 'GroupId', result: 'ErrorCode' },
		addGroupMembers: { list: 'MemberList', id: 'Member_Account', result: 'Result' },
		...messageEntryLists,
	},
	inspections: INSPECTIONS,
});

function createState(app: CoreApp & GroupSetup): Groups {
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
			for (const member of setup.members ?? [])
				if (!group.members.has(member)) joinMember(groups, group, member, 'Member', now);
		}
		for (const text of setup.messages ?? []) {
			storeGroupMessage(group, {
				from: owner || app.admins[0],
				time: now,
				random: 0,
				priority: 'Normal',
				body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
				isSystemMsg: 0,
			});
		}
	}
	return groups;
}

/** Unlisted fields are left out once a ResponseFilter is given; without one, everything, members too. */
function getGroupInfo(groups: Groups, body: RequestBody, { command }: CallContext): Answer {
	const ids = accountList(body, 'GroupIdList', command);
	const filter = body.ResponseFilter as Record<string, unknown> | undefined;
	if (filter !== undefined && (typeof filter !== 'object' || filter === null))
		throw bad('ResponseFilter must be an object');
	const baseFields =
		filter === undefined
			? BASE_FIELDS
			: Array.isArray(filter.GroupBaseInfoFilter)
				? (filter.GroupBaseInfoFilter as string[])
				: [];
	const withMembers = filter === undefined || Array.isArray(filter.MemberInfoFilter);
	const dataKeys =
		filter === undefined
			? undefined
			: Array.isArray(filter.AppDefinedDataFilter_Group)
				? (filter.AppDefinedDataFilter_Group as string[])
				: [];
	const GroupInfo = ids.map((id) => {
		const group = groups.get(id);
		if (group === undefined)
			return {
				GroupId: id,
				ErrorCode: 10010,
				ErrorInfo: 'group does not exist or has been dissolved',
			};
		const data = Object.entries(group.customData).filter(
			([key]) => dataKeys === undefined || dataKeys.includes(key),
		);
		return {
			GroupId: id,
			ErrorCode: 0,
			ErrorInfo: '',
			...baseInfo(group, baseFields),
			...(data.length > 0 ? { AppDefinedData: data.map(([Key, Value]) => ({ Key, Value })) } : {}),
			...(withMembers
				? {
						MemberList: [...group.members].map(([Member_Account, member]) => ({
							Member_Account,
							Role: member.role,
							JoinTime: member.joinTime,
						})),
					}
				: {}),
		};
	});
	return ok({ GroupInfo });
}

function getAppGroupList(groups: Groups, body: RequestBody): Answer {
	const limit = optionalWhole(body, 'Limit', 1, 10_000) ?? 10_000;
	const next = optionalWhole(body, 'Next', 0, Number.MAX_SAFE_INTEGER) ?? 0;
	let type: GroupType | undefined;
	if (body.GroupType !== undefined) {
		if (typeof body.GroupType !== 'string' || !(body.GroupType in LIST_TYPE_FILTER))
			throw bad('GroupType must be Public, Private, ChatRoom, AVChatRoom, BChatRoom or Community');
		type = LIST_TYPE_FILTER[body.GroupType];
		if (type === undefined) return ok({ TotalCount: 0, GroupIdList: [], Next: 0 });
	}
	const after = next === 0 ? 0 : next - NEXT_BASE;
	const matching = [...groups.values()].filter(
		(group) => type === undefined || group.type === type,
	);
	const page = matching.filter((group) => group.listOrder > after).slice(0, limit);
	const last = page.at(-1);
	const more = last !== undefined && matching.some((group) => group.listOrder > last.listOrder);
	return ok({
		TotalCount: matching.length,
		GroupIdList: page.map((group) => ({ GroupId: group.id })),
		Next: more ? NEXT_BASE + last.listOrder : 0,
	});
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
	if (maxMembers !== undefined && group.type !== 'AVChatRoom' && maxMembers < group.members.size)
		throw bad('MaxMemberNum is below the member count');
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
	if (Object.keys(group.customData).length > 10)
		throw bad('a group holds at most 10 custom data keys');
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

function destroyCallback(
	...[, answer, { nowMs }]: Parameters<CallbackEvents>
): ReturnType<CallbackEvents> {
	const group = destroyedBy.get(answer);
	if (group === undefined) return [];
	return [
		{
			command: 'Group.CallbackAfterGroupDestroyed',
			body: {
				CallbackCommand: 'Group.CallbackAfterGroupDestroyed',
				GroupId: group.id,
				Type: group.type,
				Owner_Account: group.owner,
				Name: group.name,
				EventTime: nowMs,
			},
		},
	];
}
