import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type OfficialAccountProfile, updateOfficialAccount } from './api';
import { clientOptionFields, InvalidInputError, optionsField, readId } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { executeAs } from '../shapes/execute';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import {
	nameField,
	OFFICIAL_ACCOUNT_ID,
	officialAccountIdField,
	profileFields,
	readProfile,
} from './fields';

export const option = {
	name: 'Update',
	value: 'update',
	description:
		"Change an official account's name, introduction, avatar, organisation, custom string or subscriber limit",
	action: 'Update an official account',
} as const;

const properties: INodeProperties[] = [
	officialAccountIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the others keep their values',
		options: [...profileFields, nameField].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['officialAccount'], operation: [option.value] } },
	properties,
);

type Input = { officialAccount: string; profile: OfficialAccountProfile };

/** Tencent's names and the names the node outputs them under. */
const OUTPUT_NAMES: Record<keyof OfficialAccountProfile, string> = {
	Name: 'name',
	Introduction: 'introduction',
	FaceUrl: 'faceUrl',
	Organization: 'organization',
	CustomString: 'customString',
	MaxSubscriberNum: 'maxSubscribers',
};

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Input> {
	const officialAccountOf = itemParameterReader(context, 'officialAccountId', items);
	return {
		read(_, itemIndex) {
			const officialAccount = readId(officialAccountOf(itemIndex), OFFICIAL_ACCOUNT_ID);
			const profile = readProfile(
				(context.getNodeParameter('updateFields', itemIndex, {}) ?? {}) as Record<string, unknown>,
			);
			if (Object.keys(profile).length === 0) {
				throw new InvalidInputError(
					'Update Fields',
					'Nothing to update: add at least one field under "Update Fields"',
				);
			}
			return { officialAccount, profile };
		},
		async call(client, { officialAccount, profile }, options) {
			await updateOfficialAccount(client, officialAccount, profile, options);
			const changed = Object.fromEntries(
				Object.entries(profile).map(([name, value]) => [
					OUTPUT_NAMES[name as keyof OfficialAccountProfile],
					value,
				]),
			);
			return { officialAccount, status: 'updated', ...changed };
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
