import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Message } from './api';
import {
	type FieldLimit,
	MAX_MESSAGE_BYTES,
	MAX_USER_ID_BYTES,
	messageBodyFields,
	readId,
	readMessageBody,
	readText,
	readWholeNumber,
} from '../../fields';
import { itemParameterReader, parameterHoldsExpression } from '../../helpers/itemParameters';

// What a message is, for Send and Send to Many alike: its fields in the editor, and reading one
// item's message into the body Tencent takes, checked before any call.

export const SENDER: FieldLimit = { field: 'From', maxBytes: MAX_USER_ID_BYTES };
/** MsgLifeTime: 0 (online only) up to 7 days. */
const LIFETIME = {
	name: 'lifetime',
	displayName: 'Lifetime (Seconds)',
	min: 0,
	max: 604_800,
	default: 604_800,
};
// Tencent's limit for a message's content is 12 KB (UNCONFIRMED in this project's reference: code 93000).
const CLOUD_CUSTOM_DATA: FieldLimit = { field: 'Cloud Custom Data', maxBytes: MAX_MESSAGE_BYTES };
const PUSH_TITLE: FieldLimit = { field: 'Offline Push Title', maxBytes: 1_024 };
const PUSH_TEXT: FieldLimit = { field: 'Offline Push Text', maxBytes: 1_024 };

export function messageFields(): INodeProperties[] {
	return [
		{
			displayName: 'From',
			name: 'from',
			type: 'string',
			default: '',
			placeholder: 'e.g. support_bot',
			description:
				"The sender's UserID (an imported account); left empty, the message comes from the credential's admin",
		},
		...messageBodyFields(),
		{
			displayName: 'Message Options',
			name: 'messageOptions',
			type: 'collection',
			placeholder: 'Add message option',
			default: {},
			options: [
				{
					displayName: 'Cloud Custom Data',
					name: 'cloudCustomData',
					type: 'string',
					default: '',
					description: 'Custom data stored with the message in the cloud (CloudCustomData)',
				},
				{
					displayName: 'Lifetime (Seconds)',
					name: 'lifetime',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 604_800 },
					default: 604_800,
					description:
						'How long the message is kept for an offline recipient: 0 delivers it only to users online now, at most 604,800 (7 days)',
				},
				{
					displayName: 'Offline Push Text',
					name: 'offlinePushText',
					type: 'string',
					default: '',
					description: 'The text of the push notification an offline recipient gets',
				},
				{
					displayName: 'Offline Push Title',
					name: 'offlinePushTitle',
					type: 'string',
					default: '',
					description: 'The title of the push notification an offline recipient gets',
				},
				{
					displayName: 'Sync to Sender',
					name: 'syncToSender',
					type: 'boolean',
					default: false,
					description:
						"Whether the message also shows in the sender's own devices (SyncOtherMachine)",
				},
			],
		},
	];
}

const MESSAGE_PARAMETERS = [
	'from',
	'messageType',
	'text',
	'customData',
	'customDescription',
	'customExtension',
	'msgBody',
	'messageOptions',
];

/**
 * Reads each item's message. When no message parameter holds an expression, every item has the
 * same message: it is read once, and every item gets the same object.
 */
export function messageReader(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): (itemIndex: number) => Message {
	const readers = Object.fromEntries(
		MESSAGE_PARAMETERS.map((name) => [name, itemParameterReader(context, name, items)]),
	);
	const read = (itemIndex: number) => readMessage((name) => readers[name](itemIndex));
	if (MESSAGE_PARAMETERS.some((name) => parameterHoldsExpression(context, name))) return read;
	let message: Message | undefined;
	return (itemIndex) => (message ??= read(itemIndex));
}

function readMessage(parameter: (name: string) => unknown): Message {
	const fromValue = parameter('from');
	const from =
		fromValue === undefined || fromValue === null || fromValue === ''
			? undefined
			: readId(fromValue, SENDER);
	const body = readMessageBody(parameter);
	const options = (parameter('messageOptions') ?? {}) as Record<string, unknown>;
	const message: Message = {
		...(from !== undefined ? { From_Account: from } : {}),
		MsgBody: body,
		SyncOtherMachine: options.syncToSender === true || options.syncToSender === 'true' ? 1 : 2,
	};
	if (options.lifetime !== undefined && options.lifetime !== '')
		message.MsgLifeTime = readWholeNumber(options.lifetime, LIFETIME);
	const cloudCustomData = optionalText(options.cloudCustomData, CLOUD_CUSTOM_DATA);
	if (cloudCustomData) message.CloudCustomData = cloudCustomData;
	const title = optionalText(options.offlinePushTitle, PUSH_TITLE);
	const text = optionalText(options.offlinePushText, PUSH_TEXT);
	if (title || text)
		message.OfflinePushInfo = {
			...(title ? { Title: title } : {}),
			...(text ? { Desc: text } : {}),
		};
	return message;
}

function optionalText(value: unknown, rule: FieldLimit): string {
	return value === undefined || value === null ? '' : readText(value, rule);
}
