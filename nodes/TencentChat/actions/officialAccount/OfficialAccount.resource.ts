import { defineResource } from '../shapes/resource';
import { COMMANDS } from './api';
import * as addSubscribers from './addSubscribers.operation';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getMessages from './getMessages.operation';
import * as getSubscribers from './getSubscribers.operation';
import * as getSubscriptions from './getSubscriptions.operation';
import * as recallMessages from './recallMessages.operation';
import * as removeSubscribers from './removeSubscribers.operation';
import * as sendMessage from './sendMessage.operation';
import * as update from './update.operation';
import * as updateSubscriber from './updateSubscriber.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
const operations = {
	addSubscribers,
	removeSubscribers,
	getSubscribers,
	get,
	updateSubscriber,
	create,
	update,
	delete: deleteOperation,
	getSubscriptions,
	sendMessage,
	recallMessages,
	getMessages,
};

export const resource = defineResource({
	name: 'Official Account',
	value: 'officialAccount',
	operations,
	defaultOperation: 'addSubscribers',
	commands: COMMANDS,
});
