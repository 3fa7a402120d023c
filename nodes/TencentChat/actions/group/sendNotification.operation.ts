import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, sendGroupNotification } from './api';
import {
	clientOptionFields,
	type FieldLimit,
	InvalidInputError,
	MAX_MESSAGE_BYTES,
	MAX_USER_ID_BYTES,
	optionsField,
	readIdList,
	readText,
} from '../../fields';
import { parameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import { groupIdField, groupIdReader } from './fields';

export const option = {
	name: 'Send Notification',
	value: 'sendNotification',
	description: "Send a system notification to a group's members, or to up to 500 of them",
	action: 'Send a notification to a group',
} as const;

const properties: INodeProperties[] = [
	groupIdField,
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. {"event": "deal_closed"}',
		description:
			"What the members' apps receive (in onReceiveRESTCustomData); it is not kept in the history",
	},
	{
		displayName: 'Recipient IDs',
		name: 'recipientIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. user_1, user_2',
		description:
			'Up to 500 members to notify; left empty, everyone is (an AVChatRoom only takes everyone)',
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

const CONTENT: FieldLimit = { field: 'Content', maxBytes: MAX_MESSAGE_BYTES };
const RECIPIENTS: FieldLimit = { field: 'Recipient IDs', maxBytes: MAX_USER_ID_BYTES };
const MAX_RECIPIENTS = COMMANDS.sendGroupNotification.maxPerCall ?? 500;

type Input = { group: string; content: string; recipients?: string[] };

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Input> {
	const groupOf = groupIdReader(context, items);
	const contentOf = parameterReader(context, 'content', items);
	const recipientsOf = parameterReader(context, 'recipientIds', items);
	return {
		read(_, itemIndex) {
			const content = readText(contentOf(itemIndex), CONTENT);
			if (content.trim() === '')
				throw new InvalidInputError(
					CONTENT.field,
					'Content is empty: a notification needs some content',
				);
			const raw = recipientsOf(itemIndex);
			const recipients =
				raw === undefined || raw === null || raw === ''
					? undefined
					: [...new Set(readIdList(raw, RECIPIENTS))];
			// ToMembers_Account ≤500 (OAS only, §9.7: UNCONFIRMED).
			if (recipients !== undefined && recipients.length > MAX_RECIPIENTS) {
				throw new InvalidInputError(
					RECIPIENTS.field,
					`Recipient IDs holds ${recipients.length} IDs; Tencent takes at most ${MAX_RECIPIENTS}: leave it empty to notify everyone`,
				);
			}
			return { group: groupOf(itemIndex), content, recipients };
		},
		async call(client, { group, content, recipients }, options) {
			const sent = await sendGroupNotification(client, group, content, recipients, options);
			return {
				group,
				status: 'sent',
				recipients: recipients === undefined ? 'all' : recipients.length,
				...(sent.mayHaveBeenAppliedBefore ? { ambiguous: true } : {}),
			};
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
