import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, GROUP_RECALL_CODES, recallGroupMessages } from './api';
import {
	batchSizeField,
	clientOptionFields,
	InvalidInputError,
	optionsField,
	readIdList,
} from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
import { retCodeOutcomes } from '../shapes/codeOutcomes';
import { executeAs } from '../shapes/execute';
import { readReason, recallReasonOption } from '../shapes/reason';
import { GROUP_ID, groupIdField, groupIdReader } from './fields';

/** The name alone would not say what it acts on. */
export const subtitle = 'Recall Group Messages';

export const option = {
	name: 'Recall Messages',
	value: 'recallMessages',
	description: "Recall a group's messages by the MsgSeq Send Message returned, 10 to a call",
	action: 'Recall messages of a group',
} as const;

const properties: INodeProperties[] = [
	groupIdField,
	{
		displayName: 'Message Seqs',
		name: 'msgSeqs',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12, 13',
		description:
			'The MsgSeq that Send Message returned: one, several separated by commas, or an expression that returns an array of them',
	},
	optionsField([
		batchSizeField(COMMANDS.recallGroupMessages, 'Messages'),
		recallReasonOption,
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

const MSG_SEQS = { field: 'Message Seqs', maxBytes: 20 };
// Reason ≤100 B (doocs only, §9.7: UNCONFIRMED).
const MAX_REASON_BYTES = 100;
const RECALLED = freeze({ status: 'recalled' });
const notRecalled = retCodeOutcomes(GROUP_RECALL_CODES);

/** A MsgSeq: a positive whole number, given as one or as text. */
function readSeqs(value: unknown): string[] {
	return readIdList(value, MSG_SEQS).map((seq) => {
		if (!/^[1-9]\d{0,15}$/.test(seq) || !Number.isSafeInteger(Number(seq)))
			throw new InvalidInputError(
				MSG_SEQS.field,
				`Message Seqs "${seq.slice(0, 20)}" is not a MsgSeq: a positive whole number`,
			);
		return seq;
	});
}

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): BulkOperation<number> {
	const reason = readReason(context, MAX_REASON_BYTES);
	const groupOf = groupIdReader(context, items);
	const seqsOf = itemParameterReader(context, 'msgSeqs', items);
	return {
		command: COMMANDS.recallGroupMessages,
		key: { parameter: 'groupId', outputName: 'group', rule: GROUP_ID },
		ids: { parameter: 'msgSeqs', outputName: 'msgSeq', rule: MSG_SEQS, noun: 'messages' },
		readItem: (_, itemIndex) => ({ key: groupOf(itemIndex), ids: readSeqs(seqsOf(itemIndex)) }),
		send: (client, group, msgSeqs, options) =>
			recallGroupMessages(client, group, msgSeqs, reason, options),
		outcome: (retCode) => (retCode === 0 ? RECALLED : notRecalled(retCode)),
		rerun: 'Running the node again is safe: recalling a recalled message changes nothing.',
	};
}

export const execute = executeAs(runBulk, operationFor);
