import { COMMANDS } from './commands';
import { type BulkAnswer, checkCount } from '../../../client/entryResults';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';
import { type GroupType, WIRE_TYPE } from './groupTypes';
import { onGroup } from './info';

// A group's members: add, remove, mute, list, and the groups of one user (§1.1).

/** add_group_member's Result per member: 0 failed, 1 added, 2 already a member, 3 awaiting the invitee's approval. */
export type MemberResult = 0 | 1 | 2 | 3;
const isMemberResult = (value: unknown): value is MemberResult =>
	value === 0 || value === 1 || value === 2 || value === 3;

/** `add_group_member`: up to 300 members; `silence` sends no system notice. */
export async function addGroupMembers(
	client: TencentChatClient,
	groupId: string,
	memberIds: string[],
	silence: boolean,
	options: CallOptions = {},
): Promise<BulkAnswer<MemberResult>> {
	checkCount(COMMANDS.addGroupMembers, memberIds.length);
	const command = COMMANDS.addGroupMembers;
	return onGroup(client, command, groupId, options, async () => {
		const body = () => ({
			GroupId: groupId,
			...(silence ? { Silence: 1 } : {}),
			MemberList: memberIds.map((id) => ({ Member_Account: id })),
		});
		const {
			body: answer,
			mayHaveBeenAppliedBefore,
			attempts,
		} = await client.call<TencentChatAnswer & { MemberList?: unknown }>(command, body, options);
		return {
			results: memberResults(answer.MemberList, new Set(memberIds)),
			mayHaveBeenAppliedBefore,
			attempts,
		};
	});
}

/**
 * readEntryResults' rules (only members asked about, a documented Result, no member with two
 * results) in one loop without an object per entry: 600,000 members are 2,000 answers of 300.
 */
function memberResults(list: unknown, asked: ReadonlySet<string>): Map<string, MemberResult> {
	const results = new Map<string, MemberResult>();
	if (!Array.isArray(list)) return results;
	let conflicting: Set<string> | undefined;
	for (const entry of list as unknown[]) {
		if (typeof entry !== 'object' || entry === null) continue;
		const { Member_Account: id, Result: result } = entry as Record<string, unknown>;
		if (typeof id !== 'string' || !isMemberResult(result) || !asked.has(id)) continue;
		const earlier = results.get(id);
		if (earlier !== undefined && earlier !== result) (conflicting ??= new Set()).add(id);
		results.set(id, result);
	}
	for (const id of conflicting ?? []) results.delete(id);
	return results;
}

/** Every ID of an OK answer that lists none: the call applies to all of them. */
function allOf<R>(
	ids: string[],
	result: R,
	answer: { mayHaveBeenAppliedBefore: boolean; attempts: number },
): BulkAnswer<R> {
	return {
		results: new Map(ids.map((id) => [id, result])),
		mayHaveBeenAppliedBefore: answer.mayHaveBeenAppliedBefore,
		attempts: answer.attempts,
	};
}

/** `delete_group_member`: up to 100. Tencent answers OK for a user who was not a member too. */
export async function removeGroupMembers(
	client: TencentChatClient,
	groupId: string,
	memberIds: string[],
	{ silence, reason }: { silence: boolean; reason?: string },
	options: CallOptions = {},
): Promise<BulkAnswer<true>> {
	checkCount(COMMANDS.removeGroupMembers, memberIds.length);
	const command = COMMANDS.removeGroupMembers;
	return onGroup(client, command, groupId, options, async () => {
		const body = {
			GroupId: groupId,
			MemberToDel_Account: memberIds,
			...(silence ? { Silence: 1 } : {}),
			...(reason ? { Reason: reason } : {}),
		};
		return allOf(memberIds, true as const, await client.call(command, body, options));
	});
}

