import type { INodeProperties } from 'n8n-workflow';

import type { FieldLimit } from './field';
import { MAX_USER_ID_BYTES, readId } from './ids';
import { MAX_MESSAGE_BYTES } from './messageBody';
import { readOptionalText } from './text';

// What a message to a user (Message → Send, Send to Many) and a message into a group (Group →
// Send Message) share besides its body: who sends it, its cloud custom data and its offline push.

export const SENDER: FieldLimit = { field: 'From', maxBytes: MAX_USER_ID_BYTES };
// Tencent's limit for a message's content is 12 KB (UNCONFIRMED in this project's reference: code 93000).
const CLOUD_CUSTOM_DATA = { field: 'Cloud Custom Data', maxBytes: MAX_MESSAGE_BYTES };
const PUSH_TITLE = { field: 'Offline Push Title', maxBytes: 1_024 };
const PUSH_TEXT = { field: 'Offline Push Text', maxBytes: 1_024 };

/** Every parameter a message is read from: its sender, its body and its Message Options. */
export const MESSAGE_PARAMETERS = [
	'from',
	'messageType',
	'text',
	'customData',
	'customDescription',
	'customExtension',
	'msgBody',
	'messageOptions',
];

export const fromField: INodeProperties = {
	displayName: 'From',
	name: 'from',
	type: 'string',
	default: '',
	placeholder: 'e.g. support_bot',
	description:
		"The sender's UserID (an imported account); left empty, the message comes from the credential's admin",
};

export const cloudCustomDataOption: INodeProperties = {
	displayName: 'Cloud Custom Data',
	name: 'cloudCustomData',
	type: 'string',
	default: '',
	description: 'Custom data stored with the message in the cloud (CloudCustomData)',
};

/** Offline Push Text and Title; `who` gets the push, e.g. "offline members get". */
export function offlinePushOptions(who: string): INodeProperties[] {
	return [
		{
			displayName: 'Offline Push Text',
			name: 'offlinePushText',
			type: 'string',
			default: '',
			description: `The text of the push notification ${who}`,
		},
		{
			displayName: 'Offline Push Title',
			name: 'offlinePushTitle',
			type: 'string',
			default: '',
			description: `The title of the push notification ${who}`,
		},
	];
}

/** The From field's sender; left empty, none (the credential's admin sends). */
export function readSender(value: unknown): { From_Account?: string } {
	return value === undefined || value === null || value === ''
		? {}
		: { From_Account: readId(value, SENDER) };
}

/** The Message Options' cloud custom data and offline push, as Tencent takes them; empty ones left out. */
export function readCloudAndPush(options: Record<string, unknown>): {
	CloudCustomData?: string;
	OfflinePushInfo?: { Title?: string; Desc?: string };
} {
	const cloudCustomData = readOptionalText(options.cloudCustomData, CLOUD_CUSTOM_DATA);
	const title = readOptionalText(options.offlinePushTitle, PUSH_TITLE);
	const text = readOptionalText(options.offlinePushText, PUSH_TEXT);
	return {
		...(cloudCustomData ? { CloudCustomData: cloudCustomData } : {}),
		...(title || text
			? { OfflinePushInfo: { ...(title ? { Title: title } : {}), ...(text ? { Desc: text } : {}) } }
			: {}),
	};
}
