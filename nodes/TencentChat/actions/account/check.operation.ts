import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type CheckResult, checkAccounts, COMMANDS, describeErrorCode, SERVICES } from '../../client';
import { type BulkOperation, freeze, type Outcome, runBulk } from '../shapes/bulk';
import { batchSizeField, clientOptionFields, optionsField } from '../shapes/options';
import { USER_IDS, userIdsField } from './fields';

export const option = {
	name: 'Check',
	value: 'check',
	description: 'Whether accounts have been imported, 100 to a call',
	action: 'Check whether accounts exist',
} as const;

const properties: INodeProperties[] = [
	userIdsField('check'),
	optionsField([batchSizeField(COMMANDS.checkAccounts, 'Accounts'), ...clientOptionFields]),
];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: [option.value] } }, properties);

const IMPORTED = freeze({ imported: true, status: 'imported' });
const NOT_IMPORTED = freeze({ imported: false, status: 'notImported' });
const failures = new Map<number, Outcome>();

/** An entry Tencent answered with a ResultCode other than 0: one shared outcome per code. */
function failed(code: number): Outcome {
	let outcome = failures.get(code);
	if (outcome === undefined) {
		const info = describeErrorCode(SERVICES.account, code).hint ?? 'Tencent could not check this account';
		outcome = freeze({ status: 'failed', errorCode: code, errorInfo: info }, { code, info });
		failures.set(code, outcome);
	}
	return outcome;
}

export const operation: BulkOperation<CheckResult> = {
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

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBulk.call(this, items, operation);
}
