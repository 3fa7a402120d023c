import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { addGroupMembers, COMMANDS, type MemberResult } from './api';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
import { batchSizeField, clientOptionFields, optionsField } from '../../fields';
import { executeAs } from '../shapes/execute';
import { groupIdField, groupMemberIds, isOn, memberIdsField } from './fields';

export const option = {
	name: 'Add Members',
	value: 'addMembers',
	description: 'Add users to a group, 300 to a call',
	action: 'Add members to a group',
} as const;

export const silentField: INodeProperties = {
	displayName: 'Silent',
	name: 'silent',
	type: 'boolean',
	default: false,
	description: 'Whether to send no system notice to the group about the change (Silence)',
};

const properties: INodeProperties[] = [
	groupIdField,
	memberIdsField('add'),
	optionsField([
		batchSizeField(COMMANDS.addGroupMembers, 'Members'),
		silentField,
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

const ADDED = freeze({ status: 'added' });
const ALREADY_MEMBER = freeze({ status: 'alreadyMember' });
// A retry after a call that may have been carried out finds the member there: this run or an earlier one?
const ADDED_OR_ALREADY_MEMBER = freeze({ status: 'addedOrAlreadyMember', ambiguous: true });
const INVITED = freeze({ status: 'invited' });
const NOT_ADDED_INFO =
	'Tencent answered Result 0 (failed) for this member without a reason: check that the UserID is imported and has not joined as many groups as the edition allows';
const NOT_ADDED = freeze(
	{ status: 'failed', errorCode: 'NOT_ADDED', errorInfo: NOT_ADDED_INFO },
	{ code: 'NOT_ADDED', info: NOT_ADDED_INFO },
);

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): BulkOperation<MemberResult> {
	const { silent } = (context.getNodeParameter('options', 0, {}) ?? {}) as { silent?: unknown };
	return {
		command: COMMANDS.addGroupMembers,
		...groupMemberIds(context, items),
		send: (client, groupId, memberIds, options) =>
			addGroupMembers(client, groupId, memberIds, isOn(silent), options),
		outcome(result, afterMaybeApplied) {
			if (result === 1) return ADDED;
			if (result === 2) return afterMaybeApplied ? ADDED_OR_ALREADY_MEMBER : ALREADY_MEMBER;
			if (result === 3) return INVITED;
			return NOT_ADDED;
		},
		rerun: 'Running the node again is safe: members already added come back as "alreadyMember".',
	};
}

export const execute = executeAs(runBulk, operationFor);
