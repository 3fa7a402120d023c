import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CustomEntry } from './api';
import {
	type FieldLimit,
	InvalidInputError,
	isoTime,
	MAX_USER_ID_BYTES,
	readId,
	readIdList,
	readOptionalText,
	readText,
	readWholeNumber,
	type WholeNumberOption,
} from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import type { BulkOperation } from '../shapes/bulk';

// Fields and rules the Group operations share, so that they read alike: the group locator, member
// IDs, texts within Tencent's byte limits (reference §1.0), custom data, times.

/** Group IDs: printable ASCII, at most 48 bytes (§1.0). */
export const GROUP_ID: FieldLimit = { field: 'Group', maxBytes: 48 };
export const MEMBER_IDS: FieldLimit = { field: 'Member IDs', maxBytes: MAX_USER_ID_BYTES };
export const MEMBER_ID: FieldLimit = { field: 'Member ID', maxBytes: MAX_USER_ID_BYTES };
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

export const groupIdField: INodeProperties = {
	displayName: 'Group',
	name: 'groupId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The group: pick it from the list, or give its ID (e.g. from an expression)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a group...',
			typeOptions: { searchListMethod: 'searchGroups', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. @TGS#2J4SZEAEL or deal_42',
			// No `validation` regex: n8n checks it before every execution in a vm with a 250 ms timeout,
			// which a busy process can exceed (the execution then fails "Regular expression execution
			// timed out"). Each item's ID is checked at run time instead, naming the item.
		},
	],
};

export function memberIdField(description: string): INodeProperties {
	return {
		displayName: 'Member ID',
		name: 'memberId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1',
		description,
	};
}

export function memberIdsField(verb: string): INodeProperties {
	return {
		displayName: 'Member IDs',
		name: 'memberIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1, user_2',
		description: `UserIDs to ${verb}: one ID, several separated by commas, or an expression that returns an array of IDs. Pass long numeric IDs as text.`,
	};
}

export function checkGroupId(id: string): string {
	if (!PRINTABLE_ASCII.test(id))
		throw new InvalidInputError(
			GROUP_ID.field,
			`Group "${id.slice(0, 40)}" holds characters a group ID cannot: printable ASCII only`,
		);
	return id;
}

/**
 * Each item's group ID, from the locator (either mode) or a plain value. A locator whose value is
 * a path into the item (`{{ $json.group }}`) is read from the item directly (`parameterReader`
 * reads a locator for its value): a 100,000-item job spends no 70 µs on the expression engine per item.
 */
export function groupIdReader(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	name = 'groupId',
): (itemIndex: number) => string {
	const read = itemParameterReader(context, name, items);
	return (itemIndex) => checkGroupId(readId(read(itemIndex), GROUP_ID));
}

/** A mute's end as an ISO date; null when not muted (0) or already over. 4294967295 (for ever) is 2106-02-07. */
export function mutedUntil(
	seconds: unknown,
	nowSeconds = Math.floor(Date.now() / 1000),
): IDataObject[string] {
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= nowSeconds)
		return null;
	return isoTime(seconds);
}

// §1.0: UTF-8 byte limits of a group's profile and a member's name card.
export const TEXT = {
	name: { field: 'Name', maxBytes: 30 },
	introduction: { field: 'Introduction', maxBytes: 240 },
	notification: { field: 'Notification', maxBytes: 300 },
	faceUrl: { field: 'Face URL', maxBytes: 100 },
	nameCard: { field: 'Name Card', maxBytes: 50 },
} satisfies Record<string, FieldLimit>;

export const GROUP_TYPE_OPTIONS = [
	{
		name: 'Work (Private)',
		value: 'Work',
		description: 'Members invite members; like a WeChat group',
	},
	{
		name: 'Public',
		value: 'Public',
		description: 'Users apply to join; the owner or an admin approves',
	},
	{
		name: 'Meeting (ChatRoom)',
		value: 'Meeting',
		description: 'Members join and leave freely; for meetings and events',
	},
	{
		name: 'AVChatRoom',
		value: 'AVChatRoom',
		description: 'A live-stream room: no member list, no history, no member cap',
	},
	{
		name: 'Community',
		value: 'Community',
		description: 'Up to 100,000 members, with topics (Premium edition)',
	},
];

