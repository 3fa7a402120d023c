// User profiles, per app: `profile/portrait_get` and `portrait_set`. A nickname and an avatar are
// the account's own (Account → Import sets them too); every other tag is kept here. Custom tags
// exist only once the app has created them (`FakeApp.customProfileTags`, as the console does):
// any other is Tencent's 40009.

import type { UserSetup, Users } from '.';
import type { COMMANDS } from '../../../../nodes/TencentChat/actions/user/api/commands';
import {
	type Answer,
	type CallContext,
	type CommandHandler,
	type EntryList,
	ok,
	type RequestBody,
	TencentFailure,
} from '../service';

type Profiles = Pick<Users, 'accounts' | 'customTags' | 'tags'>;

const NICK = 'Tag_Profile_IM_Nick';
const IMAGE = 'Tag_Profile_IM_Image';
const CUSTOM = 'Tag_Profile_Custom_';

/** The standard tags: their type, byte limit or documented values (CN 1500). */
const STANDARD: Record<
	string,
	{ type: 'string' | 'uint32'; maxBytes?: number; values?: string[] }
> = {
	[NICK]: { type: 'string', maxBytes: 500 },
	[IMAGE]: { type: 'string', maxBytes: 500 },
	Tag_Profile_IM_Gender: {
		type: 'string',
		values: ['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'],
	},
	Tag_Profile_IM_BirthDay: { type: 'uint32' },
	Tag_Profile_IM_Location: { type: 'string', maxBytes: 16 },
	Tag_Profile_IM_SelfSignature: { type: 'string', maxBytes: 500 },
	Tag_Profile_IM_AllowType: {
		type: 'string',
		values: ['AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny'],
	},
	Tag_Profile_IM_Language: { type: 'uint32' },
	Tag_Profile_IM_MsgSettings: { type: 'uint32' },
	Tag_Profile_IM_AdminForbidType: {
		type: 'string',
		values: ['AdminForbid_Type_None', 'AdminForbid_Type_SendOut'],
	},
	Tag_Profile_IM_Level: { type: 'uint32' },
	Tag_Profile_IM_Role: { type: 'uint32' },
};

const BAD_PARAMETER = 40001;
const ACCOUNT_MISSING = 40003;
const UNKNOWN_TAG = 40009;
const TOO_LONG = 40601;
const BAD_VALUE = 40605;
const WRONG_TYPE = 40610;
const MAX_ACCOUNTS = 100;
const MAX_CUSTOM_BYTES = 500;

export const profileCommands = { getProfiles, setProfile } satisfies Partial<
	Record<keyof typeof COMMANDS, CommandHandler<Profiles>>
>;

export const profileEntryLists = {
	getProfiles: { list: 'UserProfileItem', id: 'To_Account', result: 'ResultCode' },
} satisfies Partial<Record<keyof typeof COMMANDS, EntryList>>;

/** The custom tags the app created, by their full names. */
export function customTagsOf(app: UserSetup): ReadonlySet<string> {
	return new Set(
		(app.customProfileTags ?? []).map((key) => (key.startsWith(CUSTOM) ? key : `${CUSTOM}${key}`)),
	);
}

/** An account's profile as the server holds it, tag → value; undefined when the account does not exist. */
export function profileOf(
	profiles: Profiles,
	userId: string,
): Record<string, string | number> | undefined {
	const account = profiles.accounts.get(userId);
	if (account === undefined) return undefined;
	return {
		...(account.nick !== undefined ? { [NICK]: account.nick } : {}),
		...(account.faceUrl !== undefined ? { [IMAGE]: account.faceUrl } : {}),
		...Object.fromEntries(profiles.tags.get(userId) ?? []),
	};
}

function knownTag(profiles: Profiles, tag: unknown): string {
	if (typeof tag !== 'string') throw new TencentFailure(BAD_PARAMETER, 'Tag must be a string');
	if (STANDARD[tag] === undefined && !profiles.customTags.has(tag))
		throw new TencentFailure(UNKNOWN_TAG, `unknown tag ${tag}`);
	return tag;
}

function getProfiles(profiles: Profiles, body: RequestBody): Answer {
	const ids = body.To_Account;
	if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
		throw new TencentFailure(40002, 'To_Account is required and must be a list of UserIDs');
	}
	if (ids.length > MAX_ACCOUNTS)
		throw new TencentFailure(BAD_PARAMETER, `at most ${MAX_ACCOUNTS} accounts a call`);
	const tagList = body.TagList;
	if (!Array.isArray(tagList) || tagList.length === 0)
		throw new TencentFailure(BAD_PARAMETER, 'TagList is required');
	const tags = tagList.map((tag) => knownTag(profiles, tag));
	const Fail_Account: string[] = [];
	const UserProfileItem = (ids as string[]).map((id) => {
		const profile = profileOf(profiles, id);
		if (profile === undefined) {
			Fail_Account.push(id);
			return {
				To_Account: id,
				ResultCode: ACCOUNT_MISSING,
				ResultInfo: 'Err_Profile_Account_Not_Exist',
			};
		}
		const ProfileItem = tags
			.filter((tag) => profile[tag] !== undefined)
			.map((tag) => ({ Tag: tag, Value: profile[tag] }));
		return { To_Account: id, ProfileItem, ResultCode: 0, ResultInfo: '' };
	});
	return ok({ UserProfileItem, ...(Fail_Account.length > 0 ? { Fail_Account } : {}) });
}

function setProfile(profiles: Profiles, body: RequestBody, context: CallContext): Answer {
	const userId = body.From_Account;
	if (typeof userId !== 'string' || userId === '')
		throw new TencentFailure(BAD_PARAMETER, 'From_Account is required');
	const account = profiles.accounts.get(userId);
	if (account === undefined || !context.isImported(userId))
		throw new TencentFailure(ACCOUNT_MISSING, 'From_Account is not an imported account');
	const items = body.ProfileItem;
	if (!Array.isArray(items) || items.length === 0)
		throw new TencentFailure(BAD_PARAMETER, 'ProfileItem is required');
	// Every item is checked before any is set: a refused call changes nothing.
	const checked = items.map((item) => {
		const { Tag, Value } = (item ?? {}) as Record<string, unknown>;
		return [knownTag(profiles, Tag), checkedValue(Tag as string, Value)] as const;
	});
	const tags = profiles.tags.get(userId) ?? new Map<string, string | number>();
	for (const [tag, value] of checked) {
		if (tag === NICK) account.nick = value as string;
		else if (tag === IMAGE) account.faceUrl = value as string;
		else tags.set(tag, value);
	}
	profiles.tags.set(userId, tags);
	return ok();
}

function checkedValue(tag: string, value: unknown): string | number {
	const standard = STANDARD[tag] ?? { type: 'string', maxBytes: MAX_CUSTOM_BYTES };
	if (standard.type === 'uint32') {
		if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 4294967295) {
			throw new TencentFailure(WRONG_TYPE, `${tag} takes a uint32`);
		}
		return value as number;
	}
	if (typeof value !== 'string') throw new TencentFailure(WRONG_TYPE, `${tag} takes a string`);
	if (standard.values !== undefined && !standard.values.includes(value))
		throw new TencentFailure(BAD_VALUE, `${value} is not a value of ${tag}`);
	if (standard.maxBytes !== undefined && Buffer.byteLength(value) > standard.maxBytes) {
		throw new TencentFailure(TOO_LONG, `${tag} is longer than ${standard.maxBytes} bytes`);
	}
	return value;
}
