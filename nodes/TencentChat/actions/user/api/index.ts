import { COMMANDS } from './commands';
import { type BulkAnswer, checkCount, readEntryResults } from '../../../client/entryResults';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';

// Users: profiles (`profile/portrait_get`, `portrait_set`) and presence
// (`openim/query_online_status`): the request Tencent documents and what its answer says, nothing
// of n8n. Sources: CN 1639, CN 1640, TC 35477; see the project's reference §2 and §3.

export * from './profileTags';

export interface ProfileItem {
	Tag: string;
	Value: string | number;
}

/** A profile as portrait_get gives it (tag → value), or the entry's ResultCode when it is not 0. */
export type ProfileResult = Readonly<Record<string, unknown>> | number;

/** `portrait_get`: the tags asked for, of up to 100 accounts. */
export async function getProfiles(
	client: TencentChatClient,
	userIds: string[],
	tags: readonly string[],
	options: CallOptions = {},
): Promise<BulkAnswer<ProfileResult>> {
	checkCount(COMMANDS.getProfiles, userIds.length);
	const { body, mayHaveBeenAppliedBefore, attempts } = await client.call<
		TencentChatAnswer & { UserProfileItem?: unknown }
	>(COMMANDS.getProfiles, () => ({ To_Account: userIds, TagList: tags }), options);
	const results = readEntryResults<ProfileResult>(
		body.UserProfileItem,
		new Set(userIds),
		(entry) => ({
			id: entry.To_Account,
			result: profileResult(entry),
		}),
	);
	return { results, mayHaveBeenAppliedBefore, attempts };
}

function profileResult(entry: Record<string, unknown>): ProfileResult | undefined {
	const code = entry.ResultCode;
	if (typeof code === 'number' && Number.isInteger(code) && code !== 0) return code;
	if (code !== 0 && code !== undefined) return undefined;
	const profile: Record<string, unknown> = {};
	for (const item of Array.isArray(entry.ProfileItem) ? (entry.ProfileItem as unknown[]) : []) {
		const { Tag, Value } = (item ?? {}) as Record<string, unknown>;
		if (typeof Tag === 'string' && Value !== undefined) profile[Tag] = Value;
	}
	return Object.freeze(profile);
}

/** `portrait_set`: sets the given tags of one account; the others keep their values. */
export async function setProfile(
	client: TencentChatClient,
	userId: string,
	items: ProfileItem[],
	options: CallOptions = {},
): Promise<{ mayHaveBeenAppliedBefore: boolean }> {
	const { mayHaveBeenAppliedBefore } = await client.call(
		COMMANDS.setProfile,
		{ From_Account: userId, ProfileItem: items },
		options,
	);
	return { mayHaveBeenAppliedBefore };
}

/**
 * Tencent's state (`Online`, ...) when no detail was asked: a string, so that a million answers
 * make no million objects; the state and each platform's with detail; or the ErrorList code
 * (70107: not imported).
 */
export type PresenceResult =
	| string
	| Readonly<{ state: string; detail: ReadonlyArray<{ platform: unknown; status: unknown }> }>
	| number;

/** `query_online_status` for up to 500 accounts, with each platform's state when `detail`. */
export async function getOnlineStatus(
	client: TencentChatClient,
	userIds: string[],
	detail: boolean,
	options: CallOptions = {},
): Promise<BulkAnswer<PresenceResult>> {
	checkCount(COMMANDS.getOnlineStatus, userIds.length);
	const { body, mayHaveBeenAppliedBefore, attempts } = await client.call<
		TencentChatAnswer & { QueryResult?: unknown; ErrorList?: unknown }
	>(
		COMMANDS.getOnlineStatus,
		() => ({ To_Account: userIds, ...(detail ? { IsNeedDetail: 1 } : {}) }),
		options,
	);
	const asked = new Set(userIds);
	const results = presences(body.QueryResult, asked);
	const errors = readEntryResults<PresenceResult>(body.ErrorList, asked, (entry) => ({
		id: entry.To_Account,
		result:
			Number.isInteger(entry.ErrorCode) && entry.ErrorCode !== 0
				? (entry.ErrorCode as number)
				: undefined,
	}));
	for (const [id, code] of errors) {
		// An account both listed and failed has no one result: it is left out, and asked again.
		if (results.has(id)) results.delete(id);
		else results.set(id, code);
	}
	return { results, mayHaveBeenAppliedBefore, attempts };
}

/**
 * readEntryResults' rules (only IDs asked about, no entry with two results), in one loop without
 * an object per entry: a million-account lookup reads a million of these.
 */
function presences(list: unknown, asked: ReadonlySet<string>): Map<string, PresenceResult> {
	const results = new Map<string, PresenceResult>();
	if (!Array.isArray(list)) return results;
	let conflicting: Set<string> | undefined;
	for (const entry of list as unknown[]) {
		if (typeof entry !== 'object' || entry === null) continue;
		const id = (entry as Record<string, unknown>).To_Account;
		if (typeof id !== 'string' || !asked.has(id)) continue;
		const result = presence(entry as Record<string, unknown>);
		if (result === undefined) continue;
		const earlier = results.get(id);
		if (earlier !== undefined && (typeof earlier !== 'string' || earlier !== result))
			(conflicting ??= new Set()).add(id);
		results.set(id, result);
	}
	for (const id of conflicting ?? []) results.delete(id);
	return results;
}

/** Tencent's sample says `State`, its OpenAPI file and SDKs `Status`: either is read. */
function presence(entry: Record<string, unknown>): PresenceResult | undefined {
	const state = typeof entry.State === 'string' ? entry.State : entry.Status;
	if (typeof state !== 'string' || state === '') return undefined;
	if (!Array.isArray(entry.Detail)) return state;
	const detail = (entry.Detail as unknown[])
		.filter(
			(platform): platform is Record<string, unknown> =>
				typeof platform === 'object' && platform !== null,
		)
		.map((platform) =>
			Object.freeze({
				platform: platform.Platform,
				status: typeof platform.State === 'string' ? platform.State : platform.Status,
			}),
		);
	return Object.freeze({ state, detail: Object.freeze(detail) });
}
export { COMMANDS } from './commands';
