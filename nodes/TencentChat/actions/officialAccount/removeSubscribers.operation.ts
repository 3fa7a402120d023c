import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, removeSubscribers, type SubscriberResult } from './api';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
import { executeAs } from '../shapes/execute';
import { batchSizeField, clientOptionFields, optionsField } from '../shapes/options';
import {
	OFFICIAL_ACCOUNT_ID,
	officialAccountIdField,
	SUBSCRIBER_IDS,
	subscriberIdsField,
} from './fields';

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

const REMOVED = freeze({ result: 1, status: 'removed' });
const NOT_SUBSCRIBED = freeze({ result: 2, status: 'notSubscribed' });
// A retry after a call that may have been carried out finds the subscriber gone: this run or before it?
const REMOVED_OR_NOT_SUBSCRIBED = freeze({
	result: 2,
	status: 'removedOrNotSubscribed',
	ambiguous: true,
});
const NOT_REMOVED_INFO =
	'Tencent answered Result 0 (failed) for this subscriber without a reason; check that the UserID exists';
const NOT_REMOVED = freeze(
	{ result: 0, status: 'failed', errorCode: 'NOT_REMOVED', errorInfo: NOT_REMOVED_INFO },
	{ code: 'NOT_REMOVED', info: NOT_REMOVED_INFO },
);

function operationFor(): BulkOperation<SubscriberResult> {
	return {
		command: COMMANDS.removeSubscribers,
		key: {
			parameter: 'officialAccountId',
			outputName: 'officialAccount',
			rule: OFFICIAL_ACCOUNT_ID,
		},
		ids: {
			parameter: 'subscriberIds',
			outputName: 'subscriber',
			rule: SUBSCRIBER_IDS,
			noun: 'subscribers',
		},
		send: removeSubscribers,
		outcome(result, afterMaybeApplied) {
			if (result === 1) return REMOVED;
			if (result === 2) return afterMaybeApplied ? REMOVED_OR_NOT_SUBSCRIBED : NOT_SUBSCRIBED;
			return NOT_REMOVED;
		},
		failedFields: { result: 0 },
		rerun:
			'Running the node again is safe: subscribers already removed come back as "notSubscribed".',
	};
}

export const execute = executeAs(runBulk, operationFor);
