import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { addSubscribers, COMMANDS, type SubscriberResult } from './api';
import { type BulkOperation, runBulk } from '../shapes/bulk';
import { executeAs } from '../shapes/execute';
import { batchSizeField, clientOptionFields, optionsField } from '../../fields';
import { officialAccountIdField, subscriberIdsField } from './fields';
import { subscriberChange } from './subscriberChange';

export const option = {
	name: 'Add Subscribers',
	value: 'addSubscribers',
	description: 'Subscribe users to an official account, 100 to a call',
	action: 'Add subscribers to an official account',
} as const;

const properties: INodeProperties[] = [
	officialAccountIdField,
	subscriberIdsField('subscribe'),
	optionsField([batchSizeField(COMMANDS.addSubscribers, 'Subscribers'), ...clientOptionFields]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['officialAccount'], operation: [option.value] } },
	properties,
);

const ADD_SUBSCRIBERS = subscriberChange({
	command: COMMANDS.addSubscribers,
	send: addSubscribers,
	statuses: {
		done: 'added',
		already: 'alreadySubscribed',
		doneOrAlready: 'addedOrAlreadySubscribed',
	},
	failedCode: 'NOT_ADDED',
	rerun:
		'Running the node again is safe: subscribers already added come back as "alreadySubscribed".',
});

export function operationFor(): BulkOperation<SubscriberResult> {
	return ADD_SUBSCRIBERS;
}

export const execute = executeAs(runBulk, operationFor);
