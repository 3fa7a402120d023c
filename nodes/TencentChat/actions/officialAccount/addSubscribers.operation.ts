import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { addSubscribers, COMMANDS, type SubscriberResult } from './api';
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

const ADDED = freeze({ result: 1, status: 'added' });
const ALREADY_SUBSCRIBED = freeze({ result: 2, status: 'alreadySubscribed' });
// A retry after a call that may have been carried out finds the subscriber there: this run or an earlier one?
const ADDED_OR_ALREADY_SUBSCRIBED = freeze({
	result: 2,
	status: 'addedOrAlreadySubscribed',
	ambiguous: true,
});
const NOT_ADDED_INFO =
	'Tencent answered Result 0 (failed) for this subscriber without a reason; check that the UserID exists';
const NOT_ADDED = freeze(
	{ result: 0, status: 'failed', errorCode: 'NOT_ADDED', errorInfo: NOT_ADDED_INFO },
	{ code: 'NOT_ADDED', info: NOT_ADDED_INFO },
);

export function operationFor(): BulkOperation<SubscriberResult> {
	return {
		command: COMMANDS.addSubscribers,
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
		send: addSubscribers,
		outcome(result, afterMaybeApplied) {
			if (result === 1) return ADDED;
			if (result === 2) return afterMaybeApplied ? ADDED_OR_ALREADY_SUBSCRIBED : ALREADY_SUBSCRIBED;
			return NOT_ADDED;
		},
		failedFields: { result: 0 },
		rerun:
			'Running the node again is safe: subscribers already added come back as "alreadySubscribed".',
	};
}

export const execute = executeAs(runBulk, operationFor);
