import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION, updateDisplayOptions } from 'n8n-workflow';

import type { Message } from './api';
import type { MessageElement } from '../../client';
import { readId } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { runSendAndWait } from '../sendAndWait/execute';
import { sendAndWaitFields } from '../sendAndWait/fields';
import { readSender } from '../sendAndWait/request';
import type { PerItemOperation } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import { RECIPIENT, toField } from './fields';
import { sendOne } from './send.operation';

/** The name alone would not say what it acts on. */
export const subtitle = 'Send and Wait';

export const option = {
	name: 'Send and Wait for Response',
	value: SEND_AND_WAIT_OPERATION,
	description: 'Send a user a message and wait for their answer: an approval, a text or a form',
	action: 'Send message and wait for response',
} as const;

const properties: INodeProperties[] = [toField, ...sendAndWaitFields()];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [option.value] } },
	properties,
);

/** One run's operation, for the message Send and Wait makes. */
function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): (body: MessageElement[]) => PerItemOperation<{ to: string; message: Message }> {
	const toOf = itemParameterReader(context, 'to', items);
	return (body) => ({
		read(_, itemIndex) {
			const message: Message = {
				...readSender(context, itemIndex),
				MsgBody: body,
				SyncOtherMachine: 2,
			};
			return { to: readId(toOf(itemIndex), RECIPIENT), message };
		},
		call: async (client, { to, message }, options) => await sendOne(client, to, message, options),
	});
}

export const execute = executeAs(runSendAndWait, operationFor);
