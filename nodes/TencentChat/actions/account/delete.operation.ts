import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, type DeleteResult, deleteAccounts } from './api';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
import { codeOutcomes } from '../shapes/codeOutcomes';
import { batchSizeField, clientOptionFields, optionsField } from '../../fields';
import { executeAs } from '../shapes/execute';
import { USER_IDS, userIdsField } from '../../fields/users';

/** The name alone would not say what it acts on. */
export const subtitle = 'Delete Accounts';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete accounts, 100 to a call',
	action: 'Delete accounts',
} as const;

const properties: INodeProperties[] = [
	{
		displayName:
			'On paid editions account deletion must be enabled in the Chat console, and a deleted UserID cannot be imported again for 3 months',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	userIdsField('delete', 'e.g. user_1, user_2'),
	optionsField([batchSizeField(COMMANDS.deleteAccounts, 'Accounts'), ...clientOptionFields]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: [option.value] } },
	properties,
);

const ACCOUNT_MISSING = 70107;
const DELETED = freeze({ deleted: true, resultCode: 0, status: 'deleted' });
const NOT_FOUND = freeze({ deleted: false, resultCode: ACCOUNT_MISSING, status: 'notFound' });
// A retry after a call that may have been carried out finds the account gone: this run or before it?
const DELETED_OR_NOT_FOUND = freeze({
	deleted: true,
	resultCode: ACCOUNT_MISSING,
	status: 'deletedOrNotFound',
	ambiguous: true,
});
const failed = codeOutcomes(
	COMMANDS.deleteAccounts,
	'Tencent could not delete this account',
	(code) => ({
		deleted: false,
		resultCode: code,
	}),
);

function operationFor(): BulkOperation<DeleteResult> {
	return {
		command: COMMANDS.deleteAccounts,
		ids: { parameter: 'userIds', outputName: 'userId', rule: USER_IDS, noun: 'accounts' },
		send: (client, _key, ids, options) => deleteAccounts(client, ids, options),
		outcome(result, afterMaybeApplied) {
			if (result === 0) return DELETED;
			if (result === ACCOUNT_MISSING) return afterMaybeApplied ? DELETED_OR_NOT_FOUND : NOT_FOUND;
			return failed(result);
		},
		failedFields: { deleted: false },
		rerun: 'Running the node again is safe: accounts already deleted come back as "notFound".',
	};
}

export const execute = executeAs(runBulk, operationFor);
