// The Message resource: one-to-one messages, per app (`openim`). Each user has a mailbox that tests
// read; a recipient or a sender must be an account of the Account module. History, recall and read
// state are in `history.ts`.
//
// Tencent recognises a repeat of a message by its MsgRandom: the same sender, recipient and
// MsgRandom within a short time is delivered once (UNCONFIRMED how long Tencent remembers; the
// fake remembers REPEAT_WINDOW_SECONDS).

import type { COMMANDS } from '../../../../nodes/TencentChat/actions/message/api/commands';
import { type Accounts, ACCOUNT_MISSING, accountsOf } from '../account';
import { conversation, historyCommands } from './history';
import {
	type Answer,
	type CallContext,
	defineService,
	ok,
	type RequestBody,
	strings,
	TencentFailure,
} from '../service';

/** A message as a recipient's mailbox holds it. */
export interface MailboxMessage {
	from: string;
	to: string;
	msgKey: string;
	msgTime: number;
	msgRandom: number;
	msgBody: unknown[];
	cloudCustomData?: string;
	msgLifeTime?: number;
	offlinePushInfo?: Record<string, unknown>;
	syncOtherMachine?: number;
}

/** One call's delivery: the message as it was sent, what was delivered, and to whom (the recipients who did not have it yet). */
export interface Delivery {
	message: Outgoing;
	delivered: Delivered;
	recipients: readonly string[];
}

export interface Delivered {
	msgKey: string;
	msgTime: number;
}

export interface Messages {
	accounts: Accounts;
	/** Every delivery, oldest first: one record per call, however many recipients it had. */
	deliveries: Delivery[];
	/** Each user's deliveries, made when a test reads a mailbox and dropped by the next delivery. */
	mailboxes: Map<string, Delivery[]> | undefined;
	/** `sender random` → when first seen and its deliveries, while Tencent would recognise a repeat of it. */
	recent: Map<string, { firstSeen: number; deliveries: Delivery[] }>;
	nextSeq: number;
}

const REPEAT_WINDOW_SECONDS = 60;
const MAX_LIFETIME_SECONDS = 604_800;
const MAX_BODY_BYTES = 12 * 1024;
const MAX_RECIPIENTS = 500;

// Codes from Tencent's sendmsg and batchsendmsg pages (UNCONFIRMED in this project's reference).
const BAD_JSON = 90001;
const BAD_BODY = 90002;
const NO_RECIPIENT = 90003;
const NO_RANDOM = 90005;
const NO_SENDER = 90008;
const TOO_MANY_RECIPIENTS = 90011;
const BAD_LIFETIME = 90026;
const BODY_TOO_LARGE = 93000;

/** What tests read: `server.inspect('mailbox', app, userId)`. */
const INSPECTIONS = { mailbox, conversation };

export const messageModule = defineService<
	Messages,
	keyof typeof COMMANDS,
	object,
	typeof INSPECTIONS
>({
	createState: (_app, stateOf) => ({
		accounts: accountsOf(stateOf),
		deliveries: [],
		mailboxes: undefined,
		recent: new Map(),
		nextSeq: 1,
	}),
	commands: { sendMessage, sendMessageToMany, ...historyCommands },
	entryLists: { sendMessageToMany: { list: 'ErrorList', id: 'To_Account', result: 'ErrorCode' } },
	inspections: INSPECTIONS,
});

/** The one-to-one messages a user has received, oldest first. */
function mailbox(messages: Messages, userId: string): MailboxMessage[] {
	messages.mailboxes ??= indexByRecipient(messages.deliveries);
	return (messages.mailboxes.get(userId) ?? []).map(({ message, delivered }) => ({
		...message,
		to: userId,
		...delivered,
	}));
}

function indexByRecipient(deliveries: Delivery[]): Map<string, Delivery[]> {
	const mailboxes = new Map<string, Delivery[]>();
	for (const delivery of deliveries) {
		for (const to of delivery.recipients) {
			const box = mailboxes.get(to);
			if (box === undefined) mailboxes.set(to, [delivery]);
			else box.push(delivery);
		}
	}
	return mailboxes;
}

function sendMessage(state: Messages, body: RequestBody, context: CallContext): Answer {
	const message = readMessage(state, body, context.operator);
	const to = body.To_Account;
	if (typeof to !== 'string' || to === '')
		throw new TencentFailure(NO_RECIPIENT, 'To_Account is required and must be a string');
	// A recipient that is not an account: UNCONFIRMED which code sendmsg gives (90012 on the page as remembered).
	if (!state.accounts.has(to))
		throw new TencentFailure(90012, 'To_Account is not an imported account');
	const delivered = deliver(state, message, [to], context.nowSeconds)[0];
	return ok({ MsgTime: delivered.msgTime, MsgKey: delivered.msgKey });
}

function sendMessageToMany(state: Messages, body: RequestBody, context: CallContext): Answer {
	const message = readMessage(state, body, context.operator);
	const list = body.To_Account;
	if (!Array.isArray(list) || list.length === 0)
		throw new TencentFailure(NO_RECIPIENT, 'To_Account must be a list of UserIDs');
	if (list.length > MAX_RECIPIENTS)
		throw new TencentFailure(TOO_MANY_RECIPIENTS, `at most ${MAX_RECIPIENTS} recipients a call`);
	const recipients = strings(list, 'To_Account');
	const ErrorList: Array<{ To_Account: string; ErrorCode: number }> = [];
	const accounts: string[] = [];
	for (const to of new Set(recipients)) {
		if (state.accounts.has(to)) accounts.push(to);
		else ErrorList.push({ To_Account: to, ErrorCode: ACCOUNT_MISSING });
	}
	const msgKey =
		accounts.length > 0
			? deliver(state, message, accounts, context.nowSeconds)[0].msgKey
			: newKey(state, message.msgRandom, context.nowSeconds);
	return ok({ MsgKey: msgKey, ...(ErrorList.length > 0 ? { ErrorList } : {}) });
}

