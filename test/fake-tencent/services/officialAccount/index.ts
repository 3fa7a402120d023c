// The Official Account resource: official accounts and their subscribers, per app
// (`official_account_open_http_svc`). An account's own life is in `profile.ts`, its broadcasts in
// `messages.ts`, the state in `state.ts`.

import type { COMMANDS } from '../../../../nodes/TencentChat/actions/officialAccount/api/commands';
import {
	type CallbackEvents,
	type Answer,
	type CallContext,
	type CoreApp,
	defineService,
	invalid,
	isValidUserId,
	ok,
	type RequestBody,
	requiredList,
	requiredString,
	strings,
	stringsOf,
	TencentFailure,
} from '../service';
import {
	Accounts,
	accountNamed,
	accountSnapshot,
	type OfficialAccount,
	storeMessage,
	subscribe,
} from './state';
import { profileCallbacks, profileCommands } from './profile';
import { messageCallbacks, messageCommands, messageEntryLists } from './messages';

/** An official account as a test sets it up through `addApp`. */
export interface FakeOfficialAccount {
	maxSubscribers?: number;
	subscribers?: string[];
	/** Custom strings of some of `subscribers`. */
	subscriberCustomStrings?: Record<string, string>;
	name?: string;
	owner?: string;
	/** Unix seconds; the time it was added by default. */
	createTime?: number;
	introduction?: string;
	customString?: string;
	faceUrl?: string;
	organization?: string;
	/** Texts sent before the test starts, oldest first, a second apart. */
	messages?: string[];
}

/** What this module reads of `FakeApp`. */
export interface OfficialAccountSetup {
	/** Official accounts that exist, by ID. */
	officialAccounts: Record<string, FakeOfficialAccount>;
}

/** What tests read: `server.inspect('subscribers', app, id)`. */
const INSPECTIONS = {
	subscribers: subscriberIds,
	/** An official account as the server holds it, live or destroyed: profile, subscribers (with custom strings), messages. */
	officialAccount: accountSnapshot,
};

const INFO_FIELDS = [
	'CreateTime',
	'Name',
	'Owner_Account',
	'LastMsgTime',
	'SubscriberNum',
	'Introduction',
	'FaceUrl',
	'Organization',
	'CustomString',
] as const;
const SUBSCRIBER_RESULTS = { list: 'SubscriberList', id: 'Subscriber_Account', result: 'Result' };

export const officialAccountModule = defineService<
	Accounts,
	keyof typeof COMMANDS,
	OfficialAccountSetup,
	typeof INSPECTIONS
>({
	createState,
	commands: {
		addSubscribers,
		removeSubscribers,
		getSubscriberPage,
		getOfficialAccounts,
		updateSubscriber,
		...profileCommands,
		...messageCommands,
	},
	callbacks: {
		...profileCallbacks,
		...messageCallbacks,
		addSubscribers: subscriberCallbacks('OfficialAccount.CallbackAfterAddSubscriber'),
		removeSubscribers: subscriberCallbacks('OfficialAccount.CallbackAfterDeleteSubscriber'),
	},
	entryLists: {
		addSubscribers: SUBSCRIBER_RESULTS,
		removeSubscribers: SUBSCRIBER_RESULTS,
		getSubscriberPage: { list: 'SubscriberList', id: 'Subscriber_Account' },
		getOfficialAccounts: { list: 'OfficialAccountInfoList', id: 'Official_Account' },
		getSubscriptionPage: { list: 'OfficialAccountInfoList', id: 'Official_Account' },
		...messageEntryLists,
	},
	inspections: INSPECTIONS,
});

/** One callback for the subscribers a call changed (Result 1), none when it changed none. */
function subscriberCallbacks(
	command:
		| 'OfficialAccount.CallbackAfterAddSubscriber'
		| 'OfficialAccount.CallbackAfterDeleteSubscriber',
): CallbackEvents {
	return (body, answer, { operator, nowMs }) => {
		const list = Array.isArray(answer.SubscriberList)
			? (answer.SubscriberList as Array<{ Subscriber_Account: string; Result: number }>)
			: [];
		const changed = list
			.filter((entry) => entry.Result === 1)
			.map((entry) => entry.Subscriber_Account);
		if (changed.length === 0 || typeof body.Official_Account !== 'string') return [];
		return [
			{
				command,
				body: {
					CallbackCommand: command,
					Official_Account: body.Official_Account,
					Operator_Account: operator,
					SubscribeAccountList: changed.map((id) => ({ Subscriber_Account: id })),
					EventTime: nowMs,
				},
			},
		];
	};
}

