import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { setProfile } from './api';
import { clientOptionFields, optionsField, readId } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import { type ProfileChange, profileFields, readProfileChange } from './fields';
import { USER_ID, userField } from '../../fields/users';

export const option = {
	name: 'Set Profile',
	value: 'setProfile',
	description:
		"Set fields and custom tags of one user's profile per item; fields not given keep their values",
	action: 'Set a user profile',
} as const;

const properties: INodeProperties[] = [
	userField('The UserID whose profile to set (an imported account)'),
	{
		displayName: 'Profile Fields',
		name: 'profileFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: profileFields,
	},
	{
		displayName: 'Custom Tags',
		name: 'customTags',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add custom tag',
		default: {},
		description:
			'Custom profile tags (Tag_Profile_Custom_ followed by the key), each created in the Chat console first',
		options: [
			{
				displayName: 'Tag',
				name: 'tag',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'e.g. Tier',
						description: 'Letters, digits or _, up to 8 bytes',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. gold',
						description: 'Up to 500 bytes',
					},
				],
			},
		],
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: [option.value] } },
	properties,
);

type Input = { userId: string; change: ProfileChange };

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Input> {
	const userIdOf = itemParameterReader(context, 'userId', items);
	const fieldsOf = itemParameterReader(context, 'profileFields', items);
	const customTagsOf = itemParameterReader(context, 'customTags', items);
	return {
		read(_, itemIndex) {
			const fields = (fieldsOf(itemIndex) ?? {}) as Record<string, unknown>;
			const { tag } = (customTagsOf(itemIndex) ?? {}) as {
				tag?: Array<{ key?: unknown; value?: unknown }>;
			};
			return {
				userId: readId(userIdOf(itemIndex), USER_ID),
				change: readProfileChange(fields, Array.isArray(tag) ? tag : []),
			};
		},
		// Setting the same values again leaves the same profile: a retry, or a re-run, is safe.
		async call(client, { userId, change }, options) {
			await setProfile(client, userId, change.items, options);
			return { userId, status: 'updated', ...change.json };
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