export type Outgoing = Omit<MailboxMessage, 'to' | 'msgKey' | 'msgTime'>;

/** The checks both commands make of the message itself, in the order Tencent's codes suggest. */
function readMessage(state: Messages, body: RequestBody, operator: string): Outgoing {
	const random = body.MsgRandom;
	if (!Number.isInteger(random) || (random as number) < 0 || (random as number) > 4294967295) {
		throw new TencentFailure(
			NO_RANDOM,
			'MsgRandom is required and must be a 32-bit unsigned integer',
		);
	}
	const msgBody = body.MsgBody;
	if (!Array.isArray(msgBody) || msgBody.length === 0)
		throw new TencentFailure(BAD_BODY, 'MsgBody must be a non-empty array');
	for (const element of msgBody as unknown[]) {
		const { MsgType, MsgContent } = (element ?? {}) as Record<string, unknown>;
		if (typeof MsgType !== 'string' || typeof MsgContent !== 'object' || MsgContent === null) {
			throw new TencentFailure(BAD_BODY, 'each MsgBody element needs MsgType and MsgContent');
		}
	}
	if (Buffer.byteLength(JSON.stringify(msgBody)) > MAX_BODY_BYTES)
		throw new TencentFailure(BODY_TOO_LARGE, 'message too large');
	const lifetime = body.MsgLifeTime;
	if (
		lifetime !== undefined &&
		(!Number.isInteger(lifetime) ||
			(lifetime as number) < 0 ||
			(lifetime as number) > MAX_LIFETIME_SECONDS)
	) {
		throw new TencentFailure(BAD_LIFETIME, 'MsgLifeTime must be 0 to 604800');
	}
	const from = body.From_Account ?? operator;
	if (typeof from !== 'string') throw new TencentFailure(BAD_JSON, 'From_Account must be a string');
	if (!state.accounts.has(from))
		throw new TencentFailure(NO_SENDER, 'From_Account is not an imported account');
	return {
		from,
		msgRandom: random as number,
		msgBody,
		...(typeof body.CloudCustomData === 'string' ? { cloudCustomData: body.CloudCustomData } : {}),
		...(lifetime !== undefined ? { msgLifeTime: lifetime as number } : {}),
		...(typeof body.OfflinePushInfo === 'object' && body.OfflinePushInfo !== null
			? { offlinePushInfo: body.OfflinePushInfo as Record<string, unknown> }
			: {}),
		...(typeof body.SyncOtherMachine === 'number'
			? { syncOtherMachine: body.SyncOtherMachine }
			: {}),
	};
}

function newKey(state: Messages, random: number, nowSeconds: number): string {
	return `${state.nextSeq++}_${random}_${nowSeconds}`;
}

/**
 * Puts the message in each recipient's mailbox, unless it is a repeat of one delivered to them
 * moments ago (the same sender and MsgRandom): then the recipient keeps the one it has, and the
 * answer names it. A call is one record, whatever its number of recipients: the fake must answer
 * half a million recipients a second without becoming what the benchmark measures.
 */
function deliver(
	state: Messages,
	message: Outgoing,
	recipients: string[],
	nowSeconds: number,
): Delivered[] {
	forgetOld(state, nowSeconds);
	const sending = `${message.from} ${message.msgRandom}`;
	const earlier = state.recent.get(sending);
	const delivered: Delivered = {
		msgKey: newKey(state, message.msgRandom, nowSeconds),
		msgTime: nowSeconds,
	};
	// A repeat of a sending (a client's retry) is rare: only then is each recipient looked up.
	const had = earlier === undefined ? undefined : deliveredTo(earlier.deliveries);
	const fresh = had === undefined ? recipients : recipients.filter((to) => !had.has(to));
	if (fresh.length > 0) {
		const delivery: Delivery = { message, delivered, recipients: fresh };
		state.deliveries.push(delivery);
		state.mailboxes = undefined;
		if (earlier === undefined)
			state.recent.set(sending, { firstSeen: nowSeconds, deliveries: [delivery] });
		else earlier.deliveries.push(delivery);
	}
	return had === undefined
		? recipients.map(() => delivered)
		: recipients.map((to) => had.get(to) ?? delivered);
}

/** What each recipient of a sending's deliveries was delivered. */
function deliveredTo(deliveries: Delivery[]): Map<string, Delivered> {
	const had = new Map<string, Delivered>();
	for (const { delivered, recipients } of deliveries)
		for (const to of recipients) had.set(to, delivered);
	return had;
}

/** Entries are in the order first seen: the oldest go first. */
function forgetOld(state: Messages, nowSeconds: number): void {
	for (const [key, { firstSeen }] of state.recent) {
		if (firstSeen > nowSeconds - REPEAT_WINDOW_SECONDS) return;
		state.recent.delete(key);
	}
}
