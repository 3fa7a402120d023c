import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getUnreadByPeer, getUnreadTotal } from './api';
import {
	clientOptionFields,
	type FieldLimit,
	optionsField,
	readId,
	readIdList,
} from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import { namingTheEnds, NOT_IMPORTED } from './history';
import { USER_ID, userField } from '../../fields/users';

export const option = {
	name: 'Get Unread Count',
	value: 'getUnreadCount',
	description: "A user's unread one-to-one messages: in all, or from each of the peers given",
	action: 'Get unread message count',
} as const;

const properties: INodeProperties[] = [
	userField('The user whose unread messages to count'),
	{
		displayName: 'Peer IDs',
		name: 'peerIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. support, sales',
		description:
			'Count per conversation with these users: one ID, several separated by commas, or an expression that returns an array; one output item each. Empty: one item with the total.',
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [option.value] } },
	properties,
);

const PEER_IDS: FieldLimit = { field: 'Peer IDs', maxBytes: 32 };
const PEERS_PER_CALL = COMMANDS.getUnreadCount.maxPerCall ?? 1;

type Input = { userId: string; peerIds?: string[] };

const ends = namingTheEnds({ 90003: NOT_IMPORTED('User ID') });

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Input> {
	const userOf = itemParameterReader(context, 'userId', items);
	const peersOf = itemParameterReader(context, 'peerIds', items);
	return {
		read(_, itemIndex) {
			const peers = peersOf(itemIndex);
			const none = peers === undefined || peers === null || peers === '';
			return {
				userId: readId(userOf(itemIndex), USER_ID),
				...(none ? {} : { peerIds: [...new Set(readIdList(peers, PEER_IDS))] }),
			};
		},
		async call(client, { userId, peerIds }, options) {
			// A count Tencent gives that is no count is null, not a failure of the call.
			if (peerIds === undefined)
				return {
					userId,
					unreadCount: (await getUnreadTotal(client, userId, options).catch(ends)) ?? null,
				};
			const counts: IDataObject[] = [];
			// Tencent takes 10 peers a call: an item with more makes one call per 10, one after the other.
			for (let start = 0; start < peerIds.length; start += PEERS_PER_CALL) {
				const chunk = peerIds.slice(start, start + PEERS_PER_CALL);
				const results = await getUnreadByPeer(client, userId, chunk, options).catch(ends);
				for (const peerId of chunk) {
					const result = results.get(peerId);
					if (typeof result === 'number') counts.push({ userId, peerId, unreadCount: result });
					else if (result?.errorCode === 70107)
						counts.push({ userId, peerId, unreadCount: null, status: 'notImported' });
					else if (result !== undefined)
						counts.push({
							userId,
							peerId,
							unreadCount: null,
							status: 'failed',
							errorCode: result.errorCode,
							errorInfo: 'Tencent could not count this conversation',
						});
					else
						counts.push({
							userId,
							peerId,
							unreadCount: null,
							status: 'failed',
							errorCode: 'MISSING_RESULT',
							errorInfo: 'Tencent answered OK but gave no count for this peer',
						});
				}
			}
			return counts;
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
