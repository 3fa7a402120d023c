// Presence, per app: `openim/query_online_status`. Nobody is online until a test says so
// (the `setPresence` inspection). The fake answers `Status`, as Tencent's OpenAPI file
// names it; its sample says `State` (a scripted answer tests that one).

import type { Users } from '.';
import type { COMMANDS } from '../../../../nodes/TencentChat/actions/user/api/commands';
import {
	type Answer,
	type CallContext,
	type CommandHandler,
	ok,
	type RequestBody,
	TencentFailure,
} from '../service';

export type PresenceState = 'Online' | 'PushOnline' | 'Offline';

export interface Presence {
	state: PresenceState;
	/** The platforms it is logged in on, e.g. [{ Platform: 'iPhone', Status: 'Online' }]. */
	platforms?: Array<{ Platform: string; Status: PresenceState }>;
}

/** Who is online: nobody is until a test says so. */
export function setPresence(users: Users, userId: string, presence: Presence): void {
	users.presence.set(userId, presence);
}

// Codes of query_online_status's predecessor querystate (UNCONFIRMED for this command).
const BAD_TYPE = 90003;
const TOO_MANY = 90011;

function getOnlineStatus(
	{ accounts, presence }: Users,
	body: RequestBody,
	{ command }: CallContext,
): Answer {
	const ids = body.To_Account;
	if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string'))
		throw new TencentFailure(BAD_TYPE, 'To_Account must be a list of UserIDs');
	if (ids.length > (command.maxPerCall ?? 1))
		throw new TencentFailure(TOO_MANY, `at most ${command.maxPerCall} accounts a call`);
	const detail = body.IsNeedDetail === 1;
	const QueryResult: Array<Record<string, unknown>> = [];
	const ErrorList: Array<Record<string, unknown>> = [];
	// One plain object per account and no spread: a million-account lookup is 2,000 of these calls,
	// and the fake's time per entry is no part of what the benchmark measures.
	for (const id of ids as string[]) {
		if (!accounts.has(id)) {
			ErrorList.push({ To_Account: id, ErrorCode: 70107 });
			continue;
		}
		const known = presence.get(id);
		const state = known === undefined ? 'Offline' : known.state;
		if (!detail) QueryResult.push({ To_Account: id, Status: state });
		else
			QueryResult.push({
				To_Account: id,
				Status: state,
				Detail: state === 'Offline' || known === undefined ? [] : (known.platforms ?? []),
			});
	}
	return ok(ErrorList.length > 0 ? { QueryResult, ErrorList } : { QueryResult });
}

export const presenceCommands = { getOnlineStatus } satisfies Partial<
	Record<keyof typeof COMMANDS, CommandHandler<Users>>
>;
