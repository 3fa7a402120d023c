import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getHistoryPage, type HistoryCursor } from './api';
import {
	clientOptionFields,
	InvalidInputError,
	optionsField,
	readId,
	readTime,
} from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { listFields, type ListOperation, runList } from '../shapes/list';
import { executeAs } from '../shapes/execute';
import { messageJson, namingTheEnds, NOT_IMPORTED, PEER_ID, peerField } from './history';
import { USER_ID, userField } from '../../fields/users';

export const option = {
	name: 'Get History',
	value: 'getHistory',
	description:
		'Get the messages of one conversation between two users, newest first, as one of them sees it',
	action: 'Get the history of a conversation',
} as const;

const displayOptions = { show: { resource: ['message'], operation: [option.value] } };

const properties: INodeProperties[] = [
	userField(
		'The user whose view of the conversation to read (what they cleared or deleted is not in it)',
	),
	peerField('The other user of the conversation'),
	optionsField([
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			default: '',
			description:
				'The oldest messages to get; empty: 7 days ago, as far back as Tencent keeps history by default',
		},
		{
			displayName: 'End Time',
			name: 'endTime',
			type: 'dateTime',
			default: '',
			description: 'The newest messages to get; empty: now',
		},
		...clientOptionFields,
	]),
];

export const description = [
	...updateDisplayOptions(displayOptions, properties.slice(0, 2)),
	...listFields(displayOptions),
	...updateDisplayOptions(displayOptions, properties.slice(2)),
];

const WEEK_SECONDS = 7 * 24 * 3600;

type Input = { userId: string; peerId: string; minTime: number; maxTime: number };

const ends = namingTheEnds({ 90003: NOT_IMPORTED('Peer ID'), 90008: NOT_IMPORTED('User ID') });

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): ListOperation<Input, HistoryCursor> {
	const userOf = itemParameterReader(context, 'userId', items);
	const peerOf = itemParameterReader(context, 'peerId', items);
	return {
		maxPageSize: COMMANDS.getHistoryPage.maxPerCall ?? 1,
		read(_, itemIndex) {
			const { startTime, endTime } = (context.getNodeParameter('options', itemIndex, {}) ?? {}) as {
				startTime?: unknown;
				endTime?: unknown;
			};
			const now = Math.floor(Date.now() / 1000);
			const maxTime = endTime === undefined || endTime === '' ? now : readTime(endTime, 'End Time');
			const minTime =
				startTime === undefined || startTime === ''
					? Math.max(0, maxTime - WEEK_SECONDS)
					: readTime(startTime, 'Start Time');
			if (minTime > maxTime)
				throw new InvalidInputError(
					'Start Time',
					'Start Time is after End Time: no message can be in that range',
				);
			return {
				userId: readId(userOf(itemIndex), USER_ID),
				peerId: readId(peerOf(itemIndex), PEER_ID),
				minTime,
				maxTime,
			};
		},
		async page(client, input, cursor, pageSize, options) {
			const page = await getHistoryPage(
				client,
				{ ...input, limit: pageSize, cursor },
				options,
			).catch(ends);
			return { entries: page.messages.map(messageJson), next: page.next };
		},
	};
}

export const execute = executeAs(runList, operationFor);
