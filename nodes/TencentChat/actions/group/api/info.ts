import { COMMANDS } from './commands';
import { type BulkAnswer, checkCount, readEntryResults } from '../../../client/entryResults';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';
import { explainingGroupType, typeFromWire } from './groupTypes';

// get_group_info, and what the other group commands use it for: naming a group's type when
// Tencent refuses an operation that type does not allow.

export interface CustomEntry {
	Key: string;
	Value: string;
}

/** The base fields get_group_info can return; `ResponseFilter.GroupBaseInfoFilter` picks among them. */
export const GROUP_FIELDS = [
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
export type GroupField = (typeof GROUP_FIELDS)[number];

/** One group's answer: its fields, or the ErrorCode Tencent gave its entry. */
export type GroupInfo =
	| { fields: Record<string, unknown>; customData?: CustomEntry[] }
	| { errorCode: number };

/**
 * `get_group_info` for up to 50 groups. A filter is always sent: without one Tencent returns every
 * member of every group, which for a large group passes the 1 MB bound (10018). The top-level
 * ErrorCode means nothing here: each entry has its own (§1.1).
 */
export async function getGroups(
	client: TencentChatClient,
	groupIds: string[],
	{
		fields = GROUP_FIELDS,
		customDataKeys,
	}: { fields?: readonly GroupField[]; customDataKeys?: string[] } = {},
	options: CallOptions = {},
): Promise<BulkAnswer<GroupInfo>> {
	checkCount(COMMANDS.getGroups, groupIds.length);
	const filter = {
		GroupBaseInfoFilter: fields.length > 0 ? fields : GROUP_FIELDS,
		...(customDataKeys !== undefined && customDataKeys.length > 0
			? { AppDefinedDataFilter_Group: customDataKeys }
			: {}),
	};
	const { body, mayHaveBeenAppliedBefore, attempts } = await client.call<
		TencentChatAnswer & { GroupInfo?: unknown }
	>(COMMANDS.getGroups, { GroupIdList: groupIds, ResponseFilter: filter }, options);
	const results = readEntryResults<GroupInfo>(body.GroupInfo, new Set(groupIds), (entry) => ({
		id: entry.GroupId,
		result: groupInfo(entry),
	}));
	return { results, mayHaveBeenAppliedBefore, attempts };
}

function groupInfo(entry: Record<string, unknown>): GroupInfo {
	if (typeof entry.ErrorCode === 'number' && entry.ErrorCode !== 0)
		return { errorCode: entry.ErrorCode };
	const fields: Record<string, unknown> = {};
	for (const name of GROUP_FIELDS) if (name in entry) fields[name] = entry[name];
	return {
		fields,
		...(Array.isArray(entry.AppDefinedData)
			? { customData: customEntries(entry.AppDefinedData) }
			: {}),
	};
}

function customEntries(list: unknown[]): CustomEntry[] {
	return list.filter(
		(entry): entry is CustomEntry =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as CustomEntry).Key === 'string' &&
			typeof (entry as CustomEntry).Value === 'string',
	);
}

/** One group's type, for messages about what it cannot do; undefined when the answer does not say. */
export async function groupTypeOf(
	client: TencentChatClient,
	groupId: string,
	options: CallOptions = {},
): Promise<string | undefined> {
	const answer = await getGroups(client, [groupId], { fields: ['Type'] }, options);
	const info = answer.results.get(groupId);
	return info !== undefined && 'fields' in info ? typeFromWire(info.fields.Type) : undefined;
}

/** Runs a call on one group, naming the group's type if Tencent refuses it for that type. */
export function onGroup<T>(
	client: TencentChatClient,
	command: (typeof COMMANDS)[keyof typeof COMMANDS],
	groupId: string,
	options: CallOptions,
	call: () => Promise<T>,
): Promise<T> {
	return explainingGroupType(command, groupId, options, call, (id) =>
		groupTypeOf(client, id, { signal: options.signal }),
	);
}
