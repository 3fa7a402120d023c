import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	type BulkAnswer,
	type CallOptions,
	type Command,
	serviceText,
	type TencentChatClient,
	TencentChatError,
} from '../../client';
import { type Batch, type BulkRequest, OutcomeBook, planBatches } from '../../helpers/batchPlan';
import { type IdRule, readId, readIdList } from '../../helpers/ids';
import { parameterReader } from '../../helpers/itemParameters';
import { readOptions } from '../../helpers/options';
import { createClient, toNodeApiError } from '../../transport';
import { batchSizeOption, CLIENT_OPTIONS } from './options';
import { asInputError, type FailureRouting, failureRouting, inputErrorItem, resultItem } from './output';

// The bulk shape: IDs that items ask for under a key (subscribers of an official account, accounts
// to import) are grouped by key, de-duplicated, cut into calls of the command's size, sent all at
// once for the client to pace, and answered with one output item per ID asked for, in input order.
// An operation states only what is its own: its parameters, its client call, and what one ID's
// result means.

/** What one ID came to. Shared objects: a run of 100,000 IDs makes no 100,000 copies. */
export interface Outcome {
	fields: IDataObject;
	/** Set when the ID failed: the error output (if used) carries it. */
	failure?: { code: number | string; info: string };
}

export interface BulkOperation<R> {
	command: Command;
	/** The parameter naming each item's key and its output field; absent when IDs have no key. */
	key?: { parameter: string; outputName: string; rule: IdRule };
	/** `noun`: what the IDs are, in the plural, for messages ("subscribers"). */
	ids: { parameter: string; outputName: string; rule: IdRule; noun: string };
	/**
	 * Reads one item's key and IDs itself, in place of `key.parameter` and `ids.parameter`: for a
	 * key the operation computes (a message's identity) or IDs that bring data of their own (an
	 * account's nickname). Throws InvalidInputError for bad input, as the parameters' rules do.
	 */
	readItem?(context: IExecuteFunctions, itemIndex: number, items: INodeExecutionData[]): { key: string; ids: string[] };
	send(client: TencentChatClient, key: string, ids: string[], options: CallOptions): Promise<BulkAnswer<R>>;
	/**
	 * One ID's result. `afterMaybeApplied`: an earlier attempt of the call may have been carried
	 * out, so a result such as "was already there" cannot tell whether this run did it.
	 */
	outcome(result: R, afterMaybeApplied: boolean): Outcome;
	/** What an ID the answer leaves out means; without it, the ID is unsettled: asked again, then `unknown`. */
	leftOut?: Outcome;
	/** Fields a failed call gives each of its IDs besides status and error, e.g. Tencent's Result 0. */
	failedFields?: IDataObject;
	/** A failed ID stops the node when On Error is "Stop Workflow"; otherwise it is reported in its item. */
	failedIdStopsNode?: boolean;
	/** What running the node again does, for the message of a run that stopped. */
	rerun: string;
}

/** An outcome to share: frozen, so that no output item can change it for the others. */
export function freeze(fields: Outcome['fields'], failure?: Outcome['failure']): Outcome {
	return Object.freeze({ fields: Object.freeze(fields), failure });
}

const UNSETTLED: Outcome = Object.freeze({
	fields: Object.freeze({
		status: 'unknown',
		ambiguous: true,
		errorCode: 'MISSING_RESULT',
		errorInfo: 'Tencent answered OK but gave no result for this ID, also when asked again; the call may have been carried out',
	}),
	failure: { code: 'MISSING_RESULT', info: 'Tencent gave no result for this ID; the call may have been carried out' },
});

