// The Official Account module's state for one app: its accounts, with their subscribers and
// messages, and the accounts destroyed since (what tests inspect after a Delete).

import { TencentFailure } from '../service';

export interface Subscription {
	/** Order of subscribing, which the paging cursor points into. */
	seq: number;
	subscribeTime: number;
	customString: string;
}

export interface FakeMessage {
	seq: number;
	/** Tencent's `Seq_1_ServerTime` form. */
	key: string;
	time: number;
	random?: number;
	body: unknown[];
	cloudCustomData?: string;
	recalled: boolean;
}

export interface OfficialAccount {
	name: string;
	owner: string;
	createTime: number;
	introduction: string;
	faceUrl: string;
	organization: string;
	customString: string;
	maxSubscribers: number;
	lastMsgTime: number;
	/** In subscribe order. */
	subscribers: Map<string, Subscription>;
	nextSeq: number;
	/** Stored messages, oldest first (online-only ones are not stored). */
	messages: FakeMessage[];
	nextMsgSeq: number;
}

/** The app's official accounts by ID; `destroyed` keeps the ones Delete took, for inspection. */
export class Accounts extends Map<string, OfficialAccount> {
	readonly destroyed = new Map<string, OfficialAccount>();
	/** IDs the fake made for accounts created without one. */
	nextGeneratedId = 1;
}

export function accountNamed(accounts: Accounts, id: string): OfficialAccount {
	const account = accounts.get(id);
	if (account === undefined) throw new TencentFailure(130004, 'official account does not exist');
	return account;
}

export function subscribe(
	account: OfficialAccount,
	subscriber: string,
	subscribeTime: number,
	customString = '',
): void {
	account.subscribers.set(subscriber, { seq: account.nextSeq++, subscribeTime, customString });
}

/** A stored message; its key as Tencent forms it. */
export function storeMessage(
	account: OfficialAccount,
	time: number,
	body: unknown[],
	extra: Partial<FakeMessage> = {},
): FakeMessage {
	const seq = account.nextMsgSeq++;
	const message: FakeMessage = {
		seq,
		key: `${seq}_1_${time}`,
		time,
		body,
		recalled: false,
		...extra,
	};
	account.messages.push(message);
	account.lastMsgTime = time;
	return message;
}

/** What a test or the e2e run reads of one account, live or destroyed. */
export function accountSnapshot(accounts: Accounts, id: string): Record<string, unknown> {
	const live = accounts.get(id);
	const account = live ?? accounts.destroyed.get(id);
	if (account === undefined) return { exists: false, destroyed: false };
	return {
		exists: live !== undefined,
		destroyed: live === undefined,
		name: account.name,
		owner: account.owner,
		introduction: account.introduction,
		faceUrl: account.faceUrl,
		organization: account.organization,
		customString: account.customString,
		maxSubscribers: Number.isFinite(account.maxSubscribers) ? account.maxSubscribers : null,
		subscribers: Object.fromEntries(
			[...account.subscribers].map(([subscriber, { customString }]) => [subscriber, customString]),
		),
		messages: account.messages.map(({ key, time, random, body, cloudCustomData, recalled }) => ({
			key,
			time,
			random,
			body,
			cloudCustomData,
			recalled,
		})),
	};
}
