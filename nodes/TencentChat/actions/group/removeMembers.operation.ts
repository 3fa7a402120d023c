import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, removeGroupMembers } from './api';
import { readIdList } from '../../helpers/ids';
import { itemParameterReader } from '../../helpers/itemParameters';
import { readText } from '../../helpers/text';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
import { batchSizeField, clientOptionFields, optionsField } from '../shapes/options';
import { executeAs } from '../shapes/execute';
import { silentField } from './addMembers.operation';
import { GROUP_ID, groupIdField, groupIdReader, isOn, MEMBER_IDS, memberIdsField } from './fields';

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
const REASON = { field: 'Reason', maxBytes: 300 };

function readReason(context: IExecuteFunctions, reason: unknown): string | undefined {
	if (reason === undefined || reason === '') return undefined;
	try {
		return readText(reason, REASON);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Shorten "Reason" in the Options. No call was made to Tencent.',
		});
	}
}

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): BulkOperation<true> {
	const { silent, reason } = (context.getNodeParameter('options', 0, {}) ?? {}) as {
		silent?: unknown;
		reason?: unknown;
	};
	const settings = { silence: isOn(silent), reason: readReason(context, reason) };
	const groupOf = groupIdReader(context, items);
	const membersOf = itemParameterReader(context, 'memberIds', items);
	return {
		command: COMMANDS.removeGroupMembers,
		key: { parameter: 'groupId', outputName: 'group', rule: GROUP_ID },
		ids: { parameter: 'memberIds', outputName: 'member', rule: MEMBER_IDS, noun: 'members' },
		readItem: (_, itemIndex) => ({
			key: groupOf(itemIndex),
			ids: readIdList(membersOf(itemIndex), MEMBER_IDS),
		}),
		send: (client, groupId, memberIds, options) =>
			removeGroupMembers(client, groupId, memberIds, settings, options),
		outcome: () => REMOVED,
		rerun: 'Running the node again is safe: removing a user who is not a member changes nothing.',
	};
}

export const execute = executeAs(runBulk, operationFor);
