import { COMMANDS } from './commands';
import { checkCount } from '../../../client/entryResults';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';
import { TencentChatError } from '../../../client/TencentChatError';
import { type GroupType, WIRE_TYPE } from './groupTypes';
import { type CustomEntry, onGroup } from './info';

// The group service's commands (group_open_http_svc), one function each: the request Tencent
// documents and what its answer says, nothing of n8n (../shared/reference/tencent-chat-groups-users.md §1.1).

export type { GroupType } from './groupTypes';
export { GROUP_TYPES, typeFromWire } from './groupTypes';
export { GROUP_RECALL_CODES } from './errorCodes';

export interface NewGroup {
	type: GroupType;
	name: string;
	owner?: string;
	groupId?: string;
	introduction?: string;
	notification?: string;
	faceUrl?: string;
	maxMembers?: number;
	joinOption?: string;
	customData?: CustomEntry[];
	members?: string[];
}

export interface Applied {
	/** An earlier attempt may have been carried out already. */
	mayHaveBeenAppliedBefore: boolean;
}

/** `create_group`: the new group's ID (Tencent's own when none was given). */
export async function createGroup(
	client: TencentChatClient,
	group: NewGroup,
	options: CallOptions = {},
): Promise<Applied & { groupId?: string }> {
	if (group.members !== undefined && group.members.length > 0)
		checkCount(COMMANDS.createGroup, group.members.length);
	const body = {
		Type: WIRE_TYPE[group.type],
		Name: group.name,
		...(group.owner !== undefined ? { Owner_Account: group.owner } : {}),
		...(group.groupId !== undefined ? { GroupId: group.groupId } : {}),
		...(group.introduction !== undefined ? { Introduction: group.introduction } : {}),
		...(group.notification !== undefined ? { Notification: group.notification } : {}),
		...(group.faceUrl !== undefined ? { FaceUrl: group.faceUrl } : {}),
		...(group.maxMembers !== undefined ? { MaxMemberCount: group.maxMembers } : {}),
		...(group.joinOption !== undefined ? { ApplyJoinOption: group.joinOption } : {}),
		...(group.customData !== undefined ? { AppDefinedData: group.customData } : {}),
		...(group.members !== undefined && group.members.length > 0
			? { MemberList: group.members.map((id) => ({ Member_Account: id })) }
			: {}),
	};
	const { body: answer, mayHaveBeenAppliedBefore } = await client.call<
		TencentChatAnswer & { GroupId?: unknown }
	>(COMMANDS.createGroup, body, options);
	// With an ID of its own the group is that one, whatever the answer says; without, the answer's
	// ID if it is one (printable ASCII, ≤48 bytes), else undefined: created, under an ID not known.
	const answered =
		typeof answer.GroupId === 'string' && /^[\x20-\x7E]{1,48}$/.test(answer.GroupId)
			? answer.GroupId
			: undefined;
	return { groupId: group.groupId ?? answered, mayHaveBeenAppliedBefore };
}

export interface GroupIdPage {
	groupIds: string[];
	/** The next page's cursor; undefined when this was the last. */
	next?: number;
	total?: number;
}

/**
 * `get_appid_group_list`: one page of the app's group IDs, from `next` (0 first). Next is a 64-bit
 * value (doocs); one past 2^53 cannot be followed exactly in JSON numbers (§9.11, UNCONFIRMED
 * whether Tencent's ever are), so the page says it cannot go on rather than skip or repeat groups.
 */
