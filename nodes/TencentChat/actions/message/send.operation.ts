import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CallOptions, TencentChatClient } from '../../client';
import { type Message, sendMessage } from './api';
import { clientOptionFields, isoTime, optionsField, readId } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { maybeDelivered } from '../shapes/delivery';
import { executeAs } from '../shapes/execute';
import { messageFields, messageReader, RECIPIENT, toField } from './fields';

/** The name alone would not say what it acts on. */
export const subtitle = 'Send Message';

export const option = {
	name: 'Send',
	value: 'send',
	description: 'Send a one-to-one message to one user per item',
	action: 'Send a message',
} as const;

const properties: INodeProperties[] = [
	toField,
	...messageFields(),
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [option.value] } },
	properties,
);

type Input = { to: string; message: Message };

/** Sends one message to `to`, as Send and Send and Wait do: its output item, `ambiguous` after a possibly-delivered attempt. */
export async function sendOne(
	client: TencentChatClient,
	to: string,
	message: Message,
	options: CallOptions,
): Promise<IDataObject> {
	const sent = await sendMessage(client, to, message, options).catch((error: unknown) =>
		Promise.reject(maybeDelivered(error, 'the conversation')),
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

export const execute = executeAs(runPerItem, operationFor);
