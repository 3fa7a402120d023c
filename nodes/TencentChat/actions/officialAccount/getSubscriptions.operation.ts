import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getSubscriptionPage, type Subscription } from './api';
import { clientOptionFields, isoTime, optionsField, readId } from '../../fields';
import { parameterReader } from '../../helpers/itemParameters';
import { listFields, type ListOperation, runList } from '../shapes/list';
import { profileJson, SUBSCRIBER_IDS } from './fields';

export const option = {
	name: 'Get Subscriptions of a User',
	value: 'getSubscriptions',
	description: 'List the official accounts a user follows, 200 to a call',
	action: 'Get the official accounts a user subscribes to',
} as const;

const displayOptions = { show: { resource: ['officialAccount'], operation: [option.value] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Subscriber ID',
		name: 'subscriberId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1',
		description: 'The UserID whose subscriptions to list',
	},
	optionsField(clientOptionFields),
];

export const description = [
	...updateDisplayOptions(displayOptions, properties.slice(0, 1)),
	...listFields(displayOptions),
	...updateDisplayOptions(displayOptions, properties.slice(1)),
];

const SUBSCRIBER_ID = { ...SUBSCRIBER_IDS, field: 'Subscriber ID' };

function toJson(subscriber: string, subscription: Subscription): IDataObject {
	const json: IDataObject = {
		subscriber,
		officialAccount: subscription.officialAccount,
		...profileJson(subscription.info),
	};
	// The subscriber's own: when they subscribed and the custom string kept for them.
	json.subscribeTime = isoTime(subscription.subscribeTime);
	json.subscriberCustomString = subscription.customString ?? '';
	return json;
}

export const operation: ListOperation<string, number> = {
	maxPageSize: COMMANDS.getSubscriptionPage.maxPerCall ?? 1,
	subject: (subscriber) => ({ subscriber }),
	read(context, itemIndex, items) {
		return readId(parameterReader(context, 'subscriberId', items)(itemIndex), SUBSCRIBER_ID);
	},
	async page(client, subscriber, offset, pageSize, options) {
		const page = await getSubscriptionPage(
			client,
			subscriber,
			{ limit: pageSize, offset: offset ?? 0 },
			options,
		);
		return {
			entries: page.subscriptions.map((subscription) => toJson(subscriber, subscription)),
			next: page.next,
		};
	},
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runList.call(this, items, operation);
}
