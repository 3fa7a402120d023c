import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getSubscriberPage, type Subscriber } from './api';
import { clientOptionFields, isoTime, optionsField, readId } from '../../fields';
import { parameterReader } from '../../helpers/itemParameters';
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

export const operation: ListOperation<string, string> = {
	maxPageSize: COMMANDS.getSubscriberPage.maxPerCall ?? 1,
	subject: (officialAccount) => ({ officialAccount }),
	read(context, itemIndex, items) {
		return readId(
			parameterReader(context, 'officialAccountId', items)(itemIndex),
			OFFICIAL_ACCOUNT_ID,
		);
	},
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

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runList.call(this, items, operation);
}