/** A list's filter by group type (Get Many, Get Joined Groups). */
export const groupTypeFilterField: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Group Type',
			name: 'groupType',
			type: 'options',
			options: GROUP_TYPE_OPTIONS,
			default: 'Public',
			description: 'Only groups of this type',
		},
	],
};

/** A bulk operation's group (its key) and member IDs, each item's read by the execution's readers. */
export function groupMemberIds(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): Pick<BulkOperation<unknown>, 'key' | 'ids' | 'readItem'> {
	const groupOf = groupIdReader(context, items);
	const membersOf = itemParameterReader(context, 'memberIds', items);
	return {
		key: { parameter: 'groupId', outputName: 'group', rule: GROUP_ID },
		ids: { parameter: 'memberIds', outputName: 'member', rule: MEMBER_IDS, noun: 'members' },
		readItem: (_, itemIndex) => ({
			key: groupOf(itemIndex),
			ids: readIdList(membersOf(itemIndex), MEMBER_IDS),
		}),
	};
}

export const JOIN_OPTIONS = [
	{ name: 'Anyone Can Join', value: 'FreeAccess' },
	{ name: 'Needs Approval', value: 'NeedPermission' },
	{ name: 'No One Can Apply', value: 'DisableApply' },
];

export function readJoinOption(value: unknown): string | undefined {
	if (value === undefined || value === '') return undefined;
	if (JOIN_OPTIONS.some((option) => option.value === value)) return value as string;
	throw new InvalidInputError(
		'Join Option',
		`Join Option must be FreeAccess, NeedPermission or DisableApply, not ${JSON.stringify(value)?.slice(0, 40)}`,
	);
}

/** What a group's profile fields (Create's Additional Fields, Update's Update Fields) say; they differ only in what they describe. */
export function groupProfileFields(describe: {
	customData: string;
	faceUrl: string;
	joinOption: string;
	maxMembers: string;
}): INodeProperties[] {
	return [
		{
			displayName: 'Custom Data',
			name: 'customData',
			type: 'json',
			default: '{}',
			description: describe.customData,
		},
		{
			displayName: 'Face URL',
			name: 'faceUrl',
			type: 'string',
			default: '',
			description: describe.faceUrl,
		},
		{
			displayName: 'Introduction',
			name: 'introduction',
			type: 'string',
			default: '',
			description: 'Up to 240 bytes',
		},
		{
			displayName: 'Join Option',
			name: 'joinOption',
			type: 'options',
			options: JOIN_OPTIONS,
			default: 'NeedPermission',
			description: describe.joinOption,
		},
		{
			displayName: 'Max Members',
			name: 'maxMembers',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100_000 },
			default: 200,
			description: describe.maxMembers,
		},
		{
			displayName: 'Notification',
			name: 'notification',
			type: 'string',
			default: '',
			description: 'The group notice, up to 300 bytes',
		},
	];
}

const MAX_MEMBERS = {
	name: 'maxMembers',
	displayName: 'Max Members',
	min: 1,
	max: 100_000,
	default: 200,
};

/** The profile fields of `groupProfileFields`, read and checked; absent ones undefined. */
export function readGroupProfile(fields: Record<string, unknown>) {
	return {
		introduction: readOptionalText(fields.introduction, TEXT.introduction),
		notification: readOptionalText(fields.notification, TEXT.notification),
		faceUrl: readOptionalText(fields.faceUrl, TEXT.faceUrl),
		maxMembers:
			fields.maxMembers === undefined ? undefined : readWholeNumber(fields.maxMembers, MAX_MEMBERS),
		joinOption: readJoinOption(fields.joinOption),
		customData: readCustomData(fields.customData, 'Custom Data', {
			maxKeys: 10,
			maxValueBytes: 512,
		}),
	};
}

