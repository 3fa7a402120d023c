import { defineResource } from '../shapes/resource';
import { COMMANDS } from './api';
import * as getHistory from './getHistory.operation';
import * as getUnreadCount from './getUnreadCount.operation';
import * as markRead from './markRead.operation';
import * as recall from './recall.operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendToMany from './sendToMany.operation';

/** Every operation of the resource: its option, fields and `execute`. A new operation is one file and one line here. */
const operations = {
	send,
	sendToMany,
	sendAndWait,
	getHistory,
	recall,
	markRead,
	getUnreadCount,
};

export const resource = defineResource({
	name: 'Message',
	value: 'message',
	operations,
	defaultOperation: 'send',
	commands: COMMANDS,
});
