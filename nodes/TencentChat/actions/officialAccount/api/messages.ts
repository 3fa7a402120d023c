import { COMMANDS } from './commands';
import { randomUint32 } from '../../../client/random';
import { readEntryResults } from '../../../client/entryResults';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';
import { TencentChatError } from '../../../client/TencentChatError';
import { type BulkAnswer, checkCount } from '../../../client/entryResults';
import type { MessageElement } from '../../../client/messageElement';

// An official account's broadcasts: send, recall, and the history.
// https://www.tencentcloud.com/document/product/1047/60810, 60811, 60812

export interface Broadcast {
	officialAccount: string;
	msgBody: MessageElement[];
	cloudCustomData?: string;
	/** Only subscribers online now receive it; it is not stored. */
	onlineOnly?: boolean;
}

export interface Sent {
	msgKey: string;
	/** Unix seconds. */
	msgTime?: number;
	random: number;
	/** An earlier attempt may have been carried out: Tencent may have dropped this one as its duplicate, or sent it twice. */
	mayHaveBeenAppliedBefore: boolean;
}

const SEND_LIMIT_HINT =
	'Tencent allows each official account 1 message a second and 2 broadcasts an hour. Send fewer broadcasts, or reach users one by one with Message → Send.';

/**
 * `send_official_account_msg`, paced per official account. The body, and so its Random, is made
 * once: every retry of this send is the same message, which Tencent can recognise as a duplicate.
 */
export async function sendOfficialAccountMessage(
	client: TencentChatClient,
	broadcast: Broadcast,
	options: CallOptions = {},
): Promise<Sent> {
	const random = randomUint32();
	const request = {
		Official_Account: broadcast.officialAccount,
		Random: random,
		MsgBody: broadcast.msgBody,
		...(broadcast.cloudCustomData !== undefined && broadcast.cloudCustomData !== ''
			? { CloudCustomData: broadcast.cloudCustomData }
			: {}),
		...(broadcast.onlineOnly ? { OnlineOnlyFlag: 1 } : {}),
	};
	try {
		const { body, mayHaveBeenAppliedBefore } = await client.call<
			TencentChatAnswer & { MsgKey?: unknown; MsgTime?: unknown }
		>(COMMANDS.sendOfficialAccountMessage, request, {
			...options,
			budgetKey: broadcast.officialAccount,
		});
		return {
			msgKey: typeof body.MsgKey === 'string' ? body.MsgKey : '',
			msgTime: typeof body.MsgTime === 'number' ? body.MsgTime : undefined,
			random,
			mayHaveBeenAppliedBefore,
		};
	} catch (error) {
		throw error instanceof TencentChatError &&
			(error.action === 'slowDown' || error.code === 'HOURLY_LIMIT')
			? error.withHint(SEND_LIMIT_HINT)
			: error;
	}
}

/** `official_account_msg_recall` for up to 10 messages of one account: Tencent's RetCode per MsgKey, 0 recalled. */
export async function recallOfficialAccountMessages(
	client: TencentChatClient,
	officialAccount: string,
	msgKeys: string[],
	reason: string | undefined,
	options: CallOptions = {},
): Promise<BulkAnswer<number>> {
	checkCount(COMMANDS.recallOfficialAccountMessages, msgKeys.length);
	const { body, mayHaveBeenAppliedBefore, attempts } = await client.call<
		TencentChatAnswer & { RecallRetList?: unknown }
	>(
		COMMANDS.recallOfficialAccountMessages,
		{
			Official_Account: officialAccount,
			MsgKeyList: msgKeys,
			...(reason ? { Reason: reason } : {}),
		},
		options,
	);
	const results = readEntryResults(body.RecallRetList, new Set(msgKeys), (entry) => ({
		id: entry.MsgKey,
		result:
			typeof entry.RetCode === 'number' && Number.isInteger(entry.RetCode)
				? entry.RetCode
				: undefined,
	}));
	return { results, mayHaveBeenAppliedBefore, attempts };
}

export interface HistoryMessage {
	MsgKey: string;
	MsgSeq?: number;
	MsgTimeStamp?: number;
	From_Account?: string;
	IsPlaceMsg?: number;
	MsgBody?: unknown;
	CloudCustomData?: unknown;
}

export interface HistoryPage {
	messages: HistoryMessage[];
	/** The LastMsgKey to pull older messages from; undefined when Tencent said IsFinished 1 or 2. */
	next?: string;
	/** 1: all returned; 2: the older ones expired; 0: more to pull. */
	isFinished?: number;
}

/** `official_account_msg_get_simple`: up to 20 messages, newest first, older than `lastMsgKey` (none: the newest). */
export async function getOfficialAccountMessagePage(
	client: TencentChatClient,
	officialAccount: string,
	{
		limit,
		lastMsgKey,
		withRecalled,
	}: { limit: number; lastMsgKey?: string; withRecalled: boolean },
	options: CallOptions = {},
): Promise<HistoryPage> {
	checkCount(COMMANDS.getOfficialAccountMessagePage, limit);
	const { body } = await client.call<
		TencentChatAnswer & { RspMsgList?: unknown; IsFinished?: unknown; LastMsgKey?: unknown }
	>(
		COMMANDS.getOfficialAccountMessagePage,
		{
			Official_Account: officialAccount,
			ReqMsgNumber: limit,
			...(lastMsgKey !== undefined ? { LastMsgKey: lastMsgKey } : {}),
			...(withRecalled ? { WithRecalledMsg: 1 } : {}),
		},
		options,
	);
	const list = Array.isArray(body.RspMsgList) ? (body.RspMsgList as unknown[]) : [];
	const messages = list.filter(
		(entry): entry is HistoryMessage =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as HistoryMessage).MsgKey === 'string',
	);
	const more =
		body.IsFinished === 0 && typeof body.LastMsgKey === 'string' && body.LastMsgKey !== '';
	return {
		messages,
		next: more ? (body.LastMsgKey as string) : undefined,
		isFinished: typeof body.IsFinished === 'number' ? body.IsFinished : undefined,
	};
}
