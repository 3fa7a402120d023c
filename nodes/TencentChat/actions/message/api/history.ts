import { COMMANDS } from './commands';
import { checkCount } from '../../../client/entryResults';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';

// One-to-one history and read state, as the app admin sees them (openim): admin_getroammsg,
// admin_msgwithdraw, admin_set_msg_read, get_c2c_unread_msg_num. TC 35478, CN 38980, CN 50349,
// CN 56043; see the project's reference §4.

/** A message of a conversation's roaming history, as Tencent gives it. */
export interface RoamingMessage {
	From_Account?: unknown;
	To_Account?: unknown;
	MsgKey: string;
	MsgSeq?: unknown;
	MsgRandom?: unknown;
	MsgTimeStamp?: unknown;
	/** 0 normal, 8 recalled. */
	MsgFlagBits?: unknown;
	IsPeerRead?: unknown;
	MsgBody?: unknown;
	CloudCustomData?: unknown;
}

/** Where the next page starts: older than (or as old as, after `msgKey`) `maxTime`. */
export interface HistoryCursor {
	maxTime: number;
	msgKey: string;
}

export interface RoamingPage {
	messages: RoamingMessage[];
	next?: HistoryCursor;
}

/**
 * `admin_getroammsg`: up to `limit` messages of the conversation between `userId` and `peerId`,
 * as `userId` sees it, sent from `minTime` to `maxTime` (Unix seconds). Tencent pages back in time:
 * while Complete is 0, the next page is asked with MaxTime = LastMsgTime and LastMsgKey. That a
 * page lists its messages newest first, as the paging back suggests, is UNCONFIRMED: the messages
 * are given in the order Tencent lists them.
 */
export async function getHistoryPage(
	client: TencentChatClient,
	{
		userId,
		peerId,
		minTime,
		maxTime,
		limit,
		cursor,
	}: {
		userId: string;
		peerId: string;
		minTime: number;
		maxTime: number;
		limit: number;
		cursor?: HistoryCursor;
	},
	options: CallOptions = {},
): Promise<RoamingPage> {
	checkCount(COMMANDS.getHistoryPage, limit);
	const { body } = await client.call<
		TencentChatAnswer & {
			Complete?: unknown;
			LastMsgTime?: unknown;
			LastMsgKey?: unknown;
			MsgList?: unknown;
		}
	>(
		COMMANDS.getHistoryPage,
		{
			// Operator_Account / Peer_Account are the current names; older pages say From_Account / To_Account.
			Operator_Account: userId,
			Peer_Account: peerId,
			MaxCnt: limit,
			MinTime: minTime,
			MaxTime: cursor?.maxTime ?? maxTime,
			...(cursor ? { LastMsgKey: cursor.msgKey } : {}),
		},
		options,
	);
	const list = Array.isArray(body.MsgList) ? (body.MsgList as unknown[]) : [];
	const messages = list.filter(
		(entry): entry is RoamingMessage =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as RoamingMessage).MsgKey === 'string',
	);
	const { LastMsgTime: lastTime, LastMsgKey: lastKey } = body;
	// A cursor that points back at a page already read is the list shape's to refuse.
	const usable =
		typeof lastTime === 'number' &&
		Number.isInteger(lastTime) &&
		typeof lastKey === 'string' &&
		lastKey !== '';
	return {
		messages,
		next: body.Complete === 0 && usable ? { maxTime: lastTime, msgKey: lastKey } : undefined,
	};
}

/** `admin_msgwithdraw`: recalls a one-to-one message from both ends. Irreversible. */
export async function recallMessage(
	client: TencentChatClient,
	{ from, to, msgKey }: { from: string; to: string; msgKey: string },
	options: CallOptions = {},
): Promise<{ mayHaveBeenAppliedBefore: boolean }> {
	const { mayHaveBeenAppliedBefore } = await client.call(
		COMMANDS.recallMessage,
		{ From_Account: from, To_Account: to, MsgKey: msgKey },
		options,
	);
	return { mayHaveBeenAppliedBefore };
}

/** `admin_set_msg_read`: everything `peerId` sent `userId` up to `readTime` (Unix seconds; now when absent) is read. */
export async function markRead(
	client: TencentChatClient,
	{ userId, peerId, readTime }: { userId: string; peerId: string; readTime?: number },
	options: CallOptions = {},
): Promise<void> {
	await client.call(
		COMMANDS.markRead,
		{
			Report_Account: userId,
			Peer_Account: peerId,
			...(readTime !== undefined ? { MsgReadTime: String(readTime) } : {}),
		},
		options,
	);
}

/** A peer's unread count, or its ErrorList code (70107: the peer is not imported). */
export type UnreadResult = number | { errorCode: number };

type UnreadAnswer = TencentChatAnswer & {
	AllC2CUnreadMsgNum?: unknown;
	C2CUnreadMsgNumList?: unknown;
	ErrorList?: unknown;
};

/** `get_c2c_unread_msg_num` without peers: a user's unread one-to-one messages in all; undefined when the answer gives no count. */
export async function getUnreadTotal(
	client: TencentChatClient,
	userId: string,
	options: CallOptions = {},
): Promise<number | undefined> {
	const { body } = await client.call<UnreadAnswer>(
		COMMANDS.getUnreadCount,
		{ To_Account: userId },
		options,
	);
	return count(body.AllC2CUnreadMsgNum);
}

/** `get_c2c_unread_msg_num` with up to 10 peers: the unread messages from each; a peer the answer leaves out is not in the map. */
export async function getUnreadByPeer(
	client: TencentChatClient,
	userId: string,
	peerIds: string[],
	options: CallOptions = {},
): Promise<Map<string, UnreadResult>> {
	checkCount(COMMANDS.getUnreadCount, peerIds.length);
	const { body } = await client.call<UnreadAnswer>(
		COMMANDS.getUnreadCount,
		{ To_Account: userId, Peer_Account: peerIds },
		options,
	);
	const asked = new Set(peerIds);
	const results = new Map<string, UnreadResult>();
	for (const entry of entries(body.C2CUnreadMsgNumList)) {
		const unread = count(entry.C2CUnreadMsgNum);
		if (
			typeof entry.Peer_Account === 'string' &&
			asked.has(entry.Peer_Account) &&
			unread !== undefined
		)
			results.set(entry.Peer_Account, unread);
	}
	for (const entry of entries(body.ErrorList)) {
		const code = entry.ErrorCode;
		if (
			typeof entry.Peer_Account === 'string' &&
			asked.has(entry.Peer_Account) &&
			Number.isInteger(code) &&
			code !== 0
		) {
			results.set(entry.Peer_Account, { errorCode: code as number });
		}
	}
	return results;
}

function entries(list: unknown): Array<Record<string, unknown>> {
	return Array.isArray(list)
		? list.filter(
				(entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null,
			)
		: [];
}

function count(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
