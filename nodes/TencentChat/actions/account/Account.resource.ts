import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../shapes/options';
import * as check from './check.operation';
import * as deleteAccounts from './delete.operation';
import * as importAccounts from './import.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
export const operations = { import: importAccounts, check, delete: deleteAccounts };

export const description: INodeProperties[] = [
	operationField('account', operations, 'import'),
	...Object.values(operations).flatMap((operation) => operation.description),
];
