import { defineResource } from '../shapes/resource';
import { COMMANDS } from './api';
import * as getOnlineStatus from './getOnlineStatus.operation';
import * as getProfile from './getProfile.operation';
import * as setProfile from './setProfile.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
const operations = { getProfile, setProfile, getOnlineStatus };

export const resource = defineResource({
	name: 'User',
	value: 'user',
	operations,
	defaultOperation: 'getProfile',
	commands: COMMANDS,
});