/** The subscriber IDs of an account, in subscribe order: what tests compare against. */
function subscriberIds(accounts: Accounts, officialAccount: string): string[] {
	return [...(accounts.get(officialAccount)?.subscribers.keys() ?? [])];
}

function createState(app: CoreApp & OfficialAccountSetup): Accounts {
	const now = Math.floor(Date.now() / 1000);
	const accounts = new Accounts();
	for (const [id, setup] of Object.entries(app.officialAccounts)) {
		const account: OfficialAccount = {
			name: setup.name ?? id,
			owner: setup.owner ?? app.admins[0] ?? '',
			createTime: setup.createTime ?? now,
			introduction: setup.introduction ?? '',
			faceUrl: setup.faceUrl ?? '',
			organization: setup.organization ?? '',
			customString: setup.customString ?? '',
			maxSubscribers: setup.maxSubscribers ?? Number.POSITIVE_INFINITY,
			lastMsgTime: 0,
			subscribers: new Map(),
			nextSeq: 1,
			messages: [],
			nextMsgSeq: 1,
		};
		(setup.messages ?? []).forEach((text, index) =>
			storeMessage(account, (setup.createTime ?? now) + index, [
				{ MsgType: 'TIMTextElem', MsgContent: { Text: text } },
			]),
		);
		for (const subscriber of setup.subscribers ?? []) {
			subscribe(
				account,
				subscriber,
				account.createTime,
				setup.subscriberCustomStrings?.[subscriber] ?? '',
			);
		}
		accounts.set(id, account);
	}
	return accounts;
}

function addSubscribers(
	accounts: Accounts,
	body: RequestBody,
	{ command, nowSeconds }: CallContext,
): Answer {
	const accountId = requiredString(body, 'Official_Account');
	const ids = stringsOf(requiredList(body, 'SubscriberList', command), 'Subscriber_Account');
	const account = accountNamed(accounts, accountId);

	const newcomers = new Set(ids.filter((id) => !account.subscribers.has(id) && isValidUserId(id)));
	if (account.subscribers.size + newcomers.size > account.maxSubscribers) {
		throw new TencentFailure(130006, 'subscriber limit of the official account reached');
	}
	const SubscriberList = ids.map((id) => {
		if (!isValidUserId(id)) return { Subscriber_Account: id, Result: 0 };
		if (account.subscribers.has(id)) return { Subscriber_Account: id, Result: 2 };
		subscribe(account, id, nowSeconds);
		return { Subscriber_Account: id, Result: 1 };
	});
	return ok({ SubscriberList });
}

function removeSubscribers(
	accounts: Accounts,
	body: RequestBody,
	{ command }: CallContext,
): Answer {
	const accountId = requiredString(body, 'Official_Account');
	const ids = strings(
		requiredList(body, 'SubscriberToDel_Account', command),
		'SubscriberToDel_Account',
	);
	const account = accountNamed(accounts, accountId);
	const SubscriberList = ids.map((id) => {
		if (!isValidUserId(id)) return { Subscriber_Account: id, Result: 0 };
		return { Subscriber_Account: id, Result: account.subscribers.delete(id) ? 1 : 2 };
	});
	return ok({ SubscriberList });
}

/**
 * A subscriber's custom string. What Tencent answers for a user who does not subscribe is not
 * documented (UNCONFIRMED): the fake says 6017, invalid parameter.
 */
