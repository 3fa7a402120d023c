import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';
import * as sendToMany from './sendToMany.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
export const operations = { send, sendToMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: Object.values(operations)
			.map((operation) => operation.option)
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'send',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
