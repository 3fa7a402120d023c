import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, removeGroupMembers } from './api';
import {
	batchSizeField,
	clientOptionFields,
	type FieldLimit,
	optionsField,
	readIdList,
	readText,
} from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
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
const REASON: FieldLimit = { field: 'Reason', maxBytes: 300 };

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

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { silent, reason } = (this.getNodeParameter('options', 0, {}) ?? {}) as {
		silent?: unknown;
		reason?: unknown;
	};
	const settings = { silence: isOn(silent), reason: readReason(this, reason) };
	const groupOf = groupIdReader(this, items);
	const membersOf = itemParameterReader(this, 'memberIds', items);
	const operation: BulkOperation<true> = {
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
	return await runBulk.call(this, items, operation);
}
