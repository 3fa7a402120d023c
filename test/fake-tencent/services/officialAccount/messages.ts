// An official account's broadcasts on the fake: send, recall, and the history (TC 60810-60812).
// The per-account rate (1 a second, 2 an hour) is the core's, from the command table.

import type { COMMANDS } from '../../../../nodes/TencentChat/actions/officialAccount/api/commands';
import {
	type Answer,
	type CallbackEvents,
	type CallContext,
	type CommandHandler,
	type EntryList,
	invalid,
	ok,
	type RequestBody,
	requiredList,
	requiredString,
	strings,
} from '../service';
import { type Accounts, accountNamed, type FakeMessage, storeMessage } from './state';

type Key = keyof typeof COMMANDS;

/** Tencent drops the same content sent again within 5 minutes (doocs: content and Random the same). */
const DUPLICATE_WINDOW_SECONDS = 300;
const MAX_REASON_BYTES = 100;
const MAX_RANDOM = 4294967295;

/** Answers that repeat an earlier message: no second message, no second callback. */
const duplicates = new WeakSet<Answer>();
/** The keys each recall answer newly recalled, for its callback. */
const recalledBy = new WeakMap<Answer, string[]>();

function messageBody(body: RequestBody): unknown[] {
	const list = body.MsgBody;
	if (!Array.isArray(list) || list.length === 0) throw invalid('MsgBody must be a non-empty list');
	for (const element of list as unknown[]) {
		const { MsgType, MsgContent } = (element ?? {}) as Record<string, unknown>;
		if (typeof MsgType !== 'string' || typeof MsgContent !== 'object' || MsgContent === null) {
			throw invalid('each MsgBody element needs MsgType and MsgContent');
		}
	}
	return list;
}

function sendMessage(accounts: Accounts, body: RequestBody, { nowSeconds }: CallContext): Answer {
	const accountId = requiredString(body, 'Official_Account');
	const msgBody = messageBody(body);
	const random = body.Random;
	if (
		random !== undefined &&
		(typeof random !== 'number' || !Number.isInteger(random) || random < 0 || random > MAX_RANDOM)
	) {
		throw invalid('Random must be a 32-bit unsigned integer');
	}
	if (body.OnlineOnlyFlag !== undefined && body.OnlineOnlyFlag !== 0 && body.OnlineOnlyFlag !== 1)
		throw invalid('OnlineOnlyFlag must be 0 or 1');
	if (body.CloudCustomData !== undefined && typeof body.CloudCustomData !== 'string')
		throw invalid('CloudCustomData must be a string');
	if (
		Array.isArray(body.SendMsgControl) &&
		body.SendMsgControl.includes('NoLastMsg') &&
		body.OnlineOnlyFlag === 1
	) {
		throw invalid('SendMsgControl NoLastMsg cannot go with OnlineOnlyFlag 1');
	}
	const account = accountNamed(accounts, accountId);

	const content = JSON.stringify(msgBody);
	const earlier = account.messages.find(
		(message) =>
			message.random === random &&
			JSON.stringify(message.body) === content &&
			message.time > nowSeconds - DUPLICATE_WINDOW_SECONDS,
	);
	if (earlier !== undefined) {
		const answer = ok({ MsgTime: earlier.time, MsgKey: earlier.key });
		duplicates.add(answer);
		return answer;
	}
	const extra: Partial<FakeMessage> = {
		random: random as number | undefined,
		cloudCustomData: body.CloudCustomData as string | undefined,
	};
	if (body.OnlineOnlyFlag === 1) {
		// Delivered to those online, not stored: a key all the same.
		const seq = account.nextMsgSeq++;
		return ok({ MsgTime: nowSeconds, MsgKey: `${seq}_1_${nowSeconds}` });
	}
	const message = storeMessage(account, nowSeconds, msgBody, extra);
	return ok({ MsgTime: message.time, MsgKey: message.key });
}

/**
 * Per MsgKey: 0 recalled; 10004 for a key the account never sent. UNCONFIRMED: what Tencent answers
 * for a message recalled already (the fake: 0 again).
 */
