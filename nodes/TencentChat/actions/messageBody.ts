import type { INodeProperties } from 'n8n-workflow';

import type { MessageElement } from '../client';
import { InvalidInputError } from '../helpers/ids';
import { checkMessageSize, MAX_MESSAGE_BYTES, readRawBody } from '../helpers/messageBody';
import { readText } from '../helpers/text';

// What a message says, for every operation that sends one (Message → Send and Send to Many,
// Official Account → Send Message): the editor's fields, and one item's fields read into Tencent's
// MsgBody, checked before any call, by one rule of size (see checkMessageSize).

const showFor = (messageType: string) => ({ show: { messageType: [messageType] } });

export function messageBodyFields(): INodeProperties[] {
	return [
		{
			displayName: 'Message Type',
			name: 'messageType',
			type: 'options',
			options: [
				{ name: 'Text', value: 'text', description: 'A text message (TIMTextElem)' },
				{
					name: 'Custom',
					value: 'custom',
					description: 'A custom element (TIMCustomElem) your app reads',
				},
				{
					name: 'Raw MsgBody (JSON)',
					value: 'raw',
					description: "Tencent's MsgBody as JSON, for any other element type",
				},
			],
			default: 'text',
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			placeholder: 'e.g. Our summer sale starts today',
			description: 'The message text',
			displayOptions: showFor('text'),
		},
		{
			displayName: 'Data',
			name: 'customData',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			placeholder: 'e.g. {"type":"promo","code":"SUMMER"}',
			description: "The custom element's Data, e.g. JSON your app reads",
			displayOptions: showFor('custom'),
		},
		{
			displayName: 'Description',
			name: 'customDescription',
			type: 'string',
			default: '',
			placeholder: 'e.g. New promotion',
			description: "The custom element's Desc; offline push notifications show it",
			displayOptions: showFor('custom'),
		},
		{
			displayName: 'Extension',
			name: 'customExtension',
			type: 'string',
			default: '',
			description: "The custom element's Ext",
			displayOptions: showFor('custom'),
		},
		{
			displayName: 'Message Body',
			name: 'msgBody',
			type: 'json',
			required: true,
			default: '[\n  { "MsgType": "TIMTextElem", "MsgContent": { "Text": "Hello" } }\n]',
			description:
				'A JSON array of {"MsgType", "MsgContent"} elements, as in Tencent\'s message format',
			displayOptions: showFor('raw'),
		},
	];
}

const TEXT = { field: 'Text', maxBytes: MAX_MESSAGE_BYTES };
const CUSTOM = {
	Data: { field: 'Data', maxBytes: MAX_MESSAGE_BYTES },
	Desc: { field: 'Description', maxBytes: MAX_MESSAGE_BYTES },
	Ext: { field: 'Extension', maxBytes: MAX_MESSAGE_BYTES },
};

/** One item's message body, from its fields (`parameter` reads one by name). */
export function readMessageBody(parameter: (name: string) => unknown): MessageElement[] {
	const type = parameter('messageType') ?? 'text';
	if (type === 'text') {
		const text = readText(parameter('text'), TEXT);
		if (text.trim() === '')
			throw new InvalidInputError(TEXT.field, 'Text is empty: a text message needs some text');
		const body: MessageElement[] = [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }];
		checkMessageSize(body, TEXT.field);
		return body;
	}
	if (type === 'custom') {
		const content = {
			Data: readText(parameter('customData') ?? '', CUSTOM.Data),
			Desc: readText(parameter('customDescription') ?? '', CUSTOM.Desc),
			Ext: readText(parameter('customExtension') ?? '', CUSTOM.Ext),
		};
		if (content.Data === '' && content.Desc === '' && content.Ext === '') {
			throw new InvalidInputError(
				CUSTOM.Data.field,
				'A custom message needs at least one of Data, Description and Extension',
			);
		}
		const body: MessageElement[] = [{ MsgType: 'TIMCustomElem', MsgContent: content }];
		checkMessageSize(body, CUSTOM.Data.field);
		return body;
	}
	if (type === 'raw') return readRawBody(parameter('msgBody'));
	throw new InvalidInputError(
		'Message Type',
		`Message Type must be "text", "custom" or "raw", not ${JSON.stringify(type)}`,
	);
}
