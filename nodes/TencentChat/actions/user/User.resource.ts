import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../shapes/options';
import * as getOnlineStatus from './getOnlineStatus.operation';
import * as getProfile from './getProfile.operation';
import * as setProfile from './setProfile.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
export const operations = { getProfile, setProfile, getOnlineStatus };

export const description: INodeProperties[] = [
	operationField('user', operations, 'getProfile'),
	...Object.values(operations).flatMap((operation) => operation.description),
];
