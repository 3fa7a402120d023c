import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	CUSTOM_KEY,
	CUSTOM_TAG_PREFIX,
	friendlyValue,
	MAX_CUSTOM_VALUE_BYTES,
	MAX_UINT32,
	type ProfileItem,
	type StandardTag,
	STANDARD_TAGS,
	TAG_BY_NAME,
	TAG_BY_TENCENT_NAME,
	tencentValue,
} from './api';
import { InvalidInputError, readText } from '../../fields';

// The profile as the User operations show it: Tencent's tags under friendly names (the table in
// client/user/profileTags.ts), custom tags as `customTags: { Tier: "gold" }`. Get Profile's output
// and Set Profile's fields use the same names, so a profile can be read, edited and written back.

const DISPLAY_NAMES: Record<string, string> = {
	nickname: 'Nickname',
	avatarUrl: 'Avatar URL',
	gender: 'Gender',
	birthday: 'Birthday',
	location: 'Location',
	signature: 'Signature',
	allowType: 'Add Friend Policy',
	language: 'Language',
	level: 'Level',
	role: 'Role',
	messageSettings: 'Message Settings',
	adminForbidType: 'Admin Restriction',
};

const DESCRIPTIONS: Record<string, string> = {
	nickname: 'Up to 500 bytes',
	avatarUrl: "The URL of the user's avatar image, up to 500 bytes",
	birthday: 'A date such as 1990-04-19 (kept by Tencent as 19900419)',
	location:
		'Up to 16 bytes; Tencent suggests country, province, city and district codes of your app',
	signature: 'Up to 500 bytes',
	allowType: 'Whether others may add the user as a friend',
	language: 'A number your app defines',
	level: 'A number your app defines',
	role: 'A number your app defines',
	messageSettings: 'Bit 0 set (1): the user refuses messages',
	adminForbidType: 'Send Out: the user may not send friend requests',
};

/** The editor's options for a tag with a few values: the node's names, shown in words. */
function valueOptions(tag: StandardTag): Array<{ name: string; value: string }> {
	return Object.values(tag.values ?? {}).map((value) => ({
		name: value.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase()),
		value,
	}));
}

function fieldFor(tag: StandardTag): INodeProperties {
	const base = {
		displayName: DISPLAY_NAMES[tag.name],
		name: tag.name,
		description: DESCRIPTIONS[tag.name],
	};
	if (tag.values)
		return {
			...base,
			type: 'options',
			options: valueOptions(tag),
			default: Object.values(tag.values)[0],
		};
	if (tag.type === 'uint32' && tag.name !== 'birthday')
		return { ...base, type: 'number', typeOptions: { minValue: 0 }, default: 0 };
	return { ...base, type: 'string', default: '' };
}

export const profileFields: INodeProperties[] = STANDARD_TAGS.map(fieldFor).sort((a, b) =>
	a.displayName.localeCompare(b.displayName),
);

/** The Fields option of Get Profile: the standard tags by friendly name. */
export const standardTagOptions = STANDARD_TAGS.map((tag) => ({
	name: DISPLAY_NAMES[tag.name],
	value: tag.name,
})).sort((a, b) => a.name.localeCompare(b.name));

/** A custom tag's key as given (`Tier` or `Tag_Profile_Custom_Tier`), checked. */
export function readCustomKey(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text !== 'string' || text === '')
		throw new InvalidInputError(field, `${field}: a custom tag's key is empty`);
	const key = text.startsWith(CUSTOM_TAG_PREFIX) ? text.slice(CUSTOM_TAG_PREFIX.length) : text;
	if (!CUSTOM_KEY.test(key)) {
		throw new InvalidInputError(
			field,
			`${field}: "${key.slice(0, 40)}" is not a custom tag key Tencent takes: letters, digits or _, at most 8 bytes (e.g. Tier)`,
		);
	}
	return key;
}

