import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../shapes/options';
import * as getHistory from './getHistory.operation';
import * as getUnreadCount from './getUnreadCount.operation';
import * as markRead from './markRead.operation';
import * as recall from './recall.operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendToMany from './sendToMany.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
export const operations = {
	send,
	sendToMany,
	sendAndWait,
	getHistory,
	recall,
	markRead,
	getUnreadCount,
};

export const description: INodeProperties[] = [
	operationField('message', operations, 'send'),
	...Object.values(operations).flatMap((operation) => operation.description),
];
