// A group's messages on the fake: send, system notifications, recall by MsgSeq, and the history
// (reference §1.1). The app's 200 calls a second and each group's 40 messages a second are the
// core's, from the command table (its budget per GroupId).

import type { COMMANDS } from '../../../../nodes/TencentChat/actions/group/api/commands';
import {
	type Answer,
	type CallbackEvents,
	type CallContext,
	type CommandHandler,
	type EntryList,
	ok,
	type RequestBody,
	TencentFailure,
} from '../service';
import {
	type Group,
	type GroupMessage,
	groupNamed,
	type Groups,
	refuseType,
	storeGroupMessage,
} from './state';
import {
	accountList,
	bad,
	groupString,
	oneOf,
	optionalString,
	optionalWhole,
	requireImported,
} from './rules';

type Key = keyof typeof COMMANDS;

/** Tencent drops the same Random from the same sender within 5 minutes (Limits). */
const DUPLICATE_WINDOW_SECONDS = 300;
const MAX_RANDOM = 4294967295;
/** 12 KB per TC 34381; QD says 8000 B (§9.5, UNCONFIRMED): the fake takes the bound the node checks. */
const MAX_BODY_BYTES = 12 * 1024;
const MAX_AT = 30;

/** Sends that repeat an earlier one: no second message, no second callback. */
const repeats = new WeakSet<Answer>();
const sentBy = new WeakMap<Answer, { group: Group; message: GroupMessage; onlineOnly: boolean }>();

function messageBody(body: RequestBody): unknown[] {
	const list = body.MsgBody;
	if (!Array.isArray(list) || list.length === 0) throw bad('MsgBody must be a non-empty list');
	for (const element of list as unknown[]) {
		const { MsgType, MsgContent } = (element ?? {}) as Record<string, unknown>;
		if (typeof MsgType !== 'string' || typeof MsgContent !== 'object' || MsgContent === null)
			throw bad('each MsgBody element needs MsgType and MsgContent');
	}
	if (Buffer.byteLength(JSON.stringify(list), 'utf8') > MAX_BODY_BYTES)
		throw new TencentFailure(80002, 'message body too long');
	return list;
}

function readAt(body: RequestBody, group: Group): string[] {
	const at = body.GroupAtInfo;
	if (at === undefined) return [];
	if (!Array.isArray(at)) throw bad('GroupAtInfo must be a list');
	if (at.length > MAX_AT) throw new TencentFailure(10053, 'more than 30 @ targets');
	return (at as unknown[]).map((entry) => {
		const { GroupAtAllFlag, GroupAt_Account } = (entry ?? {}) as Record<string, unknown>;
		if (GroupAtAllFlag === 1) {
			if (group.type === 'Community') throw bad('a Community has no @all');
			return '@all';
		}
		if (GroupAtAllFlag !== 0 || typeof GroupAt_Account !== 'string')
			throw bad(
				'each GroupAtInfo entry needs GroupAtAllFlag 0 and GroupAt_Account, or GroupAtAllFlag 1',
			);
		return GroupAt_Account;
	});
}

function sendMessage(
	groups: Groups,
	body: RequestBody,
	{ nowSeconds, isImported, operator }: CallContext,
): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	const random = body.Random;
	if (typeof random !== 'number' || !Number.isInteger(random) || random < 0 || random > MAX_RANDOM)
		throw bad('Random is required: a 32-bit unsigned integer');
	const msgBody = messageBody(body);
	const priority = oneOf(body, 'MsgPriority', ['High', 'Normal', 'Low'] as const) ?? 'Normal';
	const from = optionalString(body, 'From_Account', 32) ?? operator;
	requireImported(isImported, [from]);
	if (body.OnlineOnlyFlag !== undefined && body.OnlineOnlyFlag !== 0 && body.OnlineOnlyFlag !== 1)
		throw bad('OnlineOnlyFlag must be 0 or 1');
	const onlineOnly = body.OnlineOnlyFlag === 1;
	if (onlineOnly && group.type === 'AVChatRoom')
		throw bad('OnlineOnlyFlag is not for an AVChatRoom');
	if (body.SendMsgControl !== undefined && (onlineOnly || group.type === 'AVChatRoom'))
		throw bad('SendMsgControl goes neither with OnlineOnlyFlag 1 nor in an AVChatRoom');
	if (body.CloudCustomData !== undefined && typeof body.CloudCustomData !== 'string')
		throw bad('CloudCustomData must be a string');
	readAt(body, group);

	const earlier = group.messages.find(
		(message) =>
			message.random === random &&
			message.from === from &&
			message.time > nowSeconds - DUPLICATE_WINDOW_SECONDS,
	);
	if (earlier !== undefined) {
		const answer = ok({ MsgTime: earlier.time, MsgSeq: earlier.seq, MsgDropReason: '' });
		repeats.add(answer);
		return answer;
	}
	const sender = group.members.get(from);
	const isManager = sender?.role === 'Owner' || sender?.role === 'Admin' || from === operator;
	if ((sender !== undefined && sender.shutUpUntil > nowSeconds) || (group.muteAll && !isManager))
		throw new TencentFailure(10017, 'the sender is muted');

	const draft = {
		from,
		time: nowSeconds,
		random,
		priority,
		body: msgBody,
		isSystemMsg: 0 as const,
		cloudCustomData: body.CloudCustomData as string | undefined,
	};
	// An online-only message and an AVChatRoom's are not kept (§1.0): a MsgSeq all the same.
	const kept = !onlineOnly && group.type !== 'AVChatRoom';
	const message = kept
		? storeGroupMessage(group, draft)
		: { ...draft, seq: group.nextMsgSeq++, placeMsg: 0 as const };
	if (!kept) group.lastMsgTime = nowSeconds;
	if (sender !== undefined) sender.lastSendMsgTime = nowSeconds;
	const answer = ok({ MsgTime: message.time, MsgSeq: message.seq, MsgDropReason: '' });
	sentBy.set(answer, { group, message, onlineOnly });
	return answer;
}

