import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION, updateDisplayOptions } from 'n8n-workflow';

import { type GroupMessage, sendGroupMessage } from './api';
import { type MessageElement } from '../../client';
import { MAX_USER_ID_BYTES, readId } from '../../helpers/ids';
import { isoTime } from '../../helpers/time';
import { runSendAndWait } from '../sendAndWait/execute';
import { sendAndWaitFields } from '../sendAndWait/fields';
import type { PerItemOperation } from '../shapes/perItem';
import { maybeDelivered } from '../shapes/delivery';
import { executeAs } from '../shapes/execute';
import { groupIdField, groupIdReader } from './fields';

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

const SENDER = { field: 'Sender', maxBytes: MAX_USER_ID_BYTES };

/** One run's operation, for the message Send and Wait makes. */
function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): (body: MessageElement[]) => PerItemOperation<{ group: string; message: GroupMessage }> {
	const groupOf = groupIdReader(context, items);
	return (body) => ({
		read(_, itemIndex) {
			const from = context.getNodeParameter('options.from', itemIndex, '');
			const message: GroupMessage = {
				...(from === '' || from === null || from === undefined
					? {}
					: { From_Account: readId(from, SENDER) }),
				MsgBody: body,
			};
			return { group: groupOf(itemIndex), message };
		},
		async call(client, { group, message }, options) {
			const sent = await sendGroupMessage(client, group, message, options).catch((error: unknown) =>
				Promise.reject(maybeDelivered(error, 'the group')),
			);
			return {
				group,
				...(message.From_Account !== undefined ? { from: message.From_Account } : {}),
				// A message Tencent dropped under its frequency control reached no one: nothing waits for it.
				status: sent.dropReason !== undefined ? 'dropped' : 'sent',
				msgSeq: sent.msgSeq ?? null,
				msgTime: sent.msgTime === undefined ? null : isoTime(sent.msgTime),
				...(sent.dropReason !== undefined ? { dropReason: sent.dropReason } : {}),
				...(sent.mayHaveBeenAppliedBefore ? { ambiguous: true } : {}),
			};
		},
	});
}

export const execute = executeAs(runSendAndWait, operationFor);
