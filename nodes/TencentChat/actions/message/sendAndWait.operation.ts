import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION, updateDisplayOptions } from 'n8n-workflow';

import type { Message } from './api';
import type { MessageElement } from '../../client';
import { type IdRule, MAX_USER_ID_BYTES, readId } from '../../helpers/ids';
import { itemParameterReader } from '../../helpers/itemParameters';
import { runSendAndWait } from '../sendAndWait/execute';
import { sendAndWaitFields } from '../sendAndWait/fields';
import type { PerItemOperation } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import { SENDER } from '../messageOptions';
import { sendOne } from './send.operation';

/** The name alone would not say what it acts on. */
export const subtitle = 'Send and Wait';

export const option = {
	name: 'Send and Wait for Response',
	value: SEND_AND_WAIT_OPERATION,
	description: 'Send a user a message and wait for their answer: an approval, a text or a form',
	action: 'Send message and wait for response',
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
	...sendAndWaitFields(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [option.value] } },
	properties,
);

const RECIPIENT: IdRule = { field: 'To', maxBytes: MAX_USER_ID_BYTES };

/** One run's operation, for the message Send and Wait makes. */
function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): (body: MessageElement[]) => PerItemOperation<{ to: string; message: Message }> {
	const toOf = itemParameterReader(context, 'to', items);
	return (body) => ({
		read(_, itemIndex) {
			const from = context.getNodeParameter('options.from', itemIndex, '');
			const message: Message = {
				...(from === '' || from === null || from === undefined
					? {}
					: { From_Account: readId(from, SENDER) }),
				MsgBody: body,
				SyncOtherMachine: 2,
			};
			return { to: readId(toOf(itemIndex), RECIPIENT), message };
		},
		call: async (client, { to, message }, options) => await sendOne(client, to, message, options),
	});
}

export const execute = executeAs(runSendAndWait, operationFor);
