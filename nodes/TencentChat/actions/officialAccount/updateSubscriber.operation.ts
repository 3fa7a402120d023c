import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { updateSubscriber } from './api';
import { clientOptionFields, optionsField, readId, readText } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { executeAs } from '../shapes/execute';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import {
	OFFICIAL_ACCOUNT_ID,
	officialAccountIdField,
	SUBSCRIBER_ID,
	subscriberIdField,
} from './fields';

export const option = {
	name: 'Update Subscriber',
	value: 'updateSubscriber',
	description: "Set a subscriber's custom string",
	action: 'Update a subscriber of an official account',
} as const;

const properties: INodeProperties[] = [
	officialAccountIdField,
	subscriberIdField('The UserID of the subscriber'),
	{
		displayName: 'Custom String',
		name: 'customString',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description:
			'What to store for this subscriber, up to 3,000 bytes (e.g. JSON from your CRM); it replaces what was there',
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['officialAccount'], operation: [option.value] } },
	properties,
);

const CUSTOM_STRING = { field: 'Custom String', maxBytes: 3_000 };

type Input = { officialAccount: string; subscriber: string; customString: string };

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Input> {
	const officialAccountOf = itemParameterReader(context, 'officialAccountId', items);
	const subscriberOf = itemParameterReader(context, 'subscriberId', items);
	const customStringOf = itemParameterReader(context, 'customString', items);
	return {
		read: (_, itemIndex) => ({
			officialAccount: readId(officialAccountOf(itemIndex), OFFICIAL_ACCOUNT_ID),
			subscriber: readId(subscriberOf(itemIndex), SUBSCRIBER_ID),
			customString: readText(customStringOf(itemIndex), CUSTOM_STRING),
		}),
		async call(client, input, options) {
			await updateSubscriber(client, input, options);
			return {
				officialAccount: input.officialAccount,
				subscriber: input.subscriber,
				status: 'updated',
				customString: input.customString,
			};
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
