import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type CheckResult, checkAccounts, COMMANDS } from './api';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
import { codeOutcomes } from '../shapes/codeOutcomes';
import { batchSizeField, clientOptionFields, optionsField } from '../../fields';
import { executeAs } from '../shapes/execute';
import { USER_IDS, userIdsField } from '../../fields/users';

/** The name alone would not say what it acts on. */
export const subtitle = 'Check Accounts';

export const option = {
	name: 'Check',
	value: 'check',
	description: 'Whether accounts have been imported, 100 to a call',
	action: 'Check whether accounts exist',
} as const;

const properties: INodeProperties[] = [
	userIdsField('check', 'e.g. user_1, user_2'),
	optionsField([batchSizeField(COMMANDS.checkAccounts, 'Accounts'), ...clientOptionFields]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: [option.value] } },
	properties,
);

const IMPORTED = freeze({ imported: true, status: 'imported' });
const NOT_IMPORTED = freeze({ imported: false, status: 'notImported' });
const failed = codeOutcomes(COMMANDS.checkAccounts, 'Tencent could not check this account');

function operationFor(): BulkOperation<CheckResult> {
	return {
		command: COMMANDS.checkAccounts,
		ids: { parameter: 'userIds', outputName: 'userId', rule: USER_IDS, noun: 'accounts' },
		send: (client, _key, ids, options) => checkAccounts(client, ids, options),
		outcome(result) {
			if (result === 'Imported') return IMPORTED;
			if (result === 'NotImported') return NOT_IMPORTED;
			return failed(result);
		},
		rerun: 'Running the node again is safe: checking changes nothing.',
	};
}

export const execute = executeAs(runBulk, operationFor);
