import type { INodeProperties } from 'n8n-workflow';

import * as addSubscribers from './addSubscribers.operation';

/** Each operation of the resource: its fields and its `execute`. A new operation is one file and one line here. */
export const operations = { addSubscribers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['officialAccount'] } },
		options: [
			{
				name: 'Add Subscribers',
				value: 'addSubscribers',
				description: 'Subscribe users to an official account, 100 to a call',
				action: 'Add subscribers to an official account',
			},
		],
		default: 'addSubscribers',
	},
	...addSubscribers.description,
];
