import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Message } from './api';
import {
	type FieldLimit,
	MAX_USER_ID_BYTES,
	messageBodyFields,
	readMessageBody,
	readWholeNumber,
} from '../../fields';
import { itemParameterReader, parameterHoldsExpression } from '../../helpers/itemParameters';
import {
	cloudCustomDataOption,
	fromField,
	MESSAGE_PARAMETERS,
	offlinePushOptions,
	readCloudAndPush,
	readSender,
} from '../../fields/messageOptions';

// What a message is, for Send and Send to Many alike: its fields in the editor, and reading one
// item's message into the body Tencent takes, checked before any call.

export const RECIPIENT: FieldLimit = { field: 'To', maxBytes: MAX_USER_ID_BYTES };

/** The one recipient of Send and Send and Wait. */
export const toField: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. customer_1042',
	description: "The recipient's UserID (an imported account)",
};

/** MsgLifeTime: 0 (online only) up to 7 days. */
const LIFETIME = {
	name: 'lifetime',
	displayName: 'Lifetime (Seconds)',
	min: 0,
	max: 604_800,
	default: 604_800,
};

export function messageFields(): INodeProperties[] {
	return [
		fromField,
		...messageBodyFields(),
		{
			displayName: 'Message Options',
			name: 'messageOptions',
			type: 'collection',
			placeholder: 'Add message option',
			default: {},
			options: [
				cloudCustomDataOption,
				{
					displayName: 'Lifetime (Seconds)',
					name: 'lifetime',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 604_800 },
					default: 604_800,
					description:
						'How long the message is kept for an offline recipient: 0 delivers it only to users online now, at most 604,800 (7 days)',
				},
				...offlinePushOptions('an offline recipient gets'),
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
	const sender = readSender(parameter('from'));
	const body = readMessageBody(parameter);
	const options = (parameter('messageOptions') ?? {}) as Record<string, unknown>;
	const message: Message = {
		...sender,
		MsgBody: body,
		SyncOtherMachine: options.syncToSender === true || options.syncToSender === 'true' ? 1 : 2,
	};
	if (options.lifetime !== undefined && options.lifetime !== '')
		message.MsgLifeTime = readWholeNumber(options.lifetime, LIFETIME);
	return { ...message, ...readCloudAndPush(options) };
}