function recallMessages(accounts: Accounts, body: RequestBody, { command }: CallContext): Answer {
	const accountId = requiredString(body, 'Official_Account');
	const keys = strings(requiredList(body, 'MsgKeyList', command), 'MsgKeyList');
	if (
		body.Reason !== undefined &&
		(typeof body.Reason !== 'string' || Buffer.byteLength(body.Reason) > MAX_REASON_BYTES)
	) {
		throw invalid(`Reason must be a string of at most ${MAX_REASON_BYTES} bytes`);
	}
	const account = accountNamed(accounts, accountId);
	const newly: string[] = [];
	const RecallRetList = keys.map((key) => {
		const message = account.messages.find((candidate) => candidate.key === key);
		if (message === undefined) return { MsgKey: key, RetCode: 10004 };
		if (!message.recalled) newly.push(key);
		message.recalled = true;
		return { MsgKey: key, RetCode: 0 };
	});
	const answer = ok({ RecallRetList });
	recalledBy.set(answer, newly);
	return answer;
}

/** Newest first, older than LastMsgKey; IsFinished 1 when nothing older is left. */
function getMessages(accounts: Accounts, body: RequestBody, { command }: CallContext): Answer {
	const accountId = requiredString(body, 'Official_Account');
	const pageMax = command.maxPerCall ?? 20;
	const wanted = body.ReqMsgNumber ?? pageMax;
	if (typeof wanted !== 'number' || !Number.isInteger(wanted) || wanted < 1 || wanted > pageMax) {
		throw invalid(`ReqMsgNumber must be an integer from 1 to ${pageMax}`);
	}
	if (
		body.WithRecalledMsg !== undefined &&
		body.WithRecalledMsg !== 0 &&
		body.WithRecalledMsg !== 1
	)
		throw invalid('WithRecalledMsg must be 0 or 1');
	const account = accountNamed(accounts, accountId);
	let before = account.messages.length;
	if (body.LastMsgKey !== undefined) {
		if (typeof body.LastMsgKey !== 'string') throw invalid('LastMsgKey must be a string');
		before = account.messages.findIndex((message) => message.key === body.LastMsgKey);
		if (before < 0) throw invalid('LastMsgKey is not a key of this account');
	}
	const older = account.messages
		.slice(0, before)
		.reverse()
		.filter((message) => body.WithRecalledMsg === 1 || !message.recalled);
	const page = older.slice(0, wanted);
	return ok({
		Official_Account: accountId,
		IsFinished: older.length > page.length ? 0 : 1,
		LastMsgKey: page[page.length - 1]?.key ?? '',
		RspMsgList: page.map((message) => ({
			From_Account: accountId,
			// UNCONFIRMED how Tencent marks a recalled message that WithRecalledMsg brings: the fake says IsPlaceMsg 1.
			IsPlaceMsg: message.recalled ? 1 : 0,
			MsgBody: message.body,
			MsgSeq: message.seq,
			MsgKey: message.key,
			MsgTimeStamp: message.time,
			...(message.cloudCustomData !== undefined
				? { CloudCustomData: message.cloudCustomData }
				: {}),
		})),
	});
}

export const messageCommands = {
	sendOfficialAccountMessage: sendMessage,
	recallOfficialAccountMessages: recallMessages,
	getOfficialAccountMessagePage: getMessages,
} satisfies Partial<Record<Key, CommandHandler<Accounts>>>;

export const messageEntryLists = {
	recallOfficialAccountMessages: { list: 'RecallRetList', id: 'MsgKey', result: 'RetCode' },
	getOfficialAccountMessagePage: { list: 'RspMsgList', id: 'MsgKey' },
} satisfies Partial<Record<Key, EntryList>>;

export const messageCallbacks = {
	sendOfficialAccountMessage: (body, answer, { nowMs }) =>
		duplicates.has(answer)
			? []
			: [
					{
						command: 'OfficialAccount.CallbackAfterSendMsg',
						body: {
							CallbackCommand: 'OfficialAccount.CallbackAfterSendMsg',
							Official_Account: body.Official_Account,
							MsgKey: answer.MsgKey,
							MsgTime: answer.MsgTime,
							OnlineOnlyFlag: body.OnlineOnlyFlag ?? 0,
							MsgBody: body.MsgBody,
							CloudCustomData: body.CloudCustomData ?? '',
							EventTime: nowMs,
						},
					},
				],
	recallOfficialAccountMessages: (body, answer, { nowMs }) => {
		const keys = recalledBy.get(answer) ?? [];
		if (keys.length === 0) return [];
		return [
			{
				command: 'OfficialAccount.CallbackAfterMsgWithDraw',
				body: {
					CallbackCommand: 'OfficialAccount.CallbackAfterMsgWithDraw',
					Official_Account: body.Official_Account,
					WithdrawMsgList: keys.map((MsgKey) => ({ MsgKey })),
					EventTime: nowMs,
				},
			},
		];
	},
} satisfies Partial<Record<Key, CallbackEvents>>;
