import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getSubscriberPage, type Subscriber } from './api';
import { clientOptionFields, isoTime, optionsField, readId } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { executeAs } from '../shapes/execute';
import { listFields, type ListOperation, runList } from '../shapes/list';
import { OFFICIAL_ACCOUNT_ID, officialAccountIdField } from './fields';

export const option = {
	name: 'Get Many Subscribers',
	value: 'getSubscribers',
	description: 'List the subscribers of an official account, 200 to a call',
	action: 'Get many subscribers of an official account',
} as const;

const displayOptions = { show: { resource: ['officialAccount'], operation: [option.value] } };

const properties: INodeProperties[] = [officialAccountIdField, optionsField(clientOptionFields)];

export const description = [
	...updateDisplayOptions(displayOptions, properties.slice(0, 1)),
	...listFields(displayOptions),
	...updateDisplayOptions(displayOptions, properties.slice(1)),
];

function toJson(officialAccount: string, subscriber: Subscriber): IDataObject {
	return {
		officialAccount,
		subscriber: subscriber.Subscriber_Account,
		subscribeTime: isoTime(subscriber.SubscribeTime),
		customString: subscriber.CustomString ?? '',
		msgFlag: subscriber.MsgFlag,
		lastSendMsgTime: isoTime(subscriber.LastSendMsgTime),
	};
}

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): ListOperation<string, string> {
	const officialAccountOf = itemParameterReader(context, 'officialAccountId', items);
	return {
		maxPageSize: COMMANDS.getSubscriberPage.maxPerCall ?? 1,
		subject: (officialAccount) => ({ officialAccount }),
		read: (_, itemIndex) => readId(officialAccountOf(itemIndex), OFFICIAL_ACCOUNT_ID),
		async page(client, officialAccount, cursor, pageSize, options) {
			const page = await getSubscriberPage(
				client,
				officialAccount,
				{ limit: pageSize, next: cursor ?? '' },
				options,
			);
			return {
				entries: page.subscribers.map((subscriber) => toJson(officialAccount, subscriber)),
				next: page.next === '' ? undefined : page.next,
			};
		},
	};
}

export const execute = executeAs(runList, operationFor);
