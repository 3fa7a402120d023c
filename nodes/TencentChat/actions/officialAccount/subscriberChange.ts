import type { Command } from '../../client';
import { type BulkOperation, freeze } from '../shapes/bulk';
import type { SubscriberResult } from './api';
import { OFFICIAL_ACCOUNT_ID, SUBSCRIBER_IDS } from './fields';

// Add Subscribers and Remove Subscribers are one call shape: subscriber IDs keyed by official
// account, and per subscriber Tencent's Result 1 (done), 2 (already so) or 0 (failed, no reason).

export interface SubscriberChange {
	command: Command;
	send: BulkOperation<SubscriberResult>['send'];
	/** Result 1, Result 2, and Result 2 after an attempt that may have been carried out. */
	statuses: { done: string; already: string; doneOrAlready: string };
	/** The error code of Result 0. */
	failedCode: string;
	rerun: string;
}

const FAILED_INFO =
	'Tencent answered Result 0 (failed) for this subscriber without a reason; check that the UserID exists';

/** The bulk operation of a change; its outcomes made once, shared by every subscriber. */
export function subscriberChange(change: SubscriberChange): BulkOperation<SubscriberResult> {
	const done = freeze({ result: 1, status: change.statuses.done });
	const already = freeze({ result: 2, status: change.statuses.already });
	// A retry after a call that may have been carried out finds it so: this run or an earlier one?
	const doneOrAlready = freeze({
		result: 2,
		status: change.statuses.doneOrAlready,
		ambiguous: true,
	});
	const failed = freeze(
		{ result: 0, status: 'failed', errorCode: change.failedCode, errorInfo: FAILED_INFO },
		{ code: change.failedCode, info: FAILED_INFO },
	);
	return {
		command: change.command,
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
		send: change.send,
		outcome(result, afterMaybeApplied) {
			if (result === 1) return done;
			if (result === 2) return afterMaybeApplied ? doneOrAlready : already;
			return failed;
		},
		failedFields: { result: 0 },
		rerun: change.rerun,
	};
}
