import { COMMANDS } from './commands';
import { TencentChatError } from '../../../client/TencentChatError';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';
import { checkCount } from '../../../client/entryResults';

// An official account's own life: create, change, destroy, and the accounts a user follows.
// https://www.tencentcloud.com/document/product/1047/60755, 60756, 60757, 60763

/** The profile fields create_official_account and modify_official_account_base_info take. */
export interface OfficialAccountProfile {
	Name?: string;
	Introduction?: string;
	FaceUrl?: string;
	Organization?: string;
	CustomString?: string;
	MaxSubscriberNum?: number;
}

export interface Created {
	officialAccountId: string;
	/** An earlier attempt may have created an account already: with no ID of its own, a second one. */
	mayHaveBeenAppliedBefore: boolean;
}

/** `create_official_account`: the new account's OfficialAccountUserID (Tencent's, or the one asked for). */
export async function createOfficialAccount(
	client: TencentChatClient,
	request: {
		owner: string;
		officialAccountId?: string;
		profile: OfficialAccountProfile & { Name: string };
	},
	options: CallOptions = {},
): Promise<Created> {
	const { body, mayHaveBeenAppliedBefore } = await client.call<
		TencentChatAnswer & { OfficialAccountUserID?: unknown }
	>(
		COMMANDS.createOfficialAccount,
		{
			Owner_Account: request.owner,
			...(request.officialAccountId !== undefined
				? { OfficialAccountUserID: request.officialAccountId }
				: {}),
			...request.profile,
		},
		options,
	);
	const answered =
		typeof body.OfficialAccountUserID === 'string' && body.OfficialAccountUserID !== ''
			? body.OfficialAccountUserID
			: undefined;
	const officialAccountId = answered ?? request.officialAccountId;
	if (officialAccountId === undefined) {
		// Created, as far as the answer says, but under an ID nobody knows: not a success a next step can use.
		throw new TencentChatError(
			'MISSING_ID',
			'Tencent answered OK but gave no OfficialAccountUserID: the account was probably created, under an ID this answer does not say. Look for it in the Chat console before creating it again; an Official Account ID of your own makes a re-run safe',
			{ action: 'reject', mayHaveBeenApplied: true },
		);
	}
	return { officialAccountId, mayHaveBeenAppliedBefore };
}

/** `modify_official_account_base_info`: only the fields given change. Tencent's field is `Official_Account`. */
export async function updateOfficialAccount(
	client: TencentChatClient,
	officialAccount: string,
	profile: OfficialAccountProfile,
	options: CallOptions = {},
): Promise<void> {
	await client.call(
		COMMANDS.updateOfficialAccount,
		{ Official_Account: officialAccount, ...profile },
		options,
	);
}

/** `destroy_official_account`: the account, its subscribers and its messages go. */
export async function deleteOfficialAccount(
	client: TencentChatClient,
	officialAccount: string,
	options: CallOptions = {},
): Promise<void> {
	await client.call(COMMANDS.deleteOfficialAccount, { Official_Account: officialAccount }, options);
}

/** One official account a user follows, with what is the user's own (SelfInfo). */
export interface Subscription {
	officialAccount: string;
	info: Record<string, unknown>;
	subscribeTime?: number;
	customString?: string;
}

export interface SubscriptionPage {
	subscriptions: Subscription[];
	/** The Offset of the next page; undefined when Tencent said CompleteFlag 1. */
	next?: number;
	total?: number;
}

/** `get_subscribed_official_account_list`: one page of up to 200 accounts a user follows, from `offset`. */
export async function getSubscriptionPage(
	client: TencentChatClient,
	subscriber: string,
	{ limit, offset }: { limit: number; offset: number },
	options: CallOptions = {},
): Promise<SubscriptionPage> {
	checkCount(COMMANDS.getSubscriptionPage, limit);
	const { body } = await client.call<
		TencentChatAnswer & {
			OfficialAccountInfoList?: unknown;
			CompleteFlag?: unknown;
			Next?: unknown;
			TotalCount?: unknown;
		}
	>(
		COMMANDS.getSubscriptionPage,
		{ Subscriber_Account: subscriber, Limit: limit, Offset: offset },
		options,
	);
	const list = Array.isArray(body.OfficialAccountInfoList)
		? (body.OfficialAccountInfoList as unknown[])
		: [];
	const subscriptions = list.flatMap((entry): Subscription[] => {
		if (typeof entry !== 'object' || entry === null) return [];
		const { SelfInfo, ...info } = entry as Record<string, unknown>;
		// UNCONFIRMED which name Tencent gives the account's ID here: both are read.
		const id = info.Official_Account ?? info.OfficialAccountUserID;
		if (typeof id !== 'string') return [];
		const self = (typeof SelfInfo === 'object' && SelfInfo !== null ? SelfInfo : {}) as Record<
			string,
			unknown
		>;
		return [
			{
				officialAccount: id,
				info,
				subscribeTime: typeof self.SubscribeTime === 'number' ? self.SubscribeTime : undefined,
				customString: typeof self.CustomString === 'string' ? self.CustomString : undefined,
			},
		];
	});
	// Next is the next page's Offset; an answer without a usable one goes on after the entries it gave.
	const next =
		typeof body.Next === 'number' && Number.isSafeInteger(body.Next) && body.Next > offset
			? body.Next
			: offset + list.length;
	return {
		subscriptions,
		// An empty page ends the list, unless Tencent says more follows (CompleteFlag 0).
		next:
			body.CompleteFlag === 1 || (list.length === 0 && body.CompleteFlag !== 0) ? undefined : next,
		total: typeof body.TotalCount === 'number' ? body.TotalCount : undefined,
	};
}
