import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getGroupMessagePage, type GroupHistoryMessage } from './api';
import { clientOptionFields, isoTime, optionsField } from '../../fields';
import { listFields, type ListOperation, runList } from '../shapes/list';
import { executeAs } from '../shapes/execute';
import { groupIdField, groupIdReader } from './fields';

/** The name alone would not say what it acts on. */
export const subtitle = 'Get Group Messages';

export const option = {
	name: 'Get Messages',
	value: 'getMessages',
	description: "Read a group's message history, newest first, 20 to a call",
	action: 'Get messages of a group',
} as const;

const displayOptions = { show: { resource: ['group'], operation: [option.value] } };

export const description: INodeProperties[] = [
	...updateDisplayOptions(displayOptions, [groupIdField]),
	...listFields(displayOptions),
	...updateDisplayOptions(displayOptions, [optionsField(clientOptionFields)]),
];

const PRIORITIES: Record<number, string> = { 1: 'High', 2: 'Normal', 3: 'Low', 4: 'Lowest' };

function messageJson(group: string, message: GroupHistoryMessage): IDataObject {
	return {
		group,
		msgSeq: message.MsgSeq,
		from: (message.From_Account as string | undefined) ?? null,
		msgTime: message.MsgTimeStamp === undefined ? null : isoTime(message.MsgTimeStamp),
		// IsPlaceMsg: 0 a message, 1 deleted or expired (no body), 2 recalled.
		state: message.IsPlaceMsg === 2 ? 'recalled' : message.IsPlaceMsg === 1 ? 'deleted' : 'normal',
		isSystemMessage: message.IsSystemMsg === 1,
		priority: PRIORITIES[message.MsgPriority as number] ?? null,
		random: (message.MsgRandom as number | undefined) ?? null,
		msgBody: Array.isArray(message.MsgBody) ? (message.MsgBody as IDataObject[]) : [],
		...(typeof message.CloudCustomData === 'string'
			? { cloudCustomData: message.CloudCustomData }
			: {}),
	};
}

/**
 * Pages by MsgSeq, newest first: the next page asks for MsgSeq ≤ (smallest returned − 1).
 * `IsFinished` speaks of the page asked for, not of the history (§1.1), so it is not the end: the
 * end is an empty page or MsgSeq 1.
 */
function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): ListOperation<string, number> {
	const groupOf = groupIdReader(context, items);
	return {
		maxPageSize: COMMANDS.getGroupMessagePage.maxPerCall ?? 20,
		read: (_, itemIndex) => groupOf(itemIndex),
		subject: (group) => ({ group }),
		async page(client, group, cursor, pageSize, options) {
			const page = await getGroupMessagePage(
				client,
				group,
				{ count: pageSize, upTo: cursor },
				options,
			);
			const newestFirst = [...page.messages].sort((a, b) => b.MsgSeq - a.MsgSeq);
			const smallest = newestFirst.at(-1)?.MsgSeq;
			// A page past its own cursor would loop: only a smaller seq goes on.
			const next =
				smallest === undefined || smallest <= 1 || (cursor !== undefined && smallest > cursor)
					? undefined
					: smallest - 1;
			return { entries: newestFirst.map((message) => messageJson(group, message)), next };
		},
	};
}

export const execute = executeAs(runList, operationFor);
