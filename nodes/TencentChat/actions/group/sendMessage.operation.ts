import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type GroupMessage, sendGroupMessage } from './api';
import {
	type CallOptions,
	serviceText,
	type TencentChatClient,
	TencentChatError,
} from '../../client';
import {
	clientOptionFields,
	InvalidInputError,
	isoTime,
	MAX_USER_ID_BYTES,
	messageBodyFields,
	optionsField,
	readIdList,
	readMessageBody,
} from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import {
	cloudCustomDataOption,
	fromField,
	MESSAGE_PARAMETERS,
	offlinePushOptions,
	readCloudAndPush,
	readSender,
} from '../../fields/messageOptions';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { maybeDelivered } from '../shapes/delivery';
import { executeAs } from '../shapes/execute';
import { groupIdField, groupIdReader, isOn } from './fields';

/** The name alone would not say what it acts on. */
export const subtitle = 'Send Group Message';

export const option = {
	name: 'Send Message',
	value: 'sendMessage',
	description: 'Send a message into a group per item (40 a second for each group)',
	action: 'Send a message to a group',
} as const;

const properties: INodeProperties[] = [
	groupIdField,
	fromField,
	...messageBodyFields(),
	{
		displayName: 'Message Options',
		name: 'messageOptions',
		type: 'collection',
		placeholder: 'Add message option',
		default: {},
		options: [
			cloudCustomDataOption,
			{
				displayName: 'Mention All',
				name: 'mentionAll',
				type: 'boolean',
				default: false,
				description: 'Whether the message @mentions everyone (not in a Community)',
			},
			{
				displayName: 'Mention Member IDs',
				name: 'mentions',
				type: 'string',
				default: '',
				placeholder: 'e.g. user_1, user_2',
				description:
					'UserIDs the message @mentions, in the order they appear in the text; at most 30',
			},
			...offlinePushOptions('offline members get'),
			{
				displayName: 'Online Only',
				name: 'onlineOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether only members online now get it, and it is not kept in the history (not for AVChatRoom)',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: [
					{ name: 'High', value: 'High' },
					{ name: 'Normal', value: 'Normal' },
					{ name: 'Low', value: 'Low' },
				],
				default: 'Normal',
				description: 'Which messages Tencent drops last when a group sends more than it takes',
			},
		],
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

const MENTIONS = { field: 'Mention Member IDs', maxBytes: MAX_USER_ID_BYTES };
/** ERR 10053: at most 30 @ targets in a message. */
const MAX_MENTIONS = 30;
const PRIORITIES = ['High', 'Normal', 'Low'];

function readMessage(parameter: (name: string) => unknown): GroupMessage {
	const from = parameter('from');
	const options = (parameter('messageOptions') ?? {}) as Record<string, unknown>;
	const message: GroupMessage = { ...readSender(from), MsgBody: readMessageBody(parameter) };
	if (options.priority !== undefined) {
		if (!PRIORITIES.includes(options.priority as string))
			throw new InvalidInputError('Priority', 'Priority must be High, Normal or Low');
		message.MsgPriority = options.priority as GroupMessage['MsgPriority'];
	}
	if (isOn(options.onlineOnly)) message.OnlineOnlyFlag = 1;
	Object.assign(message, readCloudAndPush(options));
	const mentions =
		options.mentions === undefined || options.mentions === ''
			? []
			: readIdList(options.mentions, MENTIONS);
	const at = [
		...(isOn(options.mentionAll) ? [{ GroupAtAllFlag: 1 as const }] : []),
		...mentions.map((id) => ({ GroupAtAllFlag: 0 as const, GroupAt_Account: id })),
	];
	if (at.length > MAX_MENTIONS)
		throw new InvalidInputError(
			MENTIONS.field,
			`The message @mentions ${at.length} times; Tencent takes at most ${MAX_MENTIONS}`,
		);
	if (at.length > 0) message.GroupAtInfo = at;
	return message;
}

type Input = { group: string; message: GroupMessage };

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Input> {
	const groupOf = groupIdReader(context, items);
	const readers = Object.fromEntries(
		MESSAGE_PARAMETERS.map((name) => [name, itemParameterReader(context, name, items)]),
	);
	return {
		read: (_, itemIndex) => ({
			group: groupOf(itemIndex),
			message: readMessage((name) => readers[name](itemIndex)),
		}),
		async call(client, { group, message }, options) {
			const sent = await sendOneToGroup(client, group, message, options);
			// MsgDropReason: Tencent took the call but dropped the message under its frequency control
			// (doocs; UNCONFIRMED, §9.5). Not delivered: a failure, to send again.
			if (sent.status === 'dropped') {
				throw new TencentChatError(
					'MSG_DROPPED',
					`Tencent dropped the message: ${serviceText(sent.dropReason, 200)}`,
					{
						action: 'reject',
						hint: 'The group received more messages than Tencent takes; send this one again later.',
					},
				);
			}
			return sent;
		},
	};
}

/**
 * Sends one message into `group`, as Send Message and Send and Wait do: its output item, status
 * "sent", or "dropped" with Tencent's reason when it dropped the message under its frequency control.
 */
export async function sendOneToGroup(
	client: TencentChatClient,
	group: string,
	message: GroupMessage,
	options: CallOptions,
): Promise<IDataObject> {
	const sent = await sendGroupMessage(client, group, message, options).catch((error: unknown) =>
		Promise.reject(maybeDelivered(error, 'the group')),
	);
	return {
		group,
		...(message.From_Account !== undefined ? { from: message.From_Account } : {}),
		status: sent.dropReason !== undefined ? 'dropped' : 'sent',
		msgSeq: sent.msgSeq ?? null,
		msgTime: sent.msgTime === undefined ? null : isoTime(sent.msgTime),
		...(sent.dropReason !== undefined ? { dropReason: sent.dropReason } : {}),
		// Sent on a retry after an attempt that may have been delivered: every attempt carries the same
		// Random, by which Tencent drops the repeat (UNCONFIRMED for every case).
		...(sent.mayHaveBeenAppliedBefore ? { ambiguous: true } : {}),
	};
}

export const execute = executeAs(runPerItem, operationFor);