/** `forbid_send_msg`: up to 500 members for `seconds` (0 unmutes, 4294967295 is for ever). */
export async function muteGroupMembers(
	client: TencentChatClient,
	groupId: string,
	memberIds: string[],
	seconds: number,
	options: CallOptions = {},
): Promise<BulkAnswer<true>> {
	checkCount(COMMANDS.muteGroupMembers, memberIds.length);
	const command = COMMANDS.muteGroupMembers;
	return onGroup(client, command, groupId, options, async () =>
		// MuteTime is the current name (TRTC 34951); QD and OAS say ShutUpTime (§7).
		allOf(
			memberIds,
			true as const,
			await client.call(
				command,
				{ GroupId: groupId, Members_Account: memberIds, MuteTime: seconds },
				options,
			),
		),
	);
}

export interface GroupMember {
	Member_Account: string;
	Role?: unknown;
	JoinTime?: unknown;
	MsgFlag?: unknown;
	LastSendMsgTime?: unknown;
	ShutUpUntil?: unknown;
	NameCard?: unknown;
	AppMemberDefinedData?: unknown;
}

export interface MemberPage {
	members: GroupMember[];
	/** A Community's cursor for the next page; absent for other types, which page by offset. */
	next?: string;
	total?: number;
}

/**
 * `get_group_member_info`: one page. Other types page by Offset; a Community by the `Next` it
 * returns (its type and first value, "" or 0, are UNCONFIRMED: §9.3; "" is sent).
 */
export async function getGroupMemberPage(
	client: TencentChatClient,
	groupId: string,
	{
		limit,
		offset,
		next,
		roles,
	}: { limit: number; offset?: number; next?: string; roles?: string[] },
	options: CallOptions = {},
): Promise<MemberPage> {
	checkCount(COMMANDS.getGroupMemberPage, limit);
	const command = COMMANDS.getGroupMemberPage;
	return onGroup(client, command, groupId, options, async () => {
		const body = {
			GroupId: groupId,
			Limit: limit,
			...(next !== undefined ? { Next: next } : offset ? { Offset: offset } : {}),
			...(roles !== undefined && roles.length > 0 ? { MemberRoleFilter: roles } : {}),
		};
		const { body: answer } = await client.call<
			TencentChatAnswer & { MemberList?: unknown; MemberNum?: unknown; Next?: unknown }
		>(command, body, options);
		const list = Array.isArray(answer.MemberList) ? (answer.MemberList as unknown[]) : [];
		return {
			members: list.filter(
				(entry): entry is GroupMember =>
					typeof (entry as GroupMember | null)?.Member_Account === 'string',
			),
			...(typeof answer.Next === 'string' ? { next: answer.Next } : {}),
			total: typeof answer.MemberNum === 'number' ? answer.MemberNum : undefined,
		};
	});
}

export interface JoinedGroup {
	GroupId: string;
	[field: string]: unknown;
}

/** `get_joined_group_list`: one page of the groups a user is in, with their base fields and the user's own. */
export async function getJoinedGroupPage(
	client: TencentChatClient,
	userId: string,
	{ limit, offset, type }: { limit: number; offset: number; type?: GroupType },
	options: CallOptions = {},
): Promise<{ groups: JoinedGroup[]; total?: number }> {
	checkCount(COMMANDS.getJoinedGroupPage, limit);
	const body = {
		Member_Account: userId,
		Limit: limit,
		Offset: offset,
		...(type !== undefined ? { GroupType: WIRE_TYPE[type] } : {}),
		ResponseFilter: {
			GroupBaseInfoFilter: [
				'Type',
				'Name',
				'Owner_Account',
				'CreateTime',
				'MemberNum',
				'LastMsgTime',
			],
			SelfInfoFilter: ['Role', 'JoinTime', 'MsgFlag', 'ShutUpUntil', 'NameCard'],
		},
	};
	const { body: answer } = await client.call<
		TencentChatAnswer & { GroupIdList?: unknown; TotalCount?: unknown }
	>(COMMANDS.getJoinedGroupPage, body, options);
	const list = Array.isArray(answer.GroupIdList) ? (answer.GroupIdList as unknown[]) : [];
	return {
		groups: list.filter(
			(entry): entry is JoinedGroup => typeof (entry as JoinedGroup | null)?.GroupId === 'string',
		),
		total: typeof answer.TotalCount === 'number' ? answer.TotalCount : undefined,
	};
}
