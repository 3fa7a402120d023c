import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type Broadcast, type MessageElement, sendOfficialAccountMessage } from '../../client';
import { InvalidInputError, readId } from '../../helpers/ids';
import { readRawBody } from '../../helpers/messageBody';
import { parameterReader } from '../../helpers/itemParameters';
import { readText } from '../../helpers/text';
import { clientOptionFields, optionsField } from '../shapes/options';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { isoTime, OFFICIAL_ACCOUNT_ID, officialAccountIdField } from './fields';

export const option = {
	name: 'Send Message',
	value: 'sendMessage',
	description: 'Broadcast a message to every subscriber of an official account (at most 2 an hour per account)',
	action: 'Send a message from an official account',
} as const;

const LIMITS =
	'Tencent lets each official account send 1 message a second and at most 2 broadcasts an hour; the node waits for the second, and fails an item at once when the hour\'s 2 are used. Identical content sent within 5 minutes is dropped as a duplicate.';

const showFor = (messageType: string) => ({ show: { messageType: [messageType] } });

const properties: INodeProperties[] = [
	{ ...officialAccountIdField, description: `The official account that sends, to all its subscribers. ${LIMITS}` },
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Text', value: 'text', description: 'A text message (TIMTextElem)' },
			{ name: 'Custom', value: 'custom', description: 'A custom message your app interprets (TIMCustomElem)' },
			{ name: 'Raw MsgBody (JSON)', value: 'raw', description: "Tencent's MsgBody as JSON, for any other element type" },
		],
		default: 'text',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
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
		description: "The custom element's Data, which your app reads",
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
		default: '[\n  { "MsgType": "TIMTextElem", "MsgContent": { "Text": "Hello" } }\n]',
		description: 'A JSON array of {"MsgType", "MsgContent"} elements, as in Tencent\'s message format',
		displayOptions: showFor('raw'),
	},
	optionsField([
		{
			displayName: 'Cloud Custom Data',
			name: 'cloudCustomData',
			type: 'string',
			default: '',
			description: 'Data of your own stored with the message (CloudCustomData)',
		},
		{
			displayName: 'Online Only',
			name: 'onlineOnly',
			type: 'boolean',
			default: false,
			description: 'Whether only subscribers online now receive it, without it being stored (OnlineOnlyFlag)',
		},
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['officialAccount'], operation: [option.value] } }, properties);

/** Tencent's limit of one message, 12 KB (UNCONFIRMED for official accounts: the C2C and group limit). */
const MAX_MESSAGE_BYTES = 12 * 1024;
const TEXT = { field: 'Text', maxBytes: MAX_MESSAGE_BYTES };
const CUSTOM = {
	Data: { field: 'Data', maxBytes: MAX_MESSAGE_BYTES },
	Desc: { field: 'Description', maxBytes: MAX_MESSAGE_BYTES },
	Ext: { field: 'Extension', maxBytes: MAX_MESSAGE_BYTES },
};
const CLOUD_CUSTOM_DATA = { field: 'Cloud Custom Data', maxBytes: MAX_MESSAGE_BYTES };

function readMessageBody(context: IExecuteFunctions, itemIndex: number, items: INodeExecutionData[]): MessageElement[] {
	const messageType = context.getNodeParameter('messageType', itemIndex, 'text');
	const read = (name: string) => parameterReader(context, name, items)(itemIndex);
	if (messageType === 'text') {
		const text = readText(read('text'), TEXT);
		if (text.trim() === '') throw new InvalidInputError(TEXT.field, 'Text is empty');
		return [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }];
	}
	if (messageType === 'custom') {
		const content = {
			Data: readText(read('customData') ?? '', CUSTOM.Data),
			Desc: readText(read('customDescription') ?? '', CUSTOM.Desc),
			Ext: readText(read('customExtension') ?? '', CUSTOM.Ext),
		};
		if (Object.values(content).every((value) => value === '')) {
			throw new InvalidInputError('Data', 'A custom message needs at least one of Data, Description and Extension');
		}
		return [{ MsgType: 'TIMCustomElem', MsgContent: content }];
	}
	return readRawBody(read('msgBody'));
}

export const operation: PerItemOperation<Broadcast> = {
	read(context, itemIndex, items) {
		const officialAccount = readId(parameterReader(context, 'officialAccountId', items)(itemIndex), OFFICIAL_ACCOUNT_ID);
		const msgBody = readMessageBody(context, itemIndex, items);
		const bytes = Buffer.byteLength(JSON.stringify(msgBody), 'utf8');
		if (bytes > MAX_MESSAGE_BYTES) {
			throw new InvalidInputError('Message Body', `The message is ${bytes} bytes long as Tencent gets it; a message may be at most ${MAX_MESSAGE_BYTES}`);
		}
		const { cloudCustomData, onlineOnly } = (context.getNodeParameter('options', itemIndex, {}) ?? {}) as Record<string, unknown>;
		return {
			officialAccount,
			msgBody,
			cloudCustomData: cloudCustomData === undefined || cloudCustomData === '' ? undefined : readText(cloudCustomData, CLOUD_CUSTOM_DATA),
			onlineOnly: onlineOnly === true || onlineOnly === 'true',
		};
	},
	async call(client, broadcast, options) {
		const sent = await sendOfficialAccountMessage(client, broadcast, options);
		return {
			officialAccount: broadcast.officialAccount,
			msgKey: sent.msgKey,
			msgTime: isoTime(sent.msgTime),
			sent: true,
			// An earlier attempt may have been carried out: Tencent may have dropped this one as its duplicate, or not.
			...(sent.mayHaveBeenAppliedBefore ? { ambiguous: true } : {}),
		};
	},
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, operation);
}
