import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, type DeliveryResult, type Message, sendMessageToMany } from './api';
import {
	batchSizeField,
	clientOptionFields,
	type FieldLimit,
	MAX_USER_ID_BYTES,
	optionsField,
	readIdList,
} from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type BulkOperation, freeze, type Outcome, runBulk } from '../shapes/bulk';
import { codeOutcomes } from '../shapes/codeOutcomes';
import { executeAs } from '../shapes/execute';
import { messageFields, messageReader } from './fields';

/** The name alone would not say what it acts on. */
export const subtitle = 'Send Message to Many';

export const option = {
	name: 'Send to Many',
	value: 'sendToMany',
	description: 'Send the same one-to-one message to many users, 500 to a call',
	action: 'Send a message to many users',
} as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1, user_2',
		description:
			'UserIDs to send to (imported accounts): one ID, several separated by commas, or an expression that returns an array of IDs. Items whose message is the same are sent together.',
	},
	...messageFields(),
	optionsField([batchSizeField(COMMANDS.sendMessageToMany, 'Recipients'), ...clientOptionFields]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [option.value] } },
	properties,
);

const RECIPIENTS: FieldLimit = { field: 'Recipients', maxBytes: MAX_USER_ID_BYTES };

/** A recipient ErrorList named. */
const failed = codeOutcomes(
	COMMANDS.sendMessageToMany,
	'Tencent could not deliver the message to this recipient',
);

/** A sent recipient: one shared outcome per call (its MsgKey) and per whether the call was a retry that may repeat an earlier one. */
const sentOutcomes = new WeakMap<
	Exclude<DeliveryResult, number>,
	{ plain?: Outcome; ambiguous?: Outcome }
>();
function sent(result: Exclude<DeliveryResult, number>, afterMaybeApplied: boolean): Outcome {
	let outcomes = sentOutcomes.get(result);
	if (outcomes === undefined) {
		outcomes = {};
		sentOutcomes.set(result, outcomes);
	}
	const msgKey = result.msgKey !== undefined ? { msgKey: result.msgKey } : {};
	if (afterMaybeApplied)
		return (outcomes.ambiguous ??= freeze({ status: 'sent', ...msgKey, ambiguous: true }));
	return (outcomes.plain ??= freeze({ status: 'sent', ...msgKey }));
}

/**
 * One run's operation. Its key is the message itself, as JSON: items whose message is the same
 * are sent in the same calls, and a recipient asked for twice with the same message gets it once.
 */
function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): BulkOperation<DeliveryResult> {
	const recipientsOf = itemParameterReader(context, 'recipients', items);
	const messageOf = messageReader(context, items);
	const messages = new Map<string, { key: string; message: Message }>();
	const keyOf = new WeakMap<Message, string>();
	return {
		command: COMMANDS.sendMessageToMany,
		ids: { parameter: 'recipients', outputName: 'to', rule: RECIPIENTS, noun: 'recipients' },
		readItem(_, itemIndex) {
			const ids = readIdList(recipientsOf(itemIndex), RECIPIENTS);
			const message = messageOf(itemIndex);
			let key = keyOf.get(message);
			if (key === undefined) {
				const json = JSON.stringify(message);
				// One key string per distinct message, however many items carry it.
				const known = messages.get(json) ?? { key: json, message };
				messages.set(json, known);
				key = known.key;
				keyOf.set(message, key);
			}
			return { key, ids };
		},
		send: (client, key, ids, options) =>
			sendMessageToMany(client, (messages.get(key) as { message: Message }).message, ids, options),
		outcome: (result, afterMaybeApplied) =>
			typeof result === 'number' ? failed(result) : sent(result, afterMaybeApplied),
		rerun:
			'Running the node again sends the message again, also to the recipients who have it: run it again only for the recipients whose status is "failed".',
	};
}

export const execute = executeAs(runBulk, operationFor);
