import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteGroup } from './api';
import { TencentChatError } from '../../client';
import { clientOptionFields, optionsField } from '../../fields';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import { groupIdField, groupIdReader } from './fields';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Dissolve a group: its members and history go with it, for good',
	action: 'Delete a group',
} as const;

const properties: INodeProperties[] = [groupIdField, optionsField(clientOptionFields)];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<string> {
	const groupOf = groupIdReader(context, items);
	return {
		read: (_, itemIndex) => groupOf(itemIndex),
		subject: (group) => ({ group }),
		async call(client, group, options) {
			const deleted = await deleteGroup(client, group, options).catch((error: unknown) =>
				// 10010 after an attempt that may have been carried out: that attempt dissolved it.
				error instanceof TencentChatError && error.code === 10010 && error.mayHaveBeenApplied
					? { mayHaveBeenAppliedBefore: true }
					: Promise.reject(error),
			);
			return {
				group,
				status: 'deleted',
				...(deleted.mayHaveBeenAppliedBefore ? { ambiguous: true } : {}),
			};
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
