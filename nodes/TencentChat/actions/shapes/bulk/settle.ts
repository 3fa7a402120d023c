import { type CallOptions, type TencentChatClient, TencentChatError } from '../../../client';
import type { Batch, OutcomeBook } from '../../../helpers/batchPlan';
import { type BulkOperation, freeze, type Outcome } from './contract';

// Settling one call's IDs from its answers: each ID's result through the operation, the IDs an OK
// answer leaves out asked again, and what an ID comes to when no round says.

const UNSETTLED: Outcome = Object.freeze({
	fields: Object.freeze({
		status: 'unknown',
		ambiguous: true,
		errorCode: 'MISSING_RESULT',
		errorInfo:
			'Tencent answered OK but gave no result for this ID, also when asked again; the call may have been carried out',
	}),
	failure: {
		code: 'MISSING_RESULT',
		info: 'Tencent gave no result for this ID; the call may have been carried out',
	},
});

/**
 * One batch to its end: IDs an OK answer leaves out are asked again, as a call that may have been
 * carried out, until every ID is settled or the rounds run out.
 */
export async function settleBatch<R>(
	client: TencentChatClient,
	batch: Batch,
	outcomes: OutcomeBook<Outcome>,
	operation: BulkOperation<R>,
	maxRounds: number,
	options: CallOptions,
): Promise<void> {
	// IDs still to settle and their positions in the batch; the first round asks for all of them.
	let ids = batch.ids;
	let positions: number[] | undefined;
	for (let round = 1; ; round++) {
		const answer = await operation.send(client, batch.key, ids, options).catch((error: unknown) => {
			// An earlier round's OK answer may have carried these IDs out without saying so.
			if (error instanceof TencentChatError && round > 1) error.mayHaveBeenApplied = true;
			return Promise.reject(error);
		});
		const afterMaybeApplied = answer.mayHaveBeenAppliedBefore || round > 1;
		const unsettledIds: string[] = [];
		const unsettledPositions: number[] = [];
		ids.forEach((id, index) => {
			const position = positions === undefined ? index : positions[index];
			const result = answer.results.get(id);
			if (result !== undefined)
				outcomes.record(
					batch,
					position,
					maybeAfterAll(operation.outcome(result, afterMaybeApplied), afterMaybeApplied),
				);
			else if (operation.leftOut && answer.wholeList)
				outcomes.record(batch, position, operation.leftOut);
			else {
				unsettledIds.push(id);
				unsettledPositions.push(position);
			}
		});
		if (unsettledIds.length === 0) return;
		if (round >= maxRounds || options.stopStarting?.aborted) {
			for (const position of unsettledPositions) outcomes.record(batch, position, UNSETTLED);
			return;
		}
		ids = unsettledIds;
		positions = unsettledPositions;
	}
}

const ambiguousOutcomes = new WeakMap<Outcome, Outcome>();

/**
 * A failure answered after an attempt that may have been carried out cannot tell whether that
 * attempt did it (a recall retried after a 502 that then answers "already recalled"): it stays
 * failed, and says `ambiguous`, for every operation alike. One shared outcome per failure.
 */
function maybeAfterAll(outcome: Outcome, afterMaybeApplied: boolean): Outcome {
	if (!afterMaybeApplied || outcome.failure === undefined || outcome.fields.ambiguous === true)
		return outcome;
	let ambiguous = ambiguousOutcomes.get(outcome);
	if (ambiguous === undefined) {
		ambiguous = freeze({ ...outcome.fields, ambiguous: true }, outcome.failure);
		ambiguousOutcomes.set(outcome, ambiguous);
	}
	return ambiguous;
}
