import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, removeSubscribers, type SubscriberResult } from './api';
import { type BulkOperation, runBulk } from '../shapes/bulk';
import { executeAs } from '../shapes/execute';
import { batchSizeField, clientOptionFields, optionsField } from '../../fields';
import { officialAccountIdField, subscriberIdsField } from './fields';
import { subscriberChange } from './subscriberChange';

export const option = {
	name: 'Remove Subscribers',
	value: 'removeSubscribers',
	description: 'Unsubscribe users from an official account, 100 to a call',
	action: 'Remove subscribers from an official account',
} as const;

const properties: INodeProperties[] = [
	officialAccountIdField,
	subscriberIdsField('unsubscribe'),
	optionsField([batchSizeField(COMMANDS.removeSubscribers, 'Subscribers'), ...clientOptionFields]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['officialAccount'], operation: [option.value] } },
	properties,
);

const REMOVE_SUBSCRIBERS = subscriberChange({
	command: COMMANDS.removeSubscribers,
	send: removeSubscribers,
	statuses: { done: 'removed', already: 'notSubscribed', doneOrAlready: 'removedOrNotSubscribed' },
	failedCode: 'NOT_REMOVED',
	rerun:
		'Running the node again is safe: subscribers already removed come back as "notSubscribed".',
});

function operationFor(): BulkOperation<SubscriberResult> {
	return REMOVE_SUBSCRIBERS;
}

export const execute = executeAs(runBulk, operationFor);
