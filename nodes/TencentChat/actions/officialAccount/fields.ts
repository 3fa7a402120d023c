import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OfficialAccountProfile } from './api';
import {
	type FieldLimit,
	InvalidInputError,
	isoTime,
	MAX_OFFICIAL_ACCOUNT_ID_BYTES,
	MAX_USER_ID_BYTES,
	readId,
	readText,
	readWholeNumber,
} from '../../fields';

// Fields and ID rules that several Official Account operations share, so that they read alike.

export const OFFICIAL_ACCOUNT_ID: FieldLimit = {
	field: 'Official Account ID',
	maxBytes: MAX_OFFICIAL_ACCOUNT_ID_BYTES,
};
export const SUBSCRIBER_IDS: FieldLimit = { field: 'Subscriber IDs', maxBytes: MAX_USER_ID_BYTES };
export const SUBSCRIBER_ID: FieldLimit = { field: 'Subscriber ID', maxBytes: MAX_USER_ID_BYTES };

export const officialAccountIdField: INodeProperties = {
	displayName: 'Official Account ID',
	name: 'officialAccountId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. @TOA#_dOEF',
	description:
		'The OfficialAccountUserID that Tencent returned when the official account was created',
};

export function subscriberIdField(description: string): INodeProperties {
	return {
		displayName: 'Subscriber ID',
		name: 'subscriberId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1',
		description,
	};
}

export function subscriberIdsField(verb: string): INodeProperties {
	return {
		displayName: 'Subscriber IDs',
		name: 'subscriberIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1, user_2',
		description: `UserIDs to ${verb}: one ID, several separated by commas, or an expression that returns an array of IDs. Pass long numeric IDs as text.`,
	};
}

/** Every official account ID starts so: https://www.tencentcloud.com/document/product/1047/60755 */
export const OFFICIAL_ACCOUNT_ID_PREFIX = '@TOA#_';

/** An ID given for a new account: an ID, with Tencent's prefix and something after it. */
export function readNewOfficialAccountId(value: unknown): string {
	const id = readId(value, OFFICIAL_ACCOUNT_ID);
	if (
		!id.startsWith(OFFICIAL_ACCOUNT_ID_PREFIX) ||
		id.length === OFFICIAL_ACCOUNT_ID_PREFIX.length
	) {
		throw new InvalidInputError(
			OFFICIAL_ACCOUNT_ID.field,
			`Official Account ID "${id}" must start with ${OFFICIAL_ACCOUNT_ID_PREFIX} followed by the rest of the ID, e.g. ${OFFICIAL_ACCOUNT_ID_PREFIX}news`,
		);
	}
	return id;
}

// The profile of an official account: Tencent's byte limits (TC 60755, 60757).
const PROFILE_TEXT = {
	name: { field: 'Name', maxBytes: 150 },
	introduction: { field: 'Introduction', maxBytes: 400 },
	faceUrl: { field: 'Face URL', maxBytes: 500 },
	organization: { field: 'Organization', maxBytes: 500 },
	customString: { field: 'Custom String', maxBytes: 3_000 },
} satisfies Record<string, FieldLimit>;
const MAX_SUBSCRIBERS = {
	name: 'maxSubscribers',
	displayName: 'Max Subscribers',
	min: 1,
	max: 2 ** 31 - 1,
	default: 100_000,
};

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Daily News',
	description: 'The name subscribers see, up to 150 bytes',
};

/** The profile fields besides the name, for a collection. */
export const profileFields: INodeProperties[] = [
	{
		displayName: 'Custom String',
		name: 'customString',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Data of your own kept with the account (e.g. JSON), up to 3,000 bytes',
	},
	{
		displayName: 'Face URL',
		name: 'faceUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/logo.png',
		description: "The URL of the account's avatar image (http or https), up to 500 bytes",
	},
	{
		displayName: 'Introduction',
		name: 'introduction',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. Headlines every morning',
		description: 'What the account is about, up to 400 bytes',
	},
	{
		displayName: 'Max Subscribers',
		name: 'maxSubscribers',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100000,
		description:
			"The most subscribers the account may have (Tencent's default is 100,000; the plan may allow fewer)",
	},
	{
		displayName: 'Organization',
		name: 'organization',
		type: 'string',
		default: '',
		placeholder: 'e.g. Example Ltd.',
		description: 'The organisation behind the account, up to 500 bytes',
	},
];

/** The profile fields an item gives, checked, under Tencent's names; fields not given are left out. */
export function readProfile(values: Record<string, unknown>): OfficialAccountProfile {
	const profile: OfficialAccountProfile = {};
	if (values.name !== undefined) {
		profile.Name = readText(values.name, PROFILE_TEXT.name);
		if (profile.Name.trim() === '')
			throw new InvalidInputError(PROFILE_TEXT.name.field, 'Name is empty');
	}
	if (values.introduction !== undefined)
		profile.Introduction = readText(values.introduction, PROFILE_TEXT.introduction);
	if (values.faceUrl !== undefined) profile.FaceUrl = readFaceUrl(values.faceUrl);
	if (values.organization !== undefined)
		profile.Organization = readText(values.organization, PROFILE_TEXT.organization);
	if (values.customString !== undefined)
		profile.CustomString = readText(values.customString, PROFILE_TEXT.customString);
	if (values.maxSubscribers !== undefined)
		profile.MaxSubscriberNum = readWholeNumber(values.maxSubscribers, MAX_SUBSCRIBERS);
	return profile;
}

function readFaceUrl(value: unknown): string {
	const url = readText(value, PROFILE_TEXT.faceUrl).trim();
	if (url !== '' && !/^https?:\/\/[^\s/]+/i.test(url)) {
		throw new InvalidInputError(
			PROFILE_TEXT.faceUrl.field,
			`Face URL must be an http or https URL, not "${url.length > 40 ? `${url.slice(0, 40)}…` : url}"`,
		);
	}
	return url;
}

/** Tencent's profile fields and the names the node outputs them under. */
const PROFILE_NAMES: Record<string, string> = {
	Name: 'name',
	Owner_Account: 'owner',
	CreateTime: 'createTime',
	LastMsgTime: 'lastMsgTime',
	SubscriberNum: 'subscriberCount',
	Introduction: 'introduction',
	FaceUrl: 'faceUrl',
	Organization: 'organization',
	CustomString: 'customString',
};
const PROFILE_TIMES = new Set(['CreateTime', 'LastMsgTime']);

/** The profile fields an answer gave, under the node's names, times as ISO dates. */
export function profileJson(info: Record<string, unknown>): IDataObject {
	const json: IDataObject = {};
	for (const [field, name] of Object.entries(PROFILE_NAMES)) {
		if (field in info)
			json[name] = PROFILE_TIMES.has(field)
				? isoTime(info[field])
				: (info[field] as IDataObject[string]);
	}
	return json;
}