function updateSubscriber(accounts: Accounts, body: RequestBody): Answer {
	const account = accountNamed(accounts, requiredString(body, 'Official_Account'));
	const subscriber = requiredString(body, 'Subscriber_Account');
	if (typeof body.CustomString !== 'string')
		throw invalid('CustomString is required and must be a string');
	if (Buffer.byteLength(body.CustomString) > 3000)
		throw invalid('CustomString is longer than 3000 bytes');
	const subscription = account.subscribers.get(subscriber);
	if (subscription === undefined)
		throw invalid(`${subscriber} does not subscribe to the official account`);
	subscription.customString = body.CustomString;
	return ok();
}

/** Pages in subscribe order; the cursor is the order number of the last subscriber sent, so unsubscribing mid-way skips no one. */
function getSubscriberPage(
	accounts: Accounts,
	body: RequestBody,
	{ command }: CallContext,
): Answer {
	const accountId = requiredString(body, 'Official_Account');
	const pageMax = command.maxPerCall ?? Number.POSITIVE_INFINITY;
	const limit = body.Limit ?? pageMax;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > pageMax) {
		throw invalid(`Limit must be an integer from 1 to ${pageMax}`);
	}
	if (typeof body.Next !== 'string') throw invalid('Next is required and must be a string');
	const after = body.Next === '' ? 0 : decodeCursor(body.Next, accountId);
	const account = accountNamed(accounts, accountId);

	const remaining = [...account.subscribers].filter(([, subscription]) => subscription.seq > after);
	const page = remaining.slice(0, limit);
	const last = page[page.length - 1]?.[1];
	return ok({
		SubscriberNum: account.subscribers.size,
		Next:
			remaining.length > page.length && last !== undefined ? encodeCursor(accountId, last.seq) : '',
		SubscriberList: page.map(([id, subscription]) => ({
			Subscriber_Account: id,
			SubscribeTime: subscription.subscribeTime,
			CustomString: subscription.customString,
			MsgFlag: 'AcceptAndNotify',
			LastSendMsgTime: 0,
		})),
	});
}

function encodeCursor(accountId: string, seq: number): string {
	return Buffer.from(`${seq}:${accountId}`).toString('base64url');
}

function decodeCursor(cursor: string, accountId: string): number {
	const match = /^(\d+):(.*)$/s.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
	if (
		match === null ||
		match[2] !== accountId ||
		encodeCursor(accountId, Number(match[1])) !== cursor
	) {
		throw invalid('Next is not a cursor this account gave');
	}
	return Number(match[1]);
}

function getOfficialAccounts(
	accounts: Accounts,
	body: RequestBody,
	{ command }: CallContext,
): Answer {
	const ids = stringsOf(requiredList(body, 'OfficialAccountIdList', command), 'Official_Account');
	const fields = infoFields(body.ResponseFilter);
	const OfficialAccountInfoList = ids.flatMap((id) => {
		const account = accounts.get(id);
		if (account === undefined) return [];
		const info: Record<(typeof INFO_FIELDS)[number], unknown> = {
			CreateTime: account.createTime,
			Name: account.name,
			Owner_Account: account.owner,
			LastMsgTime: account.lastMsgTime,
			SubscriberNum: account.subscribers.size,
			Introduction: account.introduction,
			FaceUrl: account.faceUrl,
			Organization: account.organization,
			CustomString: account.customString,
		};
		return [
			{ Official_Account: id, ...Object.fromEntries(fields.map((field) => [field, info[field]])) },
		];
	});
	return ok({ OfficialAccountInfoList });
}

function infoFields(filter: unknown): ReadonlyArray<(typeof INFO_FIELDS)[number]> {
	if (filter === undefined) return INFO_FIELDS;
	if (typeof filter !== 'object' || filter === null || Array.isArray(filter))
		throw invalid('ResponseFilter must be an object');
	const names = (filter as Record<string, unknown>).OfficialAccountBaseInfoFilter;
	if (names === undefined) return INFO_FIELDS;
	const valid = (name: unknown): name is (typeof INFO_FIELDS)[number] =>
		INFO_FIELDS.includes(name as never);
	if (!Array.isArray(names) || !names.every(valid)) {
		throw invalid(`OfficialAccountBaseInfoFilter may name only ${INFO_FIELDS.join(', ')}`);
	}
	return names;
}
