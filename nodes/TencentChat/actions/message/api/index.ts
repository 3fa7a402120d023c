import { COMMANDS } from './commands';
import { randomUint32 } from '../../../client/random';
import { type BulkAnswer, checkCount } from '../../../client/entryResults';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';
import type { MessageElement } from '../../../client/messageElement';

// The one-to-one message service's commands (openim): the request Tencent documents and what its
// answer says, nothing of n8n. https://www.tencentcloud.com/document/product/1047/34919 and 34920.
//
// A send is not idempotent. Each send draws its MsgRandom once and every attempt of it carries the
// same body, so that Tencent can recognise a retry of a message it has already delivered.

/** What a message is, whoever receives it: the fields of sendmsg and batchsendmsg besides To_Account and MsgRandom. */
export interface Message {
	From_Account?: string;
	MsgBody: MessageElement[];
	/** 1: the message also shows on the sender's other devices; 2: it does not. */
	SyncOtherMachine: 1 | 2;
	MsgLifeTime?: number;
	CloudCustomData?: string;
	OfflinePushInfo?: { Title?: string; Desc?: string };
}

export interface SentMessage {
	msgKey?: string;
	msgTime?: number;
	/** An earlier attempt of this send may have been delivered already. */
	mayHaveBeenAppliedBefore: boolean;
	attempts: number;
}

/** batchsendmsg's result for one recipient: the call's message, shared, or the recipient's ErrorCode. */
export type DeliveryResult = Readonly<{ msgKey?: string }> | number;

/** `openim/sendmsg`: one message to one user. */
export async function sendMessage(
	client: TencentChatClient,
	to: string,
	message: Message,
	options: CallOptions = {},
): Promise<SentMessage> {
	const body = { ...message, To_Account: to, MsgRandom: randomUint32() };
	const {
		body: answer,
		mayHaveBeenAppliedBefore,
		attempts,
	} = await client.call<TencentChatAnswer & { MsgKey?: unknown; MsgTime?: unknown }>(
		COMMANDS.sendMessage,
		body,
		options,
	);
	return {
		msgKey: typeof answer.MsgKey === 'string' ? answer.MsgKey : undefined,
		msgTime: typeof answer.MsgTime === 'number' ? answer.MsgTime : undefined,
		mayHaveBeenAppliedBefore,
		attempts,
	};
}

/**
 * `openim/batchsendmsg`: one message to up to 500 users. An OK answer lists in ErrorList the
 * recipients it could not deliver to; every other recipient was sent the message.
 */
export async function sendMessageToMany(
	client: TencentChatClient,
	message: Message,
	recipients: string[],
	options: CallOptions = {},
): Promise<BulkAnswer<DeliveryResult>> {
	checkCount(COMMANDS.sendMessageToMany, recipients.length);
	const body = { ...message, To_Account: recipients, MsgRandom: randomUint32() };
	const {
		body: answer,
		mayHaveBeenAppliedBefore,
		attempts,
	} = await client.call<TencentChatAnswer & { MsgKey?: unknown; ErrorList?: unknown }>(
		COMMANDS.sendMessageToMany,
		body,
		options,
	);
	const asked = new Set(recipients);
	const failed = new Map<string, number>();
	for (const entry of Array.isArray(answer.ErrorList) ? (answer.ErrorList as unknown[]) : []) {
		const { To_Account: id, ErrorCode: code } = (entry ?? {}) as Record<string, unknown>;
		if (typeof id !== 'string' || !asked.has(id) || failed.has(id)) continue;
		// A recipient named without a usable code did not get the message all the same.
		failed.set(id, Number.isInteger(code) && code !== 0 ? (code as number) : -1);
	}
	const sent: DeliveryResult = Object.freeze(
		typeof answer.MsgKey === 'string' ? { msgKey: answer.MsgKey } : {},
	);
	const results = new Map<string, DeliveryResult>(
		recipients.map((id) => [id, failed.get(id) ?? sent]),
	);
	return { results, mayHaveBeenAppliedBefore, attempts };
}
export { COMMANDS } from './commands';
export * from './history';