export async function runBulk<R>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: BulkOperation<R>,
): Promise<INodeExecutionData[]> {
	const routing = failureRouting(this);
	const { batchSize, ...clientOptions } = readOptions(this, { batchSize: batchSizeOption(operation.command), ...CLIENT_OPTIONS });

	const { requests, inputErrors } = readRequests(this, items, operation, routing);
	const { batches, slotOfRequest, slots } = planBatches(requests, batchSize);
	const outcomes = new OutcomeBook<Outcome>(slots);
	if (batches.length > 0) {
		const client = await createClient.call(this, clientOptions);
		const failure = await sendAll(this, client, batches, outcomes, operation, {
			continueOnFail: routing.continueOnFail,
			maxRounds: clientOptions.maxRetries + 1,
			signal: this.getExecutionCancelSignal(),
		});
		if (failure) throw stoppedError(this, failure, { requests, slotOfRequest, slots }, outcomes, operation);
	}

	const output: INodeExecutionData[] = [];
	let next = 0;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const inputError = inputErrors.get(itemIndex);
		if (inputError) output.push(inputErrorItem(inputError, itemIndex));
		for (; next < requests.length && requests[next].itemIndex === itemIndex; next++) {
			const { key, id } = requests[next];
			const outcome = outcomes.get(slotOfRequest[next]) as Outcome;
			if (outcome.failure && operation.failedIdStopsNode && !routing.continueOnFail) {
				throw new NodeOperationError(this.getNode(), `${operation.ids.rule.field}: "${id}": ${outcome.failure.info}`, {
					itemIndex,
				});
			}
			const json: IDataObject = operation.key ? { [operation.key.outputName]: key } : {};
			json[operation.ids.outputName] = id;
			Object.assign(json, outcome.fields);
			const failure = outcome.failure && `Tencent Chat ${outcome.failure.code}: ${outcome.failure.info}`;
			output.push(resultItem(json, itemIndex, routing, failure));
		}
	}
	return output;
}

/** Every item is read before any call, so that bad input stops the node before anything is sent. */
function readRequests<R>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	{ key, ids, readItem }: BulkOperation<R>,
	routing: FailureRouting,
) {
	const keyOf = key ? parameterReader(context, key.parameter, items) : undefined;
	const idsOf = parameterReader(context, ids.parameter, items);
	const read =
		readItem ??
		((_: IExecuteFunctions, itemIndex: number) => ({
			key: key && keyOf ? readId(keyOf(itemIndex), key.rule) : '',
			ids: readIdList(idsOf(itemIndex), ids.rule),
		}));
	const requests: BulkRequest[] = [];
	const inputErrors = new Map<number, NodeOperationError>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const item = read(context, itemIndex, items);
			for (const id of item.ids) requests.push({ itemIndex, key: item.key, id });
		} catch (error) {
			const nodeError = asInputError(context, error, itemIndex);
			if (!routing.continueOnFail) throw nodeError;
			inputErrors.set(itemIndex, nodeError);
		}
	}
	return { requests, inputErrors };
}

interface SendSettings {
	continueOnFail: boolean;
	/** Calls of one batch at most: its first and the re-asks of IDs an answer left out. */
	maxRounds: number;
	signal?: AbortSignal;
}

interface Failure {
	batch: Batch;
	error: TencentChatError;
}

/**
 * Sends every batch at once and lets the client pace them. A failed call becomes failed or
 * unknown outcomes (Continue On Fail) or stops the run: no new call starts, calls in flight finish
 * and are kept.
 */
async function sendAll<R>(
	context: IExecuteFunctions,
	client: TencentChatClient,
	batches: Batch[],
	outcomes: OutcomeBook<Outcome>,
	operation: BulkOperation<R>,
	{ continueOnFail, maxRounds, signal }: SendSettings,
): Promise<Failure | undefined> {
	const stop = new AbortController();
	let failure: Failure | undefined;
	await Promise.all(
		batches.map(async (batch) => {
			try {
				await settleBatch(client, batch, outcomes, operation, maxRounds, { signal, stopStarting: stop.signal });
			} catch (error) {
				if (stop.signal.aborted && !(error instanceof TencentChatError)) return;
				if (!(error instanceof TencentChatError)) throw new NodeOperationError(context.getNode(), error as Error);
				if (continueOnFail) {
					const outcome = callFailed(error, operation.failedFields);
					batch.ids.forEach((id, position) => {
						if (outcomes.get(batch.firstSlot + position) === undefined) outcomes.record(batch, position, outcome);
					});
					return;
				}
				failure ??= { batch, error };
				stop.abort();
			}
		}),
	);
	return failure;
}

