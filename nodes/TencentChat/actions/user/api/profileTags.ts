// Tencent's profile tags (Tag_Profile_IM_*) as data: the friendly name the node uses for each, its
// type and byte limit, and the values of the tags that take one of a few, mapped both ways. The
// same names are the fields of Set Profile and the keys of Get Profile's output, so a profile read
// can be edited and written back. Source: the profile system page (CN 1500) and portrait_set (CN 1640).

export type TagType = 'string' | 'uint32';

export interface StandardTag {
	tag: string;
	name: string;
	type: TagType;
	/** Bytes Tencent allows a string value. */
	maxBytes?: number;
	/** Tencent's values and the node's names for them. */
	values?: Record<string, string>;
}

export const STANDARD_TAGS: readonly StandardTag[] = [
	{ tag: 'Tag_Profile_IM_Nick', name: 'nickname', type: 'string', maxBytes: 500 },
	{ tag: 'Tag_Profile_IM_Image', name: 'avatarUrl', type: 'string', maxBytes: 500 },
	{
		tag: 'Tag_Profile_IM_Gender',
		name: 'gender',
		type: 'string',
		values: {
			Gender_Type_Unknown: 'unknown',
			Gender_Type_Female: 'female',
			Gender_Type_Male: 'male',
		},
	},
	{ tag: 'Tag_Profile_IM_BirthDay', name: 'birthday', type: 'uint32' },
	{ tag: 'Tag_Profile_IM_Location', name: 'location', type: 'string', maxBytes: 16 },
	{ tag: 'Tag_Profile_IM_SelfSignature', name: 'signature', type: 'string', maxBytes: 500 },
	{
		tag: 'Tag_Profile_IM_AllowType',
		name: 'allowType',
		type: 'string',
		values: {
			AllowType_Type_NeedConfirm: 'needConfirm',
			AllowType_Type_AllowAny: 'allowAny',
			AllowType_Type_DenyAny: 'denyAny',
		},
	},
	{ tag: 'Tag_Profile_IM_Language', name: 'language', type: 'uint32' },
	{ tag: 'Tag_Profile_IM_Level', name: 'level', type: 'uint32' },
	{ tag: 'Tag_Profile_IM_Role', name: 'role', type: 'uint32' },
	{ tag: 'Tag_Profile_IM_MsgSettings', name: 'messageSettings', type: 'uint32' },
	{
		tag: 'Tag_Profile_IM_AdminForbidType',
		name: 'adminForbidType',
		type: 'string',
		values: { AdminForbid_Type_None: 'none', AdminForbid_Type_SendOut: 'sendOut' },
	},
];

export const CUSTOM_TAG_PREFIX = 'Tag_Profile_Custom_';
/** A custom tag's key: at most 8 bytes; letters (the page) or letters, digits and _ (the limits page), UNCONFIRMED which. */
export const CUSTOM_KEY = /^[A-Za-z0-9_]{1,8}$/;
export const MAX_CUSTOM_VALUE_BYTES = 500;
export const MAX_UINT32 = 4_294_967_295;

export const TAG_BY_NAME: ReadonlyMap<string, StandardTag> = new Map(
	STANDARD_TAGS.map((tag) => [tag.name, tag]),
);
export const TAG_BY_TENCENT_NAME: ReadonlyMap<string, StandardTag> = new Map(
	STANDARD_TAGS.map((tag) => [tag.tag, tag]),
);

/** A Tencent value as the node names it; a value Tencent has and this table does not is passed through. */
export function friendlyValue(tag: StandardTag, value: unknown): unknown {
	if (tag.values === undefined || typeof value !== 'string') return value;
	return tag.values[value] ?? value;
}

/** The node's name for a value as Tencent's; a Tencent value given as it is stays so. */
export function tencentValue(tag: StandardTag, value: string): string | undefined {
	if (tag.values === undefined) return value;
	if (value in tag.values) return value;
	return Object.entries(tag.values).find(([, name]) => name === value)?.[0];
}
