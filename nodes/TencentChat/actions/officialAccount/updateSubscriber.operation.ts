import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { updateSubscriber } from './api';
import { clientOptionFields, type FieldLimit, optionsField, readId, readText } from '../../fields';
import { parameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { OFFICIAL_ACCOUNT_ID, officialAccountIdField, SUBSCRIBER_IDS } from './fields';

export const option = {
	name: 'Update Subscriber',
	value: 'updateSubscriber',
	description: "Set a subscriber's custom string",
	action: 'Update a subscriber of an official account',
} as const;

const properties: INodeProperties[] = [
	officialAccountIdField,
	{
		displayName: 'Subscriber ID',
		name: 'subscriberId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1',
		description: 'The UserID of the subscriber',
	},
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

const SUBSCRIBER_ID = { ...SUBSCRIBER_IDS, field: 'Subscriber ID' };
const CUSTOM_STRING: FieldLimit = { field: 'Custom String', maxBytes: 3_000 };

type Input = { officialAccount: string; subscriber: string; customString: string };

export const operation: PerItemOperation<Input> = {
	read(context, itemIndex, items) {
		return {
			officialAccount: readId(
				parameterReader(context, 'officialAccountId', items)(itemIndex),
				OFFICIAL_ACCOUNT_ID,
			),
			subscriber: readId(parameterReader(context, 'subscriberId', items)(itemIndex), SUBSCRIBER_ID),
			customString: readText(
				parameterReader(context, 'customString', items)(itemIndex),
				CUSTOM_STRING,
			),
		};
	},
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

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, operation);
}
