// One-to-one history and read state, on the messages sendMessage and sendMessageToMany delivered:
// getHistoryPage (admin_getroammsg: pages back in time, at most MaxCnt messages and about 13 KB a
// page), recallMessage (admin_msgwithdraw), markRead (admin_set_msg_read) and getUnreadCount
// (get_c2c_unread_msg_num). Which of 90003 / 90008 Tencent gives for which end is UNCONFIRMED; the
// fake gives 90008 for the user acting (operator, sender, reader) and 90003 for the other.

import type { Messages } from '.';
import type { COMMANDS } from '../../../../nodes/TencentChat/actions/message/api/commands';
import {
	type Answer,
	type CallContext,
	type CommandHandler,
	ok,
	type RequestBody,
	TencentFailure,
} from '../service';

/** A message of a conversation, as the server holds it. */
export interface ConversationMessage {
	from: string;
	to: string;
	msgKey: string;
	msgSeq: number;
	msgRandom: number;
	msgTime: number;
	msgBody: unknown[];
	cloudCustomData?: string;
	recalled: boolean;
}

interface History {
	/** Deliveries already indexed: they are only ever appended. */
	indexed: number;
	/** `a\nb` (a < b) → the conversation's messages, oldest first. */
	conversations: Map<string, ConversationMessage[]>;
	/** `reader\npeer` → Unix seconds up to which the reader has read what the peer sent. */
	readUpTo: Map<string, number>;
}

const BAD_JSON = 90001;
const OTHER_END_MISSING = 90003;
const ACTING_USER_MISSING = 90008;
const NOT_FOUND = 20022;
const ALREADY_RECALLED = 20023;
const BAD_MSG_KEY = 90054;
const MAX_PAGE_BYTES = 13 * 1024;
const MAX_PEERS = 10;
const RECALLED_FLAG = 8;

const histories = new WeakMap<Messages, History>();

function conversationKey(a: string, b: string): string {
	return a < b ? `${a}\n${b}` : `${b}\n${a}`;
}

function historyOf(messages: Messages): History {
	let history = histories.get(messages);
	if (history === undefined) {
		history = { indexed: 0, conversations: new Map(), readUpTo: new Map() };
		histories.set(messages, history);
	}
	for (; history.indexed < messages.deliveries.length; history.indexed++) {
		const { message, delivered, recipients } = messages.deliveries[history.indexed];
		for (const to of recipients) {
			const key = conversationKey(message.from, to);
			const list = history.conversations.get(key) ?? [];
			list.push({
				from: message.from,
				to,
				msgKey: delivered.msgKey,
				msgSeq: Number(delivered.msgKey.split('_')[0]),
				msgRandom: message.msgRandom,
				msgTime: delivered.msgTime,
				msgBody: message.msgBody,
				...(message.cloudCustomData !== undefined
					? { cloudCustomData: message.cloudCustomData }
					: {}),
				recalled: false,
			});
			history.conversations.set(key, list);
		}
	}
	return history;
}

/** The one-to-one conversation of `a` and `b`, oldest first, with what was recalled: for tests. */
export function conversation(messages: Messages, a: string, b: string): ConversationMessage[] {
	return (historyOf(messages).conversations.get(conversationKey(a, b)) ?? []).map((message) => ({
		...message,
	}));
}

function account(
	messages: Messages,
	body: RequestBody,
	names: string[],
	missingCode: number,
): string {
	const value = names.map((name) => body[name]).find((candidate) => candidate !== undefined);
	if (typeof value !== 'string' || value === '')
		throw new TencentFailure(BAD_JSON, `${names[0]} is required and must be a string`);
	if (!messages.accounts.has(value))
		throw new TencentFailure(missingCode, `${names[0]} is not an imported account`);
	return value;
}

function whole(body: RequestBody, name: string, min: number, max: number): number {
	const value = body[name];
	if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
		throw new TencentFailure(BAD_JSON, `${name} must be a whole number from ${min} to ${max}`);
	return value as number;
}

