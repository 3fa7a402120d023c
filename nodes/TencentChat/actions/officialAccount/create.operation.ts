import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOfficialAccount, type OfficialAccountProfile } from './api';
import {
	clientOptionFields,
	InvalidInputError,
	MAX_USER_ID_BYTES,
	optionsField,
	readId,
} from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { executeAs } from '../shapes/execute';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { nameField, profileFields, readNewOfficialAccountId, readProfile } from './fields';

export const option = {
	name: 'Create',
	value: 'create',
	description: 'Create an official account owned by one of your users',
	action: 'Create an official account',
} as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Owner ID',
		name: 'ownerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1',
		description:
			'The UserID of the account that owns the official account; it must have been imported into the app already',
	},
	{ ...nameField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Official Account ID',
				name: 'officialAccountId',
				type: 'string',
				default: '',
				placeholder: 'e.g. @TOA#_news',
				description:
					'An ID of your own for the account: it must start with @TOA#_, up to 48 bytes. Without it Tencent makes one. With it, running the node again fails with 130008 instead of creating a second account.',
			},
			...profileFields,
		],
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['officialAccount'], operation: [option.value] } },
	properties,
);

const OWNER = { field: 'Owner ID', maxBytes: MAX_USER_ID_BYTES };

type Input = {
	owner: string;
	officialAccountId?: string;
	profile: OfficialAccountProfile & { Name: string };
};

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Input> {
	const ownerOf = itemParameterReader(context, 'ownerId', items);
	const nameOf = itemParameterReader(context, 'name', items);
	return {
		read(_, itemIndex) {
			const owner = readId(ownerOf(itemIndex), OWNER);
			const { officialAccountId, ...rest } = (context.getNodeParameter(
				'additionalFields',
				itemIndex,
				{},
			) ?? {}) as Record<string, unknown>;
			const name = nameOf(itemIndex);
			if (name === undefined || name === null || name === '')
				throw new InvalidInputError('Name', 'Name is required');
			const profile = readProfile({ ...rest, name }) as OfficialAccountProfile & { Name: string };
			const id =
				officialAccountId === undefined || officialAccountId === ''
					? undefined
					: readNewOfficialAccountId(officialAccountId);
			return { owner, officialAccountId: id, profile };
		},
		async call(client, input, options) {
			const created = await createOfficialAccount(client, input, options);
			return {
				officialAccount: created.officialAccountId,
				owner: input.owner,
				name: input.profile.Name,
				status: 'created',
				// An earlier attempt may have created it: without an ID of the item's own, maybe a second account.
				...(created.mayHaveBeenAppliedBefore ? { ambiguous: true } : {}),
			};
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
