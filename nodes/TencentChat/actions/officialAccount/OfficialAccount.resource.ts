import type { INodeProperties } from 'n8n-workflow';

import * as addSubscribers from './addSubscribers.operation';
import * as get from './get.operation';
import * as getSubscribers from './getSubscribers.operation';
import * as removeSubscribers from './removeSubscribers.operation';
import * as updateSubscriber from './updateSubscriber.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
export const operations = { addSubscribers, removeSubscribers, getSubscribers, get, updateSubscriber };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['officialAccount'] } },
		options: Object.values(operations)
			.map((operation) => operation.option)
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'addSubscribers',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
