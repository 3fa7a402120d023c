import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { serviceText, type TencentChatClient, TencentChatError } from '../../../client';
import type { Batch, OutcomeBook } from '../../../helpers/batchPlan';
import { failureDetails } from '../output';
import { type BulkOperation, freeze, type Outcome } from './contract';
import { settleBatch } from './settle';

// Sending a bulk job's calls and stopping them: what a call that fails as a whole does to the run
// (its IDs' outcomes under Continue On Fail, or the failure that stops it), and what a cancelled
// execution does.

export interface SendSettings {
	continueOnFail: boolean;
	/** Calls of one batch at most: its first and the re-asks of IDs an answer left out. */
	maxRounds: number;
	signal?: AbortSignal;
	/** After a call's IDs all have their outcomes (not after a call that stopped the run). */
	onSettled(): void;
}

export interface Failure {
	batch: Batch;
	error: TencentChatError;
}

/**
 * Sends each call as it is planned and lets the client pace them. A failed call becomes failed or
 * unknown outcomes (Continue On Fail) or stops the run: no new call starts, calls in flight finish
 * and are kept. A call's promise never rejects, so a failure waits for `finished` to be heard.
 */
export class CallSender<R> {
	private readonly stop = new AbortController();
	private readonly running: Array<Promise<void>> = [];
	private failure: Failure | undefined;
	private unexpected: { error: unknown } | undefined;
	/** A call was not started because the execution had been cancelled. */
	private skipped = false;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly client: TencentChatClient,
		private readonly outcomes: OutcomeBook<Outcome>,
		private readonly operation: BulkOperation<R>,
		private readonly settings: SendSettings,
	) {}

	get cancelled(): boolean {
		return this.settings.signal?.aborted === true;
	}

	/** Starts the call, unless one failed and stopped the run or the execution was cancelled. */
	send(batch: Batch): void {
		if (this.cancelled) this.skipped = true;
		else if (!this.stop.signal.aborted) this.running.push(this.settle(batch));
	}

	/** Planning ended before every item was planned: the execution was cancelled. */
	abandon(): void {
		this.skipped = true;
	}

	/** Once every call sent is over: the failure that stopped the run, if one did. */
	async finished(): Promise<Failure | undefined> {
		await Promise.all(this.running);
		if (this.cancelled && (this.skipped || this.unexpected)) {
			throw new NodeOperationError(
				this.context.getNode(),
				'The execution was cancelled: no further calls were started',
			);
		}
		if (this.unexpected)
			throw new NodeOperationError(this.context.getNode(), this.unexpected.error as Error);
		return this.failure;
	}

	private async settle(batch: Batch): Promise<void> {
		const { continueOnFail, maxRounds, signal } = this.settings;
		try {
			try {
				await settleBatch(this.client, batch, this.outcomes, this.operation, maxRounds, {
					signal,
					stopStarting: this.stop.signal,
				});
			} catch (error) {
				if (!(error instanceof TencentChatError)) {
					// A defect reading one call's answer: under Continue, that call's IDs carry it, and the run goes on.
					if (!continueOnFail || this.stop.signal.aborted || this.cancelled)
						return this.giveUp(error);
					this.recordUnsettled(batch, unexpectedOutcome(error));
					return this.settings.onSettled();
				}
				if (!continueOnFail) {
					this.failure ??= { batch, error };
					this.stop.abort();
					return;
				}
				this.recordUnsettled(batch, callFailed(error, this.operation.failedFields));
			}
			this.settings.onSettled();
		} catch (error) {
			this.giveUp(error);
		}
	}

	/** The outcome of every ID of the batch that has none yet. */
	private recordUnsettled(batch: Batch, outcome: Outcome): void {
		batch.ids.forEach((_, position) => {
			if (this.outcomes.of(batch, position) === undefined)
				this.outcomes.record(batch, position, outcome);
		});
	}

	/** Not an answer of Tencent's: a call aborted by a stop or a cancel, or a defect. No new call starts. */
	private giveUp(error: unknown): void {
		if (!this.stop.signal.aborted) this.unexpected ??= { error };
		this.stop.abort();
	}
}

/** The outcome every ID of a call that failed as a whole shares. */
function callFailed(error: TencentChatError, failedFields: IDataObject = {}): Outcome {
	const fields = failureDetails(
		error.mayHaveBeenApplied ? {} : failedFields,
		error.code,
		error.info,
		error.mayHaveBeenApplied,
		error.hint,
	);
	return { fields, failure: { code: error.code, info: error.info, hint: error.hint } };
}

/** A defect met while a call was made or its answer read: the call may have been carried out. */
function unexpectedOutcome(error: unknown): Outcome {
	const info = `An unexpected error (${serviceText((error as Error)?.message ?? error, 200)}); the call may have been carried out. Please report this as a bug of the node.`;
	return freeze(
		{ status: 'unknown', ambiguous: true, errorCode: 'UNEXPECTED_ERROR', errorInfo: info },
		{ code: 'UNEXPECTED_ERROR', info },
	);
}