export async function getAppGroupPage(
	client: TencentChatClient,
	{ limit, next, type }: { limit: number; next: number; type?: GroupType },
	options: CallOptions = {},
): Promise<GroupIdPage> {
	checkCount(COMMANDS.getAppGroupPage, limit);
	const { body } = await client.call<
		TencentChatAnswer & { GroupIdList?: unknown; Next?: unknown; TotalCount?: unknown }
	>(
		COMMANDS.getAppGroupPage,
		{ Limit: limit, Next: next, ...(type !== undefined ? { GroupType: WIRE_TYPE[type] } : {}) },
		options,
	);
	const list = Array.isArray(body.GroupIdList) ? (body.GroupIdList as unknown[]) : [];
	const groupIds = list
		.map((entry) => (entry as Record<string, unknown> | null)?.GroupId)
		.filter((id): id is string => typeof id === 'string');
	const cursor = body.Next;
	const following =
		typeof cursor === 'number' && Number.isSafeInteger(cursor) && cursor > 0 ? cursor : undefined;
	if (typeof cursor === 'number' && cursor > Number.MAX_SAFE_INTEGER) {
		throw new TencentChatError(
			'CURSOR_TOO_LARGE',
			'get_appid_group_list answered a Next cursor past 2^53, which cannot be sent back exactly',
			{ action: 'reject' },
		);
	}
	return {
		groupIds,
		next: following,
		total: typeof body.TotalCount === 'number' ? body.TotalCount : undefined,
	};
}

export interface GroupChanges {
	Name?: string;
	Introduction?: string;
	Notification?: string;
	FaceUrl?: string;
	MaxMemberNum?: number;
	ApplyJoinOption?: string;
	/** Mute everyone but the owner and admins. QD and OAS name it ShutUpAllMember, doocs MuteAllMember (§9.4, UNCONFIRMED). */
	ShutUpAllMember?: 'On' | 'Off';
	/** A Value of "" deletes the key. */
	AppDefinedData?: CustomEntry[];
}

/** `modify_group_base_info`: only the fields given change. */
export async function updateGroup(
	client: TencentChatClient,
	groupId: string,
	changes: GroupChanges,
	options: CallOptions = {},
): Promise<Applied> {
	const { mayHaveBeenAppliedBefore } = await client.call(
		COMMANDS.updateGroup,
		{ GroupId: groupId, ...changes },
		options,
	);
	return { mayHaveBeenAppliedBefore };
}

/** `destroy_group`: irreversible. */
export async function deleteGroup(
	client: TencentChatClient,
	groupId: string,
	options: CallOptions = {},
): Promise<Applied> {
	const { mayHaveBeenAppliedBefore } = await client.call(
		COMMANDS.deleteGroup,
		{ GroupId: groupId },
		options,
	);
	return { mayHaveBeenAppliedBefore };
}

export interface MemberChanges {
	Role?: 'Admin' | 'Member';
	NameCard?: string;
	MsgFlag?: string;
	/** Mute seconds, 0 unmutes. QD and OAS name it ShutUpTime, doocs MuteTime (§9.4, UNCONFIRMED). */
	ShutUpTime?: number;
	AppMemberDefinedData?: CustomEntry[];
}

/** `modify_group_member_info`: one member's settings. */
export async function updateGroupMember(
	client: TencentChatClient,
	groupId: string,
	memberId: string,
	changes: MemberChanges,
	options: CallOptions = {},
): Promise<Applied> {
	const command = COMMANDS.updateGroupMember;
	return onGroup(client, command, groupId, options, async () => {
		const { mayHaveBeenAppliedBefore } = await client.call(
			command,
			{ GroupId: groupId, Member_Account: memberId, ...changes },
			options,
		);
		return { mayHaveBeenAppliedBefore };
	});
}

/** `change_group_owner`: the new owner must be a member; an ownerless group gets one. */
export async function changeGroupOwner(
	client: TencentChatClient,
	groupId: string,
	newOwner: string,
	options: CallOptions = {},
): Promise<Applied> {
	const command = COMMANDS.changeGroupOwner;
	return onGroup(client, command, groupId, options, async () => {
		const { mayHaveBeenAppliedBefore } = await client.call(
			command,
			{ GroupId: groupId, NewOwner_Account: newOwner },
			options,
		);
		return { mayHaveBeenAppliedBefore };
	});
}

export * from './info';
export * from './members';
export * from './messages';
export { COMMANDS } from './commands';
