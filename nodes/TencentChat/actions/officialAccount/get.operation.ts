import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	COMMANDS,
	getOfficialAccounts,
	OFFICIAL_ACCOUNT_FIELDS,
	type OfficialAccountField,
	type OfficialAccountInfo,
} from './api';
import { type BulkOperation, freeze, type Outcome, runBulk } from '../shapes/bulk';
import { executeAs } from '../shapes/execute';
import { clientOptionFields, optionsField } from '../../fields';
import { OFFICIAL_ACCOUNT_ID, profileJson } from './fields';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get the profile of one or more official accounts, 50 to a call',
	action: 'Get official accounts',
} as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Official Account IDs',
		name: 'officialAccountIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. @TOA#_news, @TOA#_deals',
		description:
			'One OfficialAccountUserID, several separated by commas, or an expression that returns an array of them',
	},
	optionsField([
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			default: [],
			description: "The fields to return (Tencent's ResponseFilter); none chosen returns them all",
			options: OFFICIAL_ACCOUNT_FIELDS.map((field) => ({
				name: field.replace('_', ' '),
				value: field,
			})),
		},
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['officialAccount'], operation: [option.value] } },
	properties,
);

const NOT_FOUND_INFO =
	'Tencent does not know this official account: it does not exist or was destroyed';
const NOT_FOUND = freeze(
	{ found: false, status: 'failed', errorCode: 'NOT_FOUND', errorInfo: NOT_FOUND_INFO },
	{ code: 'NOT_FOUND', info: NOT_FOUND_INFO },
);

function found(info: OfficialAccountInfo): Outcome {
	return { fields: { found: true, ...profileJson(info) } };
}

function chosenFields(context: IExecuteFunctions): OfficialAccountField[] {
	const { fields } = context.getNodeParameter('options', 0, {}) as { fields?: unknown };
	if (!Array.isArray(fields)) return [];
	return fields.filter((field): field is OfficialAccountField =>
		(OFFICIAL_ACCOUNT_FIELDS as readonly unknown[]).includes(field),
	);
}

function operationFor(context: IExecuteFunctions): BulkOperation<OfficialAccountInfo> {
	const fields = chosenFields(context);
	return {
		command: COMMANDS.getOfficialAccounts,
		ids: {
			parameter: 'officialAccountIds',
			outputName: 'officialAccount',
			rule: { ...OFFICIAL_ACCOUNT_ID, field: 'Official Account IDs' },
			noun: 'official accounts',
		},
		send: (client, _key, ids, options) => getOfficialAccounts(client, ids, fields, options),
		outcome: found,
		// Tencent leaves out the accounts it does not know.
		leftOut: NOT_FOUND,
		failedIdStopsNode: true,
		rerun: 'Getting official accounts changes nothing: running the node again is safe.',
	};
}

export const execute = executeAs(runBulk, operationFor);