/**
 * One batch to its end: IDs an OK answer leaves out are asked again, as a call that may have been
 * carried out, until every ID is settled or the rounds run out.
 */
async function settleBatch<R>(
	client: TencentChatClient,
	batch: Batch,
	outcomes: OutcomeBook<Outcome>,
	operation: BulkOperation<R>,
	maxRounds: number,
	options: CallOptions,
): Promise<void> {
	let pending = new Map(batch.ids.map((id, position) => [id, position]));
	for (let round = 1; ; round++) {
		const answer = await operation.send(client, batch.key, [...pending.keys()], options).catch((error: unknown) => {
			// An earlier round's OK answer may have carried these IDs out without saying so.
			if (error instanceof TencentChatError && round > 1) error.mayHaveBeenApplied = true;
			return Promise.reject(error);
		});
		const afterMaybeApplied = answer.mayHaveBeenAppliedBefore || round > 1;
		const unsettled = new Map<string, number>();
		for (const [id, position] of pending) {
			const result = answer.results.get(id);
			if (result !== undefined) outcomes.record(batch, position, operation.outcome(result, afterMaybeApplied));
			else if (operation.leftOut) outcomes.record(batch, position, operation.leftOut);
			else unsettled.set(id, position);
		}
		if (unsettled.size === 0) return;
		if (round >= maxRounds || options.stopStarting?.aborted) {
			for (const position of unsettled.values()) outcomes.record(batch, position, UNSETTLED);
			return;
		}
		pending = unsettled;
	}
}

/** The outcome every ID of a call that failed as a whole shares. */
function callFailed(error: TencentChatError, failedFields: IDataObject = {}): Outcome {
	const info = error.hint ? `${error.info}. ${error.hint}` : error.info;
	const fields: IDataObject = error.mayHaveBeenApplied
		? { status: 'unknown', ambiguous: true, errorCode: error.code, errorInfo: info }
		: { ...failedFields, status: 'failed', errorCode: error.code, errorInfo: info };
	return { fields, failure: { code: error.code, info } };
}

const MAX_LISTED = 20;

/** The error of a run that stopped: what failed, what had already been done, and that a re-run is safe. */
function stoppedError<R>(
	context: IExecuteFunctions,
	{ batch, error }: Failure,
	{ requests, slotOfRequest, slots }: { requests: BulkRequest[]; slotOfRequest: Int32Array; slots: number },
	outcomes: OutcomeBook<Outcome>,
	operation: BulkOperation<R>,
) {
	const inFailedCall = new Set(batch.ids);
	const itemIndex = requests.find((request) => request.key === batch.key && inFailedCall.has(request.id))?.itemIndex;
	const listed = new Set<number>();
	const processed: string[] = [];
	for (let index = 0; index < requests.length && processed.length < MAX_LISTED; index++) {
		const slot = slotOfRequest[index];
		const outcome = outcomes.get(slot);
		if (outcome === undefined || listed.has(slot)) continue;
		listed.add(slot);
		processed.push(`${requests[index].id} (${String(outcome.fields.status)})`);
	}
	const ids = operation.ids.noun;
	const more = outcomes.size > processed.length ? `, and ${outcomes.size - processed.length} more` : '';
	const done = processed.length > 0 ? ` Already processed: ${processed.join(', ')}${more}.` : '';
	return toNodeApiError(context.getNode(), error, {
		itemIndex,
		description: serviceText(
			`The node stopped after ${outcomes.size} of ${slots} distinct ${ids} had been processed; no further calls were started.${done} ${operation.rerun}`,
			1_500,
		),
	});
}