function getHistory(messages: Messages, body: RequestBody, { command }: CallContext): Answer {
	const operator = account(
		messages,
		body,
		['Operator_Account', 'From_Account'],
		ACTING_USER_MISSING,
	);
	const peer = account(messages, body, ['Peer_Account', 'To_Account'], OTHER_END_MISSING);
	const maxCount = whole(body, 'MaxCnt', 1, command.maxPerCall ?? 1);
	const minTime = whole(body, 'MinTime', 0, 2 ** 32);
	const maxTime = whole(body, 'MaxTime', 0, 2 ** 32);
	const inRange = (historyOf(messages).conversations.get(conversationKey(operator, peer)) ?? [])
		.filter((message) => message.msgTime >= minTime && message.msgTime <= maxTime)
		.reverse();
	const after =
		typeof body.LastMsgKey === 'string'
			? inRange.findIndex((message) => message.msgKey === body.LastMsgKey) + 1
			: 0;
	const readUpTo = historyOf(messages).readUpTo;
	const MsgList: Array<Record<string, unknown>> = [];
	let bytes = 0;
	for (const message of inRange.slice(after)) {
		const entry = {
			From_Account: message.from,
			To_Account: message.to,
			MsgSeq: message.msgSeq,
			MsgRandom: message.msgRandom,
			MsgTimeStamp: message.msgTime,
			MsgFlagBits: message.recalled ? RECALLED_FLAG : 0,
			IsPeerRead: (readUpTo.get(`${message.to}\n${message.from}`) ?? -1) >= message.msgTime ? 1 : 0,
			MsgKey: message.msgKey,
			MsgBody: message.recalled ? [] : message.msgBody,
			...(message.cloudCustomData !== undefined
				? { CloudCustomData: message.cloudCustomData }
				: {}),
		};
		const size = Buffer.byteLength(JSON.stringify(entry));
		if (MsgList.length === maxCount || (MsgList.length > 0 && bytes + size > MAX_PAGE_BYTES)) break;
		MsgList.push(entry);
		bytes += size;
	}
	const last = MsgList.at(-1);
	return ok({
		Complete: after + MsgList.length >= inRange.length ? 1 : 0,
		MsgCnt: MsgList.length,
		LastMsgTime: last?.MsgTimeStamp ?? 0,
		LastMsgKey: last?.MsgKey ?? '',
		MsgList,
	});
}

function recall(messages: Messages, body: RequestBody): Answer {
	const from = account(messages, body, ['From_Account'], ACTING_USER_MISSING);
	const to = account(messages, body, ['To_Account'], OTHER_END_MISSING);
	const key = body.MsgKey;
	if (typeof key !== 'string' || !/^\d+_\d+_\d+$/.test(key))
		throw new TencentFailure(BAD_MSG_KEY, 'MsgKey is invalid');
	const message = historyOf(messages)
		.conversations.get(conversationKey(from, to))
		?.find((candidate) => candidate.msgKey === key && candidate.from === from);
	if (message === undefined) throw new TencentFailure(NOT_FOUND, 'message not found');
	if (message.recalled) throw new TencentFailure(ALREADY_RECALLED, 'message already recalled');
	message.recalled = true;
	return ok();
}

function markRead(messages: Messages, body: RequestBody, { nowSeconds }: CallContext): Answer {
	const reader = account(messages, body, ['Report_Account'], ACTING_USER_MISSING);
	const peer = account(messages, body, ['Peer_Account'], OTHER_END_MISSING);
	const raw = body.MsgReadTime;
	if (raw !== undefined && (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw)))
		throw new TencentFailure(BAD_JSON, 'MsgReadTime must be Unix seconds as a string');
	const readUpTo = historyOf(messages).readUpTo;
	const key = `${reader}\n${peer}`;
	readUpTo.set(
		key,
		Math.max(readUpTo.get(key) ?? -1, raw === undefined ? nowSeconds : Number(raw)),
	);
	return ok();
}

function unreadCount(messages: Messages, body: RequestBody): Answer {
	const user = account(messages, body, ['To_Account'], OTHER_END_MISSING);
	const history = historyOf(messages);
	const unreadFrom = (peer: string) =>
		(history.conversations.get(conversationKey(user, peer)) ?? []).filter(
			(message) =>
				message.to === user &&
				message.from === peer &&
				!message.recalled &&
				message.msgTime > (history.readUpTo.get(`${user}\n${peer}`) ?? -1),
		).length;
	const peers = body.Peer_Account;
	if (peers === undefined) {
		let total = 0;
		for (const key of history.conversations.keys()) {
			const [a, b] = key.split('\n');
			if (a === user || b === user) total += unreadFrom(a === user ? b : a);
		}
		return ok({ AllC2CUnreadMsgNum: total });
	}
	if (
		!Array.isArray(peers) ||
		peers.length === 0 ||
		peers.length > MAX_PEERS ||
		!peers.every((peer) => typeof peer === 'string')
	) {
		throw new TencentFailure(BAD_JSON, `Peer_Account must be a list of 1 to ${MAX_PEERS} UserIDs`);
	}
	const C2CUnreadMsgNumList: Array<Record<string, unknown>> = [];
	const ErrorList: Array<Record<string, unknown>> = [];
	for (const peer of peers as string[]) {
		if (messages.accounts.has(peer))
			C2CUnreadMsgNumList.push({ Peer_Account: peer, C2CUnreadMsgNum: unreadFrom(peer) });
		else ErrorList.push({ Peer_Account: peer, ErrorCode: 70107 });
	}
	return ok({ C2CUnreadMsgNumList, ...(ErrorList.length > 0 ? { ErrorList } : {}) });
}

export const historyCommands = {
	getHistoryPage: getHistory,
	recallMessage: recall,
	markRead,
	getUnreadCount: unreadCount,
} satisfies Partial<Record<keyof typeof COMMANDS, CommandHandler<Messages>>>;
