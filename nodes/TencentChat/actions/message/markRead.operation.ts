import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { markRead } from './api';
import { clientOptionFields, isoTime, optionsField, readId, readTime } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import { namingTheEnds, NOT_IMPORTED, PEER_ID, peerField } from './history';
import { USER_ID, userField } from '../../fields/users';

export const option = {
	name: 'Mark Read',
	value: 'markRead',
	description: 'Mark what one user received from another as read, up to a time',
	action: 'Mark a conversation as read',
} as const;

const properties: INodeProperties[] = [
	userField('The reader: the user who received the messages'),
	peerField('The user who sent them'),
	optionsField([
		{
			displayName: 'Read Until',
			name: 'readUntil',
			type: 'dateTime',
			default: '',
			description: "Messages sent up to this time are read; empty: now, by Tencent's clock",
		},
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [option.value] } },
	properties,
);

type Input = { userId: string; peerId: string; readTime?: number };

const ends = namingTheEnds({ 90003: NOT_IMPORTED('Peer ID'), 90008: NOT_IMPORTED('User ID') });

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Input> {
	const userOf = itemParameterReader(context, 'userId', items);
	const peerOf = itemParameterReader(context, 'peerId', items);
	return {
		read(_, itemIndex) {
			const { readUntil } = (context.getNodeParameter('options', itemIndex, {}) ?? {}) as {
				readUntil?: unknown;
			};
			return {
				userId: readId(userOf(itemIndex), USER_ID),
				peerId: readId(peerOf(itemIndex), PEER_ID),
				...(readUntil === undefined || readUntil === ''
					? {}
					: { readTime: readTime(readUntil, 'Read Until') }),
			};
		},
		// Marking read again moves nothing back: a retry, or a re-run, is safe.
		async call(client, input, options) {
			await markRead(client, input, options).catch(ends);
			return {
				userId: input.userId,
				peerId: input.peerId,
				status: 'markedRead',
				...(input.readTime !== undefined ? { readUntil: isoTime(input.readTime) } : {}),
			};
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
