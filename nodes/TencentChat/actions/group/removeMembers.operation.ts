import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, removeGroupMembers } from './api';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
import { batchSizeField, clientOptionFields, optionsField } from '../../fields';
import { executeAs } from '../shapes/execute';
import { readReason } from '../shapes/reason';
import { silentField } from './addMembers.operation';
import { groupIdField, groupMemberIds, isOn, memberIdsField } from './fields';

export const option = {
	name: 'Remove Members',
	value: 'removeMembers',
	description: 'Remove users from a group, 100 to a call',
	action: 'Remove members from a group',
} as const;

const properties: INodeProperties[] = [
	groupIdField,
	memberIdsField('remove'),
	optionsField([
		batchSizeField(COMMANDS.removeGroupMembers, 'Members'),
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			placeholder: 'e.g. The deal is closed',
			description: 'Shown in the notice the removed members get (the same for every item)',
		},
		{
			...silentField,
			description: 'Whether only the removed members are told, not the rest of the group (Silence)',
		},
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

// Tencent answers OK for a user who was not a member as well: "removed" says they are not one now.
const REMOVED = freeze({ status: 'removed' });
// Reason's length is not documented (§9.7, UNCONFIRMED): bounded as a group notice is.
const MAX_REASON_BYTES = 300;

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): BulkOperation<true> {
	const { silent } = (context.getNodeParameter('options', 0, {}) ?? {}) as { silent?: unknown };
	const settings = { silence: isOn(silent), reason: readReason(context, MAX_REASON_BYTES) };
	return {
		command: COMMANDS.removeGroupMembers,
		...groupMemberIds(context, items),
		send: (client, groupId, memberIds, options) =>
			removeGroupMembers(client, groupId, memberIds, settings, options),
		outcome: () => REMOVED,
		rerun: 'Running the node again is safe: removing a user who is not a member changes nothing.',
	};
}

export const execute = executeAs(runBulk, operationFor);