/** A collection's options in the order the editor lists them: by name. */
export function byDisplayName(fields: INodeProperties[]): INodeProperties[] {
	return [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** An Update Fields collection of `options`, as Update and Update Member have. */
export function updateFieldsField(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** An update's changes, when there are any: an empty Update Fields is bad input. */
export function someChanges<Changes extends object>(changes: Changes): Changes {
	if (Object.keys(changes).length === 0)
		throw new InvalidInputError(
			'Update Fields',
			'Update Fields is empty: add the fields to change',
		);
	return changes;
}

/** The output names of the fields an update changed, in the order it set them. */
export function updatedFields<Changes extends object>(
	changes: Changes,
	outputNames: Record<keyof Changes, string>,
): string[] {
	return (Object.keys(changes) as Array<keyof Changes>).map((key) => outputNames[key]);
}

const CUSTOM_KEY = /^[A-Za-z0-9_]{1,16}$/;

/**
 * Custom data as a JSON object of key → text (or an object already), within the limits of §1.0:
 * group fields ≤10 keys, values ≤512 bytes; member fields ≤5 keys, ≤64 bytes; keys ≤16 of
 * A-Z a-z 0-9 _. The keys must be configured in the Chat console first.
 */
export function readCustomData(
	value: unknown,
	field: string,
	limits: { maxKeys: number; maxValueBytes: number },
): CustomEntry[] | undefined {
	if (value === undefined || value === null || value === '' || value === '{}') return undefined;
	const parsed = typeof value === 'string' ? parseJson(value) : { data: value };
	if ('error' in parsed)
		throw new InvalidInputError(field, `${field} is not valid JSON: ${parsed.error}`);
	const { data } = parsed;
	if (typeof data !== 'object' || data === null || Array.isArray(data))
		throw new InvalidInputError(
			field,
			`${field} must be a JSON object of key → text, e.g. {"deal": "42"}`,
		);
	const entries = Object.entries(data as Record<string, unknown>);
	if (entries.length > limits.maxKeys)
		throw new InvalidInputError(
			field,
			`${field} has ${entries.length} keys; Tencent takes at most ${limits.maxKeys}`,
		);
	return entries.map(([key, raw]) => {
		if (!CUSTOM_KEY.test(key))
			throw new InvalidInputError(
				field,
				`${field} key "${key.slice(0, 40)}" must be 1 to 16 of A-Z, a-z, 0-9 and _`,
			);
		const text = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
		return {
			Key: key,
			Value: readText(text, { field: `${field} "${key}"`, maxBytes: limits.maxValueBytes }),
		};
	});
}

function parseJson(text: string): { data: unknown } | { error: string } {
	try {
		return { data: JSON.parse(text) as unknown };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

export function customDataJson(entries: unknown): IDataObject {
	if (!Array.isArray(entries)) return {};
	const data: IDataObject = {};
	for (const entry of entries as unknown[]) {
		const { Key, Value } = (entry ?? {}) as Record<string, unknown>;
		if (typeof Key === 'string' && typeof Value === 'string') data[Key] = Value;
	}
	return data;
}

/** Whether a boolean field (or an expression's answer) is on. */
export function isOn(value: unknown): boolean {
	return value === true || value === 'true';
}

/**
 * Mute Seconds, as Mute Members and Update Member read it: 0 unmutes, 4294967295 is for ever.
 * The default is each operation's own (Mute Members mutes for an hour, Update Member changes nothing).
 */
export function muteSecondsOption(defaultSeconds: number): WholeNumberOption {
	return {
		name: 'muteSeconds',
		displayName: 'Mute Seconds',
		min: 0,
		max: 4_294_967_295,
		default: defaultSeconds,
	};
}
