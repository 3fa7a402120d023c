import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION, updateDisplayOptions } from 'n8n-workflow';

import type { GroupMessage } from './api';
import { type MessageElement } from '../../client';
import { runSendAndWait } from '../sendAndWait/execute';
import { sendAndWaitFields } from '../sendAndWait/fields';
import { readSender } from '../sendAndWait/request';
import type { PerItemOperation } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import { groupIdField, groupIdReader } from './fields';
import { sendOneToGroup } from './sendMessage.operation';

// Send and Wait into a group: every member gets the links, and the first answer counts (n8n shows
// "No action required" to whoever follows a link after the execution has gone on).

/** The name alone would not say what it acts on. */
export const subtitle = 'Send to Group and Wait';

export const option = {
	name: 'Send and Wait for Response',
	value: SEND_AND_WAIT_OPERATION,
	description:
		'Send a group a message and wait for the first answer: an approval, a text or a form',
	action: 'Send message to a group and wait for response',
} as const;

const properties: INodeProperties[] = [groupIdField, ...sendAndWaitFields()];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

/** One run's operation, for the message Send and Wait makes. */
function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): (body: MessageElement[]) => PerItemOperation<{ group: string; message: GroupMessage }> {
	const groupOf = groupIdReader(context, items);
	return (body) => ({
		read(_, itemIndex) {
			const message: GroupMessage = { ...readSender(context, itemIndex), MsgBody: body };
			return { group: groupOf(itemIndex), message };
		},
		// A message Tencent dropped under its frequency control reached no one: nothing waits for it.
		call: async (client, { group, message }, options) =>
			await sendOneToGroup(client, group, message, options),
	});
}

export const execute = executeAs(runSendAndWait, operationFor);