function sendNotification(
	groups: Groups,
	body: RequestBody,
	{ command, nowSeconds }: CallContext,
): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	const content = groupString(body, 'Content');
	// ToMembers_Account ≤500 (OAS only, §9.7): the fake holds the node to it.
	const to =
		body.ToMembers_Account === undefined ||
		(Array.isArray(body.ToMembers_Account) && body.ToMembers_Account.length === 0)
			? 'all'
			: accountList(body, 'ToMembers_Account', command);
	if (to !== 'all' && group.type === 'AVChatRoom')
		throw new TencentFailure(10007, 'an AVChatRoom takes notifications for everyone only');
	group.notifications.push({ content, to, time: nowSeconds });
	return ok();
}

/** Per MsgSeq: 0 recalled, 10030 not found. UNCONFIRMED what Tencent answers for a message recalled already (the fake: 0 again). */
function recallMessages(groups: Groups, body: RequestBody, { command }: CallContext): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	const list = body.MsgSeqList;
	if (!Array.isArray(list) || list.length === 0 || list.length > (command.maxPerCall ?? 10))
		throw bad(`MsgSeqList must hold 1 to ${command.maxPerCall} entries`);
	refuseType(group, ['AVChatRoom'], 'group_msg_recall', 10033);
	optionalString(body, 'Reason', 100);
	const RecallRetList = (list as unknown[]).map((entry) => {
		const seq = (entry as Record<string, unknown> | null)?.MsgSeq;
		if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1)
			throw bad('each MsgSeq must be a positive integer');
		const message = group.messages.find((candidate) => candidate.seq === seq);
		if (message === undefined) return { MsgSeq: seq, RetCode: 10030 };
		message.placeMsg = 2;
		message.body = [];
		return { MsgSeq: seq, RetCode: 0 };
	});
	return ok({ RecallRetList });
}

/** Newest first, up to ReqMsgNumber with MsgSeq ≤ ReqMsgSeq; recalled ones only with WithRecalledMsg 1. */
function getMessages(groups: Groups, body: RequestBody): Answer {
	const group = groupNamed(groups, groupString(body, 'GroupId'));
	refuseType(group, ['AVChatRoom'], 'group_msg_get_simple');
	if (body.ReqMsgNumber === undefined) throw bad('ReqMsgNumber is required');
	const count = optionalWhole(body, 'ReqMsgNumber', 1, 20) as number;
	const upTo = optionalWhole(body, 'ReqMsgSeq', 0, Number.MAX_SAFE_INTEGER) ?? group.nextMsgSeq - 1;
	const withRecalled = body.WithRecalledMsg === 1;
	const range = group.messages.filter(
		(message) => message.seq <= upTo && message.seq > upTo - count,
	);
	return ok({
		GroupId: group.id,
		IsFinished: 1,
		RspMsgList: range
			.filter((message) => withRecalled || message.placeMsg === 0)
			.reverse()
			.map((message) => ({
				From_Account: message.from,
				IsPlaceMsg: message.placeMsg,
				IsSystemMsg: message.isSystemMsg,
				MsgPriority: { High: 1, Normal: 2, Low: 3 }[message.priority] ?? 2,
				MsgRandom: message.random,
				MsgSeq: message.seq,
				MsgTimeStamp: message.time,
				MsgBody: message.body,
				...(message.cloudCustomData !== undefined
					? { CloudCustomData: message.cloudCustomData }
					: {}),
			})),
	});
}

export const messageCommands = {
	sendGroupMessage: sendMessage,
	sendGroupNotification: sendNotification,
	recallGroupMessages: recallMessages,
	getGroupMessagePage: getMessages,
} satisfies Partial<Record<Key, CommandHandler<Groups>>>;

export const messageEntryLists = {
	recallGroupMessages: { list: 'RecallRetList', id: 'MsgSeq', result: 'RetCode' },
} satisfies Partial<Record<Key, EntryList>>;

const sendCallback: CallbackEvents = (_body, answer, { operator, nowMs }) => {
	const sent = sentBy.get(answer);
	if (sent === undefined || repeats.has(answer)) return [];
	const { group, message, onlineOnly } = sent;
	return [
		{
			command: 'Group.CallbackAfterSendMsg',
			body: {
				CallbackCommand: 'Group.CallbackAfterSendMsg',
				GroupId: group.id,
				Type: group.type,
				From_Account: message.from,
				Operator_Account: operator,
				Random: message.random,
				MsgSeq: message.seq,
				MsgTime: message.time,
				OnlineOnlyFlag: onlineOnly ? 1 : 0,
				MsgBody: message.body,
				EventTime: nowMs,
			},
		},
	];
};

export const messageCallbacks = { sendGroupMessage: sendCallback } satisfies Partial<
	Record<Key, CallbackEvents>
>;
