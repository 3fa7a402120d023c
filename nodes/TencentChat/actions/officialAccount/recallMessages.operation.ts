import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, RECALL_RET_CODES, recallOfficialAccountMessages } from './api';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
import { retCodeOutcomes } from '../shapes/codeOutcomes';
import { executeAs } from '../shapes/execute';
import { readReason, recallReasonOption } from '../shapes/reason';
import { batchSizeField, clientOptionFields, optionsField } from '../../fields';
import { OFFICIAL_ACCOUNT_ID, officialAccountIdField } from './fields';

export const option = {
	name: 'Recall Messages',
	value: 'recallMessages',
	description: "Recall an official account's messages by their MsgKey, 10 to a call",
	action: 'Recall messages of an official account',
} as const;

const properties: INodeProperties[] = [
	officialAccountIdField,
	{
		displayName: 'Message Keys',
		name: 'msgKeys',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3_1_1700000000',
		description:
			'The MsgKey that Send Message returned: one, several separated by commas, or an expression that returns an array of them',
	},
	optionsField([
		batchSizeField(COMMANDS.recallOfficialAccountMessages, 'Message keys'),
		recallReasonOption,
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['officialAccount'], operation: [option.value] } },
	properties,
);

/** MsgKeys are at most 50 characters (TC 60810); ASCII, so as many bytes. */
const MSG_KEYS = { field: 'Message Keys', maxBytes: 50 };
const MAX_REASON_BYTES = 100;

const RECALLED = freeze({ retCode: 0, status: 'recalled' });
const notRecalled = retCodeOutcomes(RECALL_RET_CODES, (retCode) => ({ retCode }));

function operationFor(context: IExecuteFunctions): BulkOperation<number> {
	const checkedReason = readReason(context, MAX_REASON_BYTES);
	return {
		command: COMMANDS.recallOfficialAccountMessages,
		key: {
			parameter: 'officialAccountId',
			outputName: 'officialAccount',
			rule: OFFICIAL_ACCOUNT_ID,
		},
		ids: { parameter: 'msgKeys', outputName: 'msgKey', rule: MSG_KEYS, noun: 'messages' },
		send: (client, officialAccount, msgKeys, options) =>
			recallOfficialAccountMessages(client, officialAccount, msgKeys, checkedReason, options),
		outcome: (retCode) => (retCode === 0 ? RECALLED : notRecalled(retCode)),
		failedFields: { retCode: null },
		rerun: 'Running the node again is safe: it recalls what is not recalled yet.',
	};
}

export const execute = executeAs(runBulk, operationFor);
