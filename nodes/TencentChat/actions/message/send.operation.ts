import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type CallOptions, type TencentChatClient, TencentChatError } from '../../client';
import { type Message, sendMessage } from './api';
import {
	clientOptionFields,
	type FieldLimit,
	isoTime,
	MAX_USER_ID_BYTES,
	optionsField,
	readId,
} from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { messageFields, messageReader } from './fields';

/** The name alone would not say what it acts on. */
export const subtitle = 'Send Message';

export const option = {
	name: 'Send',
	value: 'send',
	description: 'Send a one-to-one message to one user per item',
	action: 'Send a message',
} as const;

const properties: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. customer_1042',
		description: "The recipient's UserID (an imported account)",
	},
	...messageFields(),
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [option.value] } },
	properties,
);

const RECIPIENT: FieldLimit = { field: 'To', maxBytes: MAX_USER_ID_BYTES };
const MAYBE_DELIVERED =
	'The message may have been delivered although no answer said so: check the conversation before sending it again, which could deliver it twice.';

type Input = { to: string; message: Message };

/** A failed send that may have been delivered all the same says so in its hint. */
export function maybeDelivered(error: unknown): unknown {
	if (!(error instanceof TencentChatError) || !error.mayHaveBeenApplied) return error;
	const hint = error.hint ? `${error.hint} ${MAYBE_DELIVERED}` : MAYBE_DELIVERED;
	const maybe = new TencentChatError(error.code, error.info, {
		action: error.action,
		hint,
		field: error.field,
		mayHaveBeenApplied: true,
	});
	maybe.attempts = error.attempts;
	return maybe;
}

/** Sends one message to `to`, as Send and Send and Wait do: its output item, `ambiguous` after a possibly-delivered attempt. */
export async function sendOne(
	client: TencentChatClient,
	to: string,
	message: Message,
	options: CallOptions,
): Promise<IDataObject> {
	const sent = await sendMessage(client, to, message, options).catch((error: unknown) =>
		Promise.reject(maybeDelivered(error)),
	);
	return {
		to,
		...(message.From_Account !== undefined ? { from: message.From_Account } : {}),
		status: 'sent',
		msgKey: sent.msgKey,
		msgTime: isoTime(sent.msgTime) ?? null,
		// Sent on a retry after an attempt that may have been delivered: Tencent recognises
		// the repeat by its MsgRandom, which every attempt shares (UNCONFIRMED for every case).
		...(sent.mayHaveBeenAppliedBefore ? { ambiguous: true } : {}),
	};
}

/** One run's operation: the message readers are made once for all its items. */
function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Input> {
	const toOf = itemParameterReader(context, 'to', items);
	const messageOf = messageReader(context, items);
	return {
		read: (_, itemIndex) => ({
			to: readId(toOf(itemIndex), RECIPIENT),
			message: messageOf(itemIndex),
		}),
		call: async (client, { to, message }, options) => await sendOne(client, to, message, options),
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, operationFor(this, items));
}
