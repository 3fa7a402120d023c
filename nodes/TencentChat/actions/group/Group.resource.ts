import { defineResource } from '../shapes/resource';
import { COMMANDS } from './api';
import { searchGroups } from './searchGroups';
import * as addMembers from './addMembers.operation';
import * as changeOwner from './changeOwner.operation';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getJoinedGroups from './getJoinedGroups.operation';
import * as getMany from './getMany.operation';
import * as getMembers from './getMembers.operation';
import * as getMessages from './getMessages.operation';
import * as muteMembers from './muteMembers.operation';
import * as recallMessages from './recallMessages.operation';
import * as removeMembers from './removeMembers.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendMessage from './sendMessage.operation';
import * as sendNotification from './sendNotification.operation';
import * as update from './update.operation';
import * as updateMember from './updateMember.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
const operations = {
	create,
	get,
	getMany,
	update,
	delete: deleteOperation,
	addMembers,
	removeMembers,
	getMembers,
	getJoinedGroups,
	updateMember,
	muteMembers,
	changeOwner,
	sendMessage,
	sendAndWait,
	sendNotification,
	recallMessages,
	getMessages,
};

export const resource = defineResource({
	name: 'Group',
	value: 'group',
	operations,
	defaultOperation: 'create',
	commands: COMMANDS,
	listSearch: { searchGroups },
});
