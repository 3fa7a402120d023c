import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type Broadcast, sendOfficialAccountMessage } from './api';
import {
	clientOptionFields,
	isoTime,
	MAX_MESSAGE_BYTES,
	messageBodyFields,
	optionsField,
	readId,
	readMessageBody,
	readText,
} from '../../fields';
import { itemParameterReader, itemParameterReaders } from '../../helpers/itemParameters';
import { executeAs } from '../shapes/execute';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { OFFICIAL_ACCOUNT_ID, officialAccountIdField } from './fields';

/** The name alone would not say what it acts on. */
export const subtitle = 'Broadcast Message';

export const option = {
	name: 'Send Message',
	value: 'sendMessage',
	description:
		'Broadcast a message to every subscriber of an official account (at most 2 an hour per account)',
	action: 'Send a message from an official account',
} as const;

const properties: INodeProperties[] = [
	{
		displayName:
			"Tencent's limits for each official account: 1 message a second (the node waits) and 2 broadcasts an hour (an item past them fails at once, saying when the next is possible). Identical content within 5 minutes is dropped as a duplicate. Running the node again sends every message again.",
		name: 'sendMessageLimits',
		type: 'notice',
		default: '',
	},
	{
		...officialAccountIdField,
		description: 'The official account that sends, to all its subscribers',
	},
	...messageBodyFields(),
	optionsField([
		{
			displayName: 'Cloud Custom Data',
			name: 'cloudCustomData',
			type: 'string',
			default: '',
			description: 'Data of your own stored with the message (CloudCustomData)',
		},
		{
			displayName: 'Online Only',
			name: 'onlineOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether only subscribers online now receive it, without it being stored (OnlineOnlyFlag)',
		},
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['officialAccount'], operation: [option.value] } },
	properties,
);

const CLOUD_CUSTOM_DATA = { field: 'Cloud Custom Data', maxBytes: MAX_MESSAGE_BYTES };

export function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Broadcast> {
	const officialAccountOf = itemParameterReader(context, 'officialAccountId', items);
	const parameter = itemParameterReaders(context, items);
	return {
		read(_, itemIndex) {
			const officialAccount = readId(officialAccountOf(itemIndex), OFFICIAL_ACCOUNT_ID);
			const msgBody = readMessageBody((name) => parameter(name, itemIndex));
			const { cloudCustomData, onlineOnly } = (context.getNodeParameter('options', itemIndex, {}) ??
				{}) as Record<string, unknown>;
			return {
				officialAccount,
				msgBody,
				cloudCustomData:
					cloudCustomData === undefined || cloudCustomData === ''
						? undefined
						: readText(cloudCustomData, CLOUD_CUSTOM_DATA),
				onlineOnly: onlineOnly === true || onlineOnly === 'true',
			};
		},
		async call(client, broadcast, options) {
			const sent = await sendOfficialAccountMessage(client, broadcast, options);
			return {
				officialAccount: broadcast.officialAccount,
				status: 'sent',
				msgKey: sent.msgKey,
				msgTime: isoTime(sent.msgTime),
				// An earlier attempt may have been carried out: Tencent may have dropped this one as its duplicate, or not.
				...(sent.mayHaveBeenAppliedBefore ? { ambiguous: true } : {}),
			};
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
