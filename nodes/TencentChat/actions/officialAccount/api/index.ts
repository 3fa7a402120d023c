import { COMMANDS } from './commands';
import {
	type BulkAnswer,
	checkCount,
	isWholeList,
	readEntryResults,
} from '../../../client/entryResults';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';

// The Official Account service's commands, one function each: the request Tencent documents and
// what its answer says, nothing of n8n. https://www.tencentcloud.com/document/product/1047/60755 ff.

/** Tencent's per-subscriber Result of add_subscriber: 0 failed, 1 added, 2 already subscribed. */
export type SubscriberResult = 0 | 1 | 2;

const isSubscriberResult = (value: unknown): value is SubscriberResult =>
	value === 0 || value === 1 || value === 2;

async function subscriberResults(
	client: TencentChatClient,
	command: typeof COMMANDS.addSubscribers | typeof COMMANDS.removeSubscribers,
	subscriberIds: string[],
	body: () => object,
	options: CallOptions,
): Promise<BulkAnswer<SubscriberResult>> {
	checkCount(command, subscriberIds.length);
	const {
		body: answer,
		mayHaveBeenAppliedBefore,
		attempts,
	} = await client.call<TencentChatAnswer & { SubscriberList?: unknown }>(command, body, options);
	const results = readEntryResults(answer.SubscriberList, new Set(subscriberIds), (entry) => ({
		id: entry.Subscriber_Account,
		result: isSubscriberResult(entry.Result) ? entry.Result : undefined,
	}));
	return { results, mayHaveBeenAppliedBefore, attempts };
}

/** `add_subscriber`: Result 1 added, 2 already subscribed, 0 failed. */
export function addSubscribers(
	client: TencentChatClient,
	officialAccount: string,
	subscriberIds: string[],
	options: CallOptions = {},
): Promise<BulkAnswer<SubscriberResult>> {
	return subscriberResults(
		client,
		COMMANDS.addSubscribers,
		subscriberIds,
		() => ({
			Official_Account: officialAccount,
			SubscriberList: subscriberIds.map((id) => ({ Subscriber_Account: id })),
		}),
		options,
	);
}

/** `delete_subscriber`: Result 1 removed, 2 was not a subscriber, 0 failed. */
export function removeSubscribers(
	client: TencentChatClient,
	officialAccount: string,
	subscriberIds: string[],
	options: CallOptions = {},
): Promise<BulkAnswer<SubscriberResult>> {
	return subscriberResults(
		client,
		COMMANDS.removeSubscribers,
		subscriberIds,
		() => ({ Official_Account: officialAccount, SubscriberToDel_Account: subscriberIds }),
		options,
	);
}

/** `modify_subscriber_info`: sets one subscriber's custom string. */
export async function updateSubscriber(
	client: TencentChatClient,
	{
		officialAccount,
		subscriber,
		customString,
	}: { officialAccount: string; subscriber: string; customString: string },
	options: CallOptions = {},
): Promise<void> {
	await client.call(
		COMMANDS.updateSubscriber,
		{
			Official_Account: officialAccount,
			Subscriber_Account: subscriber,
			CustomString: customString,
		},
		options,
	);
}

export interface Subscriber {
	Subscriber_Account: string;
	SubscribeTime?: number;
	CustomString?: string;
	MsgFlag?: string;
	LastSendMsgTime?: number;
}

export interface SubscriberPage {
	subscribers: Subscriber[];
	/** The cursor of the next page; "" when this was the last. */
	next: string;
	total?: number;
}

/** `get_subscriber_info`: one page of up to 200 subscribers, from the cursor `next` ("" first). */
export async function getSubscriberPage(
	client: TencentChatClient,
	officialAccount: string,
	{ limit, next }: { limit: number; next: string },
	options: CallOptions = {},
): Promise<SubscriberPage> {
	checkCount(COMMANDS.getSubscriberPage, limit);
	const { body } = await client.call<
		TencentChatAnswer & { SubscriberList?: unknown; Next?: unknown; SubscriberNum?: unknown }
	>(
		COMMANDS.getSubscriberPage,
		{ Official_Account: officialAccount, Limit: limit, Next: next },
		options,
	);
	const list = Array.isArray(body.SubscriberList) ? (body.SubscriberList as unknown[]) : [];
	return {
		subscribers: list.filter(
			(entry): entry is Subscriber =>
				typeof entry === 'object' &&
				entry !== null &&
				typeof (entry as Subscriber).Subscriber_Account === 'string',
		),
		next: typeof body.Next === 'string' ? body.Next : '',
		total: typeof body.SubscriberNum === 'number' ? body.SubscriberNum : undefined,
	};
}

/** The fields `get_official_account_info` can return; `ResponseFilter` picks among them. */
export const OFFICIAL_ACCOUNT_FIELDS = [
	'Name',
	'Owner_Account',
	'CreateTime',
	'LastMsgTime',
	'SubscriberNum',
	'Introduction',
	'FaceUrl',
	'Organization',
	'CustomString',
] as const;
export type OfficialAccountField = (typeof OFFICIAL_ACCOUNT_FIELDS)[number];

export type OfficialAccountInfo = Partial<Record<OfficialAccountField, unknown>>;

/**
 * `get_official_account_info` for up to 50 accounts. Tencent leaves out the accounts it does not
 * know; each entry is matched by the account ID it names (an answer that names none is not
 * attributed by position: UNCONFIRMED whether Tencent names it as Official_Account or
 * OfficialAccountUserID, so both are read).
 */
export async function getOfficialAccounts(
	client: TencentChatClient,
	officialAccountIds: string[],
	fields: readonly OfficialAccountField[] | undefined,
	options: CallOptions = {},
): Promise<BulkAnswer<OfficialAccountInfo>> {
	checkCount(COMMANDS.getOfficialAccounts, officialAccountIds.length);
	const { body, mayHaveBeenAppliedBefore, attempts } = await client.call<
		TencentChatAnswer & { OfficialAccountInfoList?: unknown }
	>(
		COMMANDS.getOfficialAccounts,
		{
			OfficialAccountIdList: officialAccountIds.map((id) => ({ Official_Account: id })),
			...(fields && fields.length > 0
				? { ResponseFilter: { OfficialAccountBaseInfoFilter: fields } }
				: {}),
		},
		options,
	);
	const results = readEntryResults(
		body.OfficialAccountInfoList,
		new Set(officialAccountIds),
		(entry) => ({
			id: entry.Official_Account ?? entry.OfficialAccountUserID,
			result: entryFailed(entry) ? undefined : pick(entry, OFFICIAL_ACCOUNT_FIELDS),
		}),
	);
	return {
		results,
		mayHaveBeenAppliedBefore,
		attempts,
		wholeList: isWholeList(body.OfficialAccountInfoList, [
			'Official_Account',
			'OfficialAccountUserID',
		]),
	};
}

function entryFailed(entry: Record<string, unknown>): boolean {
	return typeof entry.ErrorCode === 'number' && entry.ErrorCode !== 0;
}

function pick(entry: Record<string, unknown>, names: readonly string[]): OfficialAccountInfo {
	const picked: Record<string, unknown> = {};
	for (const name of names) if (name in entry) picked[name] = entry[name];
	return picked;
}

export * from './profile';
export * from './messages';
export { RECALL_RET_CODES } from './errorCodes';
export { COMMANDS } from './commands';
