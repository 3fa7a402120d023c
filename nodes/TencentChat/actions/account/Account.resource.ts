import { defineResource } from '../shapes/resource';
import { COMMANDS } from './api';
import * as check from './check.operation';
import * as deleteAccounts from './delete.operation';
import * as importAccounts from './import.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
const operations = { import: importAccounts, check, delete: deleteAccounts };

export const resource = defineResource({
	name: 'Account',
	value: 'account',
	operations,
	defaultOperation: 'import',
	commands: COMMANDS,
});
