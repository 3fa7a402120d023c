import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { appCallsPerSecond } from '../../../client';
import { BatchPlan, OutcomeBook } from '../../../helpers/batchPlan';
import { batchSizeOption, CLIENT_OPTIONS, readOptions } from '../../../fields';
import { createClient } from '../../../transport';
import { failureRouting } from '../output';
import type { BulkOperation, Outcome } from './contract';
import type { BulkJob } from './job';
import { BulkOutput } from './output';
import { planAndSend, planning } from './plan';
import { readRequests } from './readItems';
import { CallSender } from './send';
import { stoppedError } from './stopped';

// One bulk run from its items to its output items, one step after another: read every item, plan
// and send, settle, and either make the output or say why the run stopped.

export async function runBulk<R>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: BulkOperation<R>,
): Promise<INodeExecutionData[]> {
	const routing = failureRouting(this);
	const { batchSize, ...clientOptions } = readOptions(this, {
		batchSize: batchSizeOption(operation.command),
		...CLIENT_OPTIONS,
	});

	const { read, inputErrors } = readRequests(this, items, operation, routing);
	const plan = new BatchPlan(batchSize);
	const outcomes = new OutcomeBook<Outcome>();
	const job: BulkJob<R> = {
		context: this,
		itemCount: items.length,
		plan,
		outcomes,
		inputErrors,
		operation,
		routing,
	};
	const output = new BulkOutput(job);
	if (read.idCount > 0) {
		const large = read.idCount > planning.atOnce;
		const client = await createClient.call(this, clientOptions);
		const calls = new CallSender(this, client, outcomes, operation, {
			continueOnFail: routing.continueOnFail,
			maxRounds: clientOptions.maxRetries + 1,
			signal: this.getExecutionCancelSignal(),
			// A large job's output is made as its calls come back; a smaller one's at the end, for less memory.
			onSettled: large ? () => output.advance() : () => undefined,
		});
		await planAndSend(
			read,
			plan,
			calls,
			large ? appCallsPerSecond(operation.command) * batchSize : Number.POSITIVE_INFINITY,
		);
		const failure = await calls.finished();
		if (failure) throw stoppedError(job, failure);
	} else {
		plan.finish();
	}
	return output.finish();
}
