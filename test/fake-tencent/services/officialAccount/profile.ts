// An official account's own life on the fake: create, modify, destroy, and the accounts a user
// follows. Tencent's checks as its pages state them (TC 60755-60757, 60763); where they state
// none, the fake answers 6017 (UNCONFIRMED).

import type { COMMANDS } from '../../../../nodes/TencentChat/actions/officialAccount/api/commands';
import {
	type Answer,
	type CallbackEvents,
	type CallContext,
	type CommandHandler,
	invalid,
	ok,
	type RequestBody,
	requiredString,
	TencentFailure,
} from '../service';
import { type Accounts, accountNamed, type OfficialAccount } from './state';

type Key = keyof typeof COMMANDS;

const ID_PREFIX = '@TOA#_';
const MAX_ID_BYTES = 48;
/** Tencent's byte limits of the profile's text fields. */
const TEXT_LIMITS = {
	Name: 150,
	Introduction: 400,
	FaceUrl: 500,
	Organization: 500,
	CustomString: 3000,
} as const;
type TextField = keyof typeof TEXT_LIMITS;
const PROFILE_KEYS: Record<
	TextField,
	'name' | 'introduction' | 'faceUrl' | 'organization' | 'customString'
> = {
	Name: 'name',
	Introduction: 'introduction',
	FaceUrl: 'faceUrl',
	Organization: 'organization',
	CustomString: 'customString',
};
const DEFAULT_MAX_SUBSCRIBERS = 100_000;

/** The profile fields a request gives, checked as Tencent checks them. */
function profileOf(
	body: RequestBody,
): Partial<Pick<OfficialAccount, (typeof PROFILE_KEYS)[TextField] | 'maxSubscribers'>> {
	const profile: Partial<
		Pick<OfficialAccount, (typeof PROFILE_KEYS)[TextField] | 'maxSubscribers'>
	> = {};
	for (const field of Object.keys(TEXT_LIMITS) as TextField[]) {
		const value = body[field];
		if (value === undefined) continue;
		if (typeof value !== 'string') throw invalid(`${field} must be a string`);
		if (Buffer.byteLength(value) > TEXT_LIMITS[field])
			throw invalid(`${field} is longer than ${TEXT_LIMITS[field]} bytes`);
		profile[PROFILE_KEYS[field]] = value;
	}
	if (body.MaxSubscriberNum !== undefined) {
		const max = body.MaxSubscriberNum;
		if (typeof max !== 'number' || !Number.isInteger(max) || max < 1)
			throw invalid('MaxSubscriberNum must be a positive integer');
		profile.maxSubscribers = max;
	}
	return profile;
}

function createOfficialAccount(
	accounts: Accounts,
	body: RequestBody,
	{ nowSeconds, isImported }: CallContext,
): Answer {
	const owner = requiredString(body, 'Owner_Account');
	const name = requiredString(body, 'Name');
	const profile = profileOf(body);
	// UNCONFIRMED what Tencent answers for an owner that was never imported: the fake says 6017.
	if (!isImported(owner)) throw invalid(`Owner_Account ${owner} is not an imported account`);
	let id = body.OfficialAccountUserID;
	if (id !== undefined) {
		if (
			typeof id !== 'string' ||
			!id.startsWith(ID_PREFIX) ||
			id.length === ID_PREFIX.length ||
			Buffer.byteLength(id) > MAX_ID_BYTES
		) {
			throw new TencentFailure(130007, 'invalid official account ID');
		}
		if (accounts.has(id)) throw new TencentFailure(130008, 'official account ID already used');
	} else {
		do id = `${ID_PREFIX}@TOA#${String(accounts.nextGeneratedId++).padStart(4, '0')}`;
		while (accounts.has(id as string));
	}
	accounts.set(id as string, {
		name,
		owner,
		createTime: nowSeconds,
		introduction: profile.introduction ?? '',
		faceUrl: profile.faceUrl ?? '',
		organization: profile.organization ?? '',
		customString: profile.customString ?? '',
		maxSubscribers: profile.maxSubscribers ?? DEFAULT_MAX_SUBSCRIBERS,
		lastMsgTime: 0,
		subscribers: new Map(),
		nextSeq: 1,
		messages: [],
		nextMsgSeq: 1,
	});
	accounts.destroyed.delete(id as string);
	return ok({ OfficialAccountUserID: id });
}

