import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getOfficialAccountMessagePage, type HistoryMessage } from './api';
import { clientOptionFields, isoTime, optionsField, readId } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { executeAs } from '../shapes/execute';
import { listFields, type ListOperation, runList } from '../shapes/list';
import { OFFICIAL_ACCOUNT_ID, officialAccountIdField } from './fields';

export const option = {
	name: 'Get Messages',
	value: 'getMessages',
	description: "Get an official account's messages, newest first, 20 to a call",
	action: 'Get messages of an official account',
} as const;

const displayOptions = { show: { resource: ['officialAccount'], operation: [option.value] } };

const properties: INodeProperties[] = [
	officialAccountIdField,
	optionsField([
		{
			displayName: 'Include Recalled Messages',
			name: 'withRecalled',
			type: 'boolean',
			default: false,
			description: "Whether to include messages that were recalled (Tencent's WithRecalledMsg)",
		},
		...clientOptionFields,
	]),
];

export const description = [
	...updateDisplayOptions(displayOptions, properties.slice(0, 1)),
	...listFields(displayOptions),
	...updateDisplayOptions(displayOptions, properties.slice(1)),
];

type Input = { officialAccount: string; withRecalled: boolean };

function toJson(officialAccount: string, message: HistoryMessage): IDataObject {
	return {
		officialAccount,
		msgKey: message.MsgKey,
		msgSeq: message.MsgSeq,
		msgTime: isoTime(message.MsgTimeStamp),
		from: message.From_Account,
		// Tencent's IsPlaceMsg 1: a place holder for a message that expired, failed or was deleted.
		isPlaceholder: message.IsPlaceMsg === 1,
		msgBody: message.MsgBody as IDataObject[],
		...(message.CloudCustomData !== undefined
			? { cloudCustomData: message.CloudCustomData as string }
			: {}),
	};
}

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): ListOperation<Input, string> {
	const officialAccountOf = itemParameterReader(context, 'officialAccountId', items);
	return {
		maxPageSize: COMMANDS.getOfficialAccountMessagePage.maxPerCall ?? 1,
		read(_, itemIndex) {
			const { withRecalled } = (context.getNodeParameter('options', itemIndex, {}) ?? {}) as {
				withRecalled?: unknown;
			};
			return {
				officialAccount: readId(officialAccountOf(itemIndex), OFFICIAL_ACCOUNT_ID),
				withRecalled: withRecalled === true || withRecalled === 'true',
			};
		},
		async page(client, { officialAccount, withRecalled }, lastMsgKey, pageSize, options) {
			const page = await getOfficialAccountMessagePage(
				client,
				officialAccount,
				{ limit: pageSize, lastMsgKey, withRecalled },
				options,
			);
			return {
				entries: page.messages.map((message) => toJson(officialAccount, message)),
				next: page.next,
			};
		},
	};
}

export const execute = executeAs(runList, operationFor);
