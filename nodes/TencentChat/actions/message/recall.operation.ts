import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recallMessage } from './api';
import { TencentChatError } from '../../client';
import { clientOptionFields, type FieldLimit, optionsField, readId } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import { RECIPIENT, toField } from './fields';
import { namingTheEnds, NOT_IMPORTED } from './history';
import { SENDER } from '../../fields/messageOptions';

export const option = {
	name: 'Recall',
	value: 'recall',
	description:
		'Recall a one-to-one message from both ends, by the key Send or Get History gave; irreversible',
	action: 'Recall a message',
} as const;

const properties: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		default: '',
		placeholder: 'e.g. support',
		description:
			"The message's sender; empty: the credential's Admin UserID, who sends when Send's From is empty",
	},
	{ ...toField, description: "The message's recipient" },
	{
		displayName: 'Message Key',
		name: 'msgKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.msgKey }}',
		description: 'The MsgKey that Send, Get History or a webhook gave',
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [option.value] } },
	properties,
);

// Tencent's MsgKeys are `seq_random_time`, some 30 characters; the page states no maximum (UNCONFIRMED).
const MSG_KEY: FieldLimit = { field: 'Message Key', maxBytes: 128 };
const NOT_FOUND = 20022;
const ALREADY_RECALLED = 20023;

type Input = { from?: string; to: string; msgKey: string };

const ends = namingTheEnds({ 90003: NOT_IMPORTED('To'), 90008: NOT_IMPORTED('From') });

/** 20022 and 20023 are outcomes of a recall; any other failure stays one. */
function settledFailure(error: unknown): IDataObject | Promise<never> {
	if (error instanceof TencentChatError && error.code === NOT_FOUND) return { status: 'notFound' };
	if (!(error instanceof TencentChatError) || error.code !== ALREADY_RECALLED) return ends(error);
	// Already recalled, after an attempt that may have done it: this run or an earlier one did.
	return error.mayHaveBeenApplied
		? { status: 'recalledOrAlreadyRecalled', ambiguous: true }
		: { status: 'alreadyRecalled' };
}

/** One run's operation; the credential's admin sent a message whose From was left empty. */
async function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<PerItemOperation<Input>> {
	const { identifier } = await context.getCredentials<{ identifier?: unknown }>('tencentChatApi');
	const admin = String(identifier ?? '').trim();
	const fromOf = itemParameterReader(context, 'from', items);
	const toOf = itemParameterReader(context, 'to', items);
	const keyOf = itemParameterReader(context, 'msgKey', items);
	return {
		read(_, itemIndex) {
			const from = fromOf(itemIndex);
			return {
				...(from === undefined || from === null || from === ''
					? {}
					: { from: readId(from, SENDER) }),
				to: readId(toOf(itemIndex), RECIPIENT),
				msgKey: readId(keyOf(itemIndex), MSG_KEY),
			};
		},
		async call(client, input, options) {
			const message = { from: input.from ?? admin, to: input.to, msgKey: input.msgKey };
			// An OK answer after an attempt that may have recalled it: that attempt did not, or Tencent would say 20023.
			const status = await recallMessage(client, message, options).then(
				() => ({ status: 'recalled' }),
				settledFailure,
			);
			return { ...message, ...status };
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
