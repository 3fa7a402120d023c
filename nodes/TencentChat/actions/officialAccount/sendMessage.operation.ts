import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type Broadcast, sendOfficialAccountMessage } from '../../client';
import { readId } from '../../helpers/ids';
import { MAX_MESSAGE_BYTES } from '../../helpers/messageBody';
import { parameterReader } from '../../helpers/itemParameters';
import { readText } from '../../helpers/text';
import { messageBodyFields, readMessageBody } from '../messageBody';
import { clientOptionFields, optionsField } from '../shapes/options';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { isoTime, OFFICIAL_ACCOUNT_ID, officialAccountIdField } from './fields';

export const option = {
	name: 'Send Message',
	value: 'sendMessage',
	description: 'Broadcast a message to every subscriber of an official account (at most 2 an hour per account)',
	action: 'Send a message from an official account',
} as const;

const LIMITS =
	'Tencent lets each official account send 1 message a second and at most 2 broadcasts an hour; the node waits for the second, and fails an item at once when the hour\'s 2 are used. Identical content sent within 5 minutes is dropped as a duplicate.';

const properties: INodeProperties[] = [
	{ ...officialAccountIdField, description: `The official account that sends, to all its subscribers. ${LIMITS}` },
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
			description: 'Whether only subscribers online now receive it, without it being stored (OnlineOnlyFlag)',
		},
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['officialAccount'], operation: [option.value] } }, properties);

const CLOUD_CUSTOM_DATA = { field: 'Cloud Custom Data', maxBytes: MAX_MESSAGE_BYTES };

export const operation: PerItemOperation<Broadcast> = {
	read(context, itemIndex, items) {
		const officialAccount = readId(parameterReader(context, 'officialAccountId', items)(itemIndex), OFFICIAL_ACCOUNT_ID);
		const msgBody = readMessageBody((name) => parameterReader(context, name, items)(itemIndex));
		const { cloudCustomData, onlineOnly } = (context.getNodeParameter('options', itemIndex, {}) ?? {}) as Record<string, unknown>;
		return {
			officialAccount,
			msgBody,
			cloudCustomData: cloudCustomData === undefined || cloudCustomData === '' ? undefined : readText(cloudCustomData, CLOUD_CUSTOM_DATA),
			onlineOnly: onlineOnly === true || onlineOnly === 'true',
		};
	},
	async call(client, broadcast, options) {
		const sent = await sendOfficialAccountMessage(client, broadcast, options);
		return {
			officialAccount: broadcast.officialAccount,
			msgKey: sent.msgKey,
			msgTime: isoTime(sent.msgTime),
			sent: true,
			// An earlier attempt may have been carried out: Tencent may have dropped this one as its duplicate, or not.
			...(sent.mayHaveBeenAppliedBefore ? { ambiguous: true } : {}),
		};
	},
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, operation);
}
