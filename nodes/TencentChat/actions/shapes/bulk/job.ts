import type { IExecuteFunctions } from 'n8n-workflow';

import type { BatchPlan, OutcomeBook } from '../../../helpers/batchPlan';
import type { FailureRouting, InputFailure } from '../output';
import type { BulkOperation, Outcome } from './contract';

// One bulk run as its output and its stop message read it: made once the items are read, and
// filled in by planning and by the calls' answers while it runs.

export interface BulkJob<R> {
	context: IExecuteFunctions;
	/** Input items, read or not: the output gives each its place. */
	itemCount: number;
	plan: BatchPlan;
	outcomes: OutcomeBook<Outcome>;
	/** Items that could not be read under Continue On Fail, by item index, for the output to report. */
	inputErrors: Map<number, InputFailure>;
	operation: BulkOperation<R>;
	routing: FailureRouting;
}