/** Tencent's YYYYMMDD as a date (1990-04-19); 0 is no birthday; anything else as Tencent has it. */
function birthdayJson(value: unknown): IDataObject[string] {
	if (value === 0) return null;
	if (typeof value !== 'number' || !Number.isInteger(value)) return value as IDataObject[string];
	const [year, month, day] = [
		Math.floor(value / 10_000),
		Math.floor(value / 100) % 100,
		value % 100,
	];
	if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return value;
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A profile as portrait_get gave it (tag → value), under the node's names; `customKeys` always appear under customTags. */
export function profileJson(
	profile: Readonly<Record<string, unknown>>,
	customKeys: readonly string[],
): IDataObject {
	const json: IDataObject = {};
	for (const [tagName, value] of Object.entries(profile)) {
		const tag = TAG_BY_TENCENT_NAME.get(tagName);
		if (tag === undefined) continue;
		json[tag.name] = (
			tag.name === 'birthday' ? birthdayJson(value) : friendlyValue(tag, value)
		) as IDataObject[string];
	}
	if (customKeys.length > 0) {
		const customTags: IDataObject = {};
		for (const key of customKeys) {
			const value = profile[`${CUSTOM_TAG_PREFIX}${key}`];
			customTags[key] = value === undefined ? null : (value as IDataObject[string]);
		}
		json.customTags = customTags;
	}
	return json;
}

function readWhole(value: unknown, field: string): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= MAX_UINT32)
		return number;
	throw new InvalidInputError(
		field,
		`${field} must be a whole number from 0 to ${MAX_UINT32}, got ${describe(value)}`,
	);
}

function describe(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	return value === undefined ? 'nothing' : String(value);
}

/** A date (1990-04-19, 19900419, or the start of an ISO time) as Tencent's YYYYMMDD; empty or null clears it (0). */
function readBirthday(value: unknown, field: string): number {
	if (value === null || value === '' || value === 0) return 0;
	if (typeof value === 'number') return readWhole(value, field);
	const match =
		typeof value === 'string' ? /^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s])/.exec(value) : null;
	if (match) {
		const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		const date = new Date(Date.UTC(year, month - 1, day));
		if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day)
			return year * 10_000 + month * 100 + day;
	}
	throw new InvalidInputError(
		field,
		`${field} must be a date such as 1990-04-19, got ${describe(value)}`,
	);
}

function readTagValue(tag: StandardTag, value: unknown): string | number {
	const field = DISPLAY_NAMES[tag.name];
	if (tag.name === 'birthday') return readBirthday(value, field);
	if (tag.type === 'uint32') return readWhole(value, field);
	if (tag.values !== undefined) {
		const tencent = typeof value === 'string' ? tencentValue(tag, value.trim()) : undefined;
		if (tencent === undefined) {
			throw new InvalidInputError(
				field,
				`${field} must be one of ${Object.values(tag.values).join(', ')}, got ${describe(value)}`,
			);
		}
		return tencent;
	}
	return readText(value, { field, maxBytes: tag.maxBytes ?? MAX_CUSTOM_VALUE_BYTES });
}

export interface ProfileChange {
	items: ProfileItem[];
	/** What was set, under the node's names, as Get Profile would show it. */
	json: IDataObject;
}

/** An item's profile fields and custom tags, checked against Tencent's types and byte limits. */
export function readProfileChange(
	fields: Record<string, unknown>,
	customTags: Array<{ key?: unknown; value?: unknown }>,
): ProfileChange {
	const items: ProfileItem[] = [];
	const profile: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(fields)) {
		const tag = TAG_BY_NAME.get(name);
		if (tag === undefined) continue;
		const tencent = readTagValue(tag, value);
		items.push({ Tag: tag.tag, Value: tencent });
		profile[tag.tag] = tencent;
	}
	const keys: string[] = [];
	for (const [position, entry] of customTags.entries()) {
		const where = `Custom Tags (entry ${position + 1})`;
		const key = readCustomKey(entry.key, where);
		if (keys.includes(key))
			throw new InvalidInputError(where, `${where}: the key ${key} is given twice`);
		const value = readText(entry.value ?? '', {
			field: `Custom Tag ${key}`,
			maxBytes: MAX_CUSTOM_VALUE_BYTES,
		});
		keys.push(key);
		items.push({ Tag: `${CUSTOM_TAG_PREFIX}${key}`, Value: value });
		profile[`${CUSTOM_TAG_PREFIX}${key}`] = value;
	}
	if (items.length === 0)
		throw new InvalidInputError(
			'Profile Fields',
			'Set at least one profile field or custom tag: there is nothing to update',
		);
	return { items, json: profileJson(profile, keys) };
}
