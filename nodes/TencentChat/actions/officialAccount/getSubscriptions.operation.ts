import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getSubscriptionPage, type Subscription } from './api';
import { clientOptionFields, isoTime, optionsField, readId } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { executeAs } from '../shapes/execute';
import { listFields, type ListOperation, runList } from '../shapes/list';
import { profileJson, SUBSCRIBER_ID, subscriberIdField } from './fields';

export const option = {
	name: 'Get Subscriptions of a User',
	value: 'getSubscriptions',
	description: 'List the official accounts a user follows, 200 to a call',
	action: 'Get the official accounts a user subscribes to',
} as const;

const displayOptions = { show: { resource: ['officialAccount'], operation: [option.value] } };

const properties: INodeProperties[] = [
	subscriberIdField('The UserID whose subscriptions to list'),
	optionsField(clientOptionFields),
];

export const description = [
	...updateDisplayOptions(displayOptions, properties.slice(0, 1)),
	...listFields(displayOptions),
	...updateDisplayOptions(displayOptions, properties.slice(1)),
];

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

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): ListOperation<string, number> {
	const subscriberOf = itemParameterReader(context, 'subscriberId', items);
	return {
		maxPageSize: COMMANDS.getSubscriptionPage.maxPerCall ?? 1,
		subject: (subscriber) => ({ subscriber }),
		read: (_, itemIndex) => readId(subscriberOf(itemIndex), SUBSCRIBER_ID),
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
}

export const execute = executeAs(runList, operationFor);
