import type { INodeProperties } from 'n8n-workflow';

import type { MessageElement } from '../client';
import { type FieldLimit, InvalidInputError } from './field';
import { readText } from './text';

// What a message says, for every operation that sends one (Message → Send and Send to Many,
// Official Account → Send Message): the editor's fields, and one item's fields read into Tencent's
// MsgBody, checked before any call, by one rule of size (see checkMessageSize). A body given as
// JSON must be a non-empty array of {MsgType, MsgContent} elements within Tencent's size; anything
// else names what is wrong.

/**
 * Tencent's bound on a message body: 12 KB (one-to-one and group messages; assumed for official
 * accounts). What Tencent counts is UNCONFIRMED, so the stricter honest rule holds for every
 * operation that sends a message: the MsgBody's bytes as Tencent receives it, UTF-8 JSON, with the
 * element's names, quotes and backslashes escaped.
 */
export const MAX_MESSAGE_BYTES = 12 * 1024;
/** How deep a MsgBody may nest: Tencent's elements are a few levels deep (an image's ImageInfoArray, 4). */
export const MAX_MESSAGE_DEPTH = 32;

/** Refuses a message over Tencent's 12 KB as sent, or nested past any element Tencent has, naming `field`. */
export function checkMessageSize(body: MessageElement[], field: string): void {
	const depth = depthUpTo(body, MAX_MESSAGE_DEPTH + 1);
	if (depth > MAX_MESSAGE_DEPTH) {
		throw new InvalidInputError(
			field,
			`${field} is nested more than ${MAX_MESSAGE_DEPTH} levels deep; Tencent's message elements are a few levels deep, so it cannot be a message Tencent takes`,
		);
	}
	const bytes = Buffer.byteLength(JSON.stringify(body), 'utf8');
	if (bytes > MAX_MESSAGE_BYTES) {
		throw new InvalidInputError(
			field,
			`The message is ${bytes} bytes long as Tencent gets it (its MsgBody as JSON, quotes and backslashes escaped); a message may be at most ${MAX_MESSAGE_BYTES}`,
		);
	}
}

/** How deep `value` nests, counted without recursion (a value nested 100,000 deep cannot overflow the stack), up to `limit`. */
function depthUpTo(value: unknown, limit: number): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop() as [unknown, number];
		if (typeof current !== 'object' || current === null) continue;
		deepest = Math.max(deepest, depth);
		if (deepest >= limit) return deepest;
		for (const inner of Object.values(current))
			if (typeof inner === 'object' && inner !== null) stack.push([inner, depth + 1]);
	}
	return deepest;
}

/** A MsgBody given as JSON: a non-empty array of {MsgType, MsgContent} elements. */
export function readRawBody(value: unknown): MessageElement[] {
	const field = 'Message Body';
	const parsed = typeof value === 'string' ? parseJson(value) : { body: value };
	if ('error' in parsed)
		throw new InvalidInputError(field, `Message Body is not valid JSON: ${parsed.error}`);
	const { body } = parsed;
	if (!Array.isArray(body) || body.length === 0) {
		throw new InvalidInputError(
			field,
			'Message Body must be a JSON array of message elements, e.g. [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "Hi"}}]',
		);
	}
	body.forEach((element: unknown, index) => {
		const at = `Message Body element ${index + 1} of ${body.length}`;
		if (typeof element !== 'object' || element === null || Array.isArray(element))
			throw new InvalidInputError(field, `${at} is not an object`);
		const { MsgType, MsgContent } = element as Record<string, unknown>;
		if (typeof MsgType !== 'string' || !/^TIM\w+Elem$/.test(MsgType)) {
			throw new InvalidInputError(
				field,
				`${at} needs a MsgType such as "TIMTextElem" or "TIMCustomElem"`,
			);
		}
		if (typeof MsgContent !== 'object' || MsgContent === null || Array.isArray(MsgContent)) {
			throw new InvalidInputError(field, `${at} needs a MsgContent object`);
		}
	});
	checkMessageSize(body as MessageElement[], field);
	return body as MessageElement[];
}

function parseJson(text: string): { body: unknown } | { error: string } {
	try {
		return { body: JSON.parse(text) as unknown };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

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

const TEXT: FieldLimit = { field: 'Text', maxBytes: MAX_MESSAGE_BYTES };
const CUSTOM: Record<'Data' | 'Desc' | 'Ext', FieldLimit> = {
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
