import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../shapes/options';
import * as addMembers from './addMembers.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as removeMembers from './removeMembers.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
export const operations = {
	create,
	get,
	addMembers,
	removeMembers,
};

export const description: INodeProperties[] = [
	operationField('group', operations, 'create'),
	...Object.values(operations).flatMap((operation) => operation.description),
];

export { searchGroups } from './searchGroups';
