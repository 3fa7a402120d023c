import { COMMANDS } from './commands';
import { randomUint32 } from '../../../client/random';
import { type BulkAnswer, checkCount, readEntryResults } from '../../../client/entryResults';
import type { MessageElement } from '../../../client/messageElement';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';
import { onGroup } from './info';

// A group's messages: send, system notification, recall by MsgSeq, history (§1.1).
//
// A send is not idempotent. Each send draws its Random once and every attempt carries the same
// body: Tencent drops a repeat of the same Random from the same sender within 5 minutes (Limits;
// doocs: same content and Random), so a retry of a message already delivered is not a second one.

export interface GroupMessage {
	From_Account?: string;
	MsgBody: MessageElement[];
	MsgPriority?: 'High' | 'Normal' | 'Low';
	OnlineOnlyFlag?: 1;
	CloudCustomData?: string;
	OfflinePushInfo?: { Title?: string; Desc?: string };
	/** In text order: @all is GroupAtAllFlag 1, a member GroupAtAllFlag 0 with the account. */
	GroupAtInfo?: Array<{ GroupAtAllFlag: 0 | 1; GroupAt_Account?: string }>;
}

export interface SentGroupMessage {
	msgSeq?: number;
	msgTime?: number;
	/** Non-empty when Tencent dropped the message under frequency control (doocs). */
	dropReason?: string;
	mayHaveBeenAppliedBefore: boolean;
}

// UNCONFIRMED (§1.1 rate, §9.5): the per-group 40/s is counted by Tencent; the client paces the
// app's 200 calls a second, and retries 10023 as a rate limit.
export async function sendGroupMessage(
	client: TencentChatClient,
	groupId: string,
	message: GroupMessage,
	options: CallOptions = {},
): Promise<SentGroupMessage> {
	const body = { GroupId: groupId, Random: randomUint32(), ...message };
	const { body: answer, mayHaveBeenAppliedBefore } = await client.call<
		TencentChatAnswer & { MsgSeq?: unknown; MsgTime?: unknown; MsgDropReason?: unknown }
	>(COMMANDS.sendGroupMessage, body, { ...options, budgetKey: groupId });
	return {
		msgSeq: typeof answer.MsgSeq === 'number' ? answer.MsgSeq : undefined,
		msgTime: typeof answer.MsgTime === 'number' ? answer.MsgTime : undefined,
		...(typeof answer.MsgDropReason === 'string' && answer.MsgDropReason !== ''
			? { dropReason: answer.MsgDropReason }
			: {}),
		mayHaveBeenAppliedBefore,
	};
}

/** `send_group_system_notification`: to every member, or to up to 500 of them. */
export async function sendGroupNotification(
	client: TencentChatClient,
	groupId: string,
	content: string,
	recipients: string[] | undefined,
	options: CallOptions = {},
): Promise<{ mayHaveBeenAppliedBefore: boolean }> {
	if (recipients !== undefined) checkCount(COMMANDS.sendGroupNotification, recipients.length);
	const command = COMMANDS.sendGroupNotification;
	return onGroup(client, command, groupId, options, async () => {
		const body = {
			GroupId: groupId,
			Content: content,
			...(recipients !== undefined ? { ToMembers_Account: recipients } : {}),
		};
		const { mayHaveBeenAppliedBefore } = await client.call(command, body, options);
		return { mayHaveBeenAppliedBefore };
	});
}

/** `group_msg_recall`: up to 10 MsgSeqs; each gets its RetCode, 0 being recalled. */
export async function recallGroupMessages(
	client: TencentChatClient,
	groupId: string,
	msgSeqs: string[],
	reason: string | undefined,
	options: CallOptions = {},
): Promise<BulkAnswer<number>> {
	checkCount(COMMANDS.recallGroupMessages, msgSeqs.length);
	const command = COMMANDS.recallGroupMessages;
	return onGroup(client, command, groupId, options, async () => {
		const body = {
			GroupId: groupId,
			MsgSeqList: msgSeqs.map((seq) => ({ MsgSeq: Number(seq) })),
			...(reason ? { Reason: reason } : {}),
		};
		const {
			body: answer,
			mayHaveBeenAppliedBefore,
			attempts,
		} = await client.call<TencentChatAnswer & { RecallRetList?: unknown }>(command, body, options);
		const results = readEntryResults(answer.RecallRetList, new Set(msgSeqs), (entry) => ({
			id: typeof entry.MsgSeq === 'number' ? String(entry.MsgSeq) : undefined,
			result: Number.isInteger(entry.RetCode) ? (entry.RetCode as number) : undefined,
		}));
		return { results, mayHaveBeenAppliedBefore, attempts };
	});
}

export interface GroupHistoryMessage {
	From_Account?: unknown;
	IsPlaceMsg?: unknown;
	IsSystemMsg?: unknown;
	MsgPriority?: unknown;
	MsgRandom?: unknown;
	MsgSeq: number;
	MsgTimeStamp?: unknown;
	MsgBody?: unknown;
	CloudCustomData?: unknown;
}

/**
 * `group_msg_get_simple`: up to 20 messages with MsgSeq ≤ `upTo` (the newest without it). Recalled
 * messages are asked for too (WithRecalledMsg), so that a page of recalled ones is not mistaken
 * for the end of the history.
 */
export async function getGroupMessagePage(
	client: TencentChatClient,
	groupId: string,
	{ count, upTo }: { count: number; upTo?: number },
	options: CallOptions = {},
): Promise<{ messages: GroupHistoryMessage[]; isFinished?: number }> {
	checkCount(COMMANDS.getGroupMessagePage, count);
	const command = COMMANDS.getGroupMessagePage;
	return onGroup(client, command, groupId, options, async () => {
		const body = {
			GroupId: groupId,
			ReqMsgNumber: count,
			WithRecalledMsg: 1,
			...(upTo !== undefined ? { ReqMsgSeq: upTo } : {}),
		};
		const { body: answer } = await client.call<
			TencentChatAnswer & { RspMsgList?: unknown; IsFinished?: unknown }
		>(command, body, options);
		const list = Array.isArray(answer.RspMsgList) ? (answer.RspMsgList as unknown[]) : [];
		return {
			messages: list.filter(
				(entry): entry is GroupHistoryMessage =>
					Number.isSafeInteger((entry as GroupHistoryMessage | null)?.MsgSeq) &&
					(entry as GroupHistoryMessage).MsgSeq > 0,
			),
			isFinished: typeof answer.IsFinished === 'number' ? answer.IsFinished : undefined,
		};
	});
}
