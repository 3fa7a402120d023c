import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { changeGroupOwner } from './api';
import {
	clientOptionFields,
	type FieldLimit,
	MAX_USER_ID_BYTES,
	optionsField,
	readId,
} from '../../fields';
import { parameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import { groupIdField, groupIdReader } from './fields';

export const option = {
	name: 'Change Owner',
	value: 'changeOwner',
	description: 'Hand a group to another of its members, or give an ownerless group an owner',
	action: 'Change the owner of a group',
} as const;

const properties: INodeProperties[] = [
	groupIdField,
	{
		displayName: 'New Owner ID',
		name: 'newOwnerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. agent_7',
		description:
			'The UserID of the new owner, who must be a member already; the old owner stays as a member',
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

const NEW_OWNER: FieldLimit = { field: 'New Owner ID', maxBytes: MAX_USER_ID_BYTES };

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<{ group: string; owner: string }> {
	const groupOf = groupIdReader(context, items);
	const ownerOf = parameterReader(context, 'newOwnerId', items);
	return {
		read: (_, itemIndex) => ({
			group: groupOf(itemIndex),
			owner: readId(ownerOf(itemIndex), NEW_OWNER),
		}),
		async call(client, { group, owner }, options) {
			await changeGroupOwner(client, group, owner, options);
			// Setting the same owner again leaves the same result: a retry is no ambiguity.
			return { group, owner, status: 'updated' };
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