/** Tencent's field is `Official_Account`; doocs sends `OfficialAccount`, which Tencent does not read. */
function modifyOfficialAccount(accounts: Accounts, body: RequestBody): Answer {
	if (body.Official_Account === undefined && body.OfficialAccount !== undefined)
		throw invalid('Official_Account is required');
	const account = accountNamed(accounts, requiredString(body, 'Official_Account'));
	const profile = profileOf(body);
	if (profile.name === '') throw invalid('Name must not be empty');
	Object.assign(account, profile);
	return ok();
}

/** The account each destroy answer took, for its callback, which sees only request and answer. */
const destroyedBy = new WeakMap<Answer, OfficialAccount>();

function destroyOfficialAccount(accounts: Accounts, body: RequestBody): Answer {
	const id = requiredString(body, 'Official_Account');
	const account = accountNamed(accounts, id);
	accounts.delete(id);
	accounts.destroyed.set(id, account);
	const answer = ok();
	destroyedBy.set(answer, account);
	return answer;
}

/** Offset paging over the accounts the user follows, in creation order. */
function getSubscribedOfficialAccounts(
	accounts: Accounts,
	body: RequestBody,
	{ command }: CallContext,
): Answer {
	const subscriber = requiredString(body, 'Subscriber_Account');
	const pageMax = command.maxPerCall ?? 200;
	const limit = body.Limit ?? pageMax;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > pageMax)
		throw invalid(`Limit must be an integer from 1 to ${pageMax}`);
	const offset = body.Offset ?? 0;
	if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)
		throw invalid('Offset must be a non-negative integer');
	const followed = [...accounts].filter(([, account]) => account.subscribers.has(subscriber));
	const page = followed.slice(offset, offset + limit);
	const complete = offset + page.length >= followed.length;
	return ok({
		TotalCount: followed.length,
		CompleteFlag: complete ? 1 : 0,
		Next: complete ? 0 : offset + page.length,
		OfficialAccountInfoList: page.map(([id, account]) => {
			const subscription = account.subscribers.get(subscriber);
			return {
				Official_Account: id,
				Name: account.name,
				Owner_Account: account.owner,
				CreateTime: account.createTime,
				LastMsgTime: account.lastMsgTime,
				SubscriberNum: account.subscribers.size,
				Introduction: account.introduction,
				FaceUrl: account.faceUrl,
				Organization: account.organization,
				CustomString: account.customString,
				SelfInfo: {
					SubscribeTime: subscription?.subscribeTime,
					CustomString: subscription?.customString ?? '',
				},
			};
		}),
	});
}

export const profileCommands = {
	createOfficialAccount,
	updateOfficialAccount: modifyOfficialAccount,
	deleteOfficialAccount: destroyOfficialAccount,
	getSubscriptionPage: getSubscribedOfficialAccounts,
} satisfies Partial<Record<Key, CommandHandler<Accounts>>>;

/** The callbacks the profile commands' success sends, with the fields TC and doocs list (§2.2). */
export const profileCallbacks = {
	createOfficialAccount: (body, answer, { operator, nowMs }) => [
		{
			command: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
			body: {
				CallbackCommand: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
				Operator_Account: operator,
				Official_Account: answer.OfficialAccountUserID,
				Owner_Account: body.Owner_Account,
				Name: body.Name,
				EventTime: nowMs,
			},
		},
	],
	updateOfficialAccount: (body, _answer, { operator, nowMs }) => [
		{
			command: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
			body: {
				CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
				Official_Account: body.Official_Account,
				Operator_Account: operator,
				...Object.fromEntries(
					['Introduction', 'Name', 'FaceUrl', 'Organization']
						.filter((field) => field in body)
						.map((field) => [field, body[field]]),
				),
				EventTime: nowMs,
			},
		},
	],
	deleteOfficialAccount: (body, answer, { nowMs }) => [
		{
			command: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
			body: {
				CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
				Official_Account: body.Official_Account,
				Owner_Account: destroyedBy.get(answer)?.owner,
				Name: destroyedBy.get(answer)?.name,
				EventTime: nowMs,
			},
		},
	],
} satisfies Partial<Record<Key, CallbackEvents>>;
