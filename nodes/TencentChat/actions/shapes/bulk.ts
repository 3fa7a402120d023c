import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	appCallsPerSecond,
	type BulkAnswer,
	type CallOptions,
	type Command,
	serviceText,
	type TencentChatClient,
	TencentChatError,
} from '../../client';
import { type Batch, BatchPlan, IntList, OutcomeBook } from '../../helpers/batchPlan';
import { type IdRule, readId, readIdList } from '../../helpers/ids';
import { parameterReader } from '../../helpers/itemParameters';
import { readOptions } from '../../helpers/options';
import { createClient, toNodeApiError } from '../../transport';
import { batchSizeOption, CLIENT_OPTIONS } from './options';
import { BulkOutput } from './bulkOutput';
import {
	asInputError,
	type FailureRouting,
	failureDetails,
	failureRouting,
	type InputFailure,
} from './output';

// The bulk shape: IDs that items ask for under a key (subscribers of an official account, accounts
// to import) are read from every item first, then grouped by key, de-duplicated and cut into calls
// of the command's size, each call sent as soon as it is full for the client to pace, and answered
// with one output item per ID asked for, in input order (see `planning` for how a large job
// overlaps its planning and its output with its calls).
// An operation states only what is its own: its parameters, its client call, and what one ID's
// result means.

/** What one ID came to. Shared objects: a run of 100,000 IDs makes no 100,000 copies. */
export interface Outcome {
	fields: IDataObject;
	/** Set when the ID failed: the error output (if used) carries it. */
	failure?: { code: number | string; info: string; hint?: string };
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
	readItem?(
		context: IExecuteFunctions,
		itemIndex: number,
		items: INodeExecutionData[],
	): { key: string; ids: string[] };
	send(
		client: TencentChatClient,
		key: string,
		ids: string[],
		options: CallOptions,
	): Promise<BulkAnswer<R>>;
	/**
	 * One ID's result. `afterMaybeApplied`: an earlier attempt of the call may have been carried
	 * out, so a result such as "was already there" cannot tell whether this run did it.
	 */
	outcome(result: R, afterMaybeApplied: boolean): Outcome;
	/**
	 * What an ID the answer leaves out means, when the answer's list could be read whole (`wholeList`);
	 * without it, or when part of the list could not be read, the ID is unsettled: asked again, then `unknown`.
	 */
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
		errorInfo:
			'Tencent answered OK but gave no result for this ID, also when asked again; the call may have been carried out',
	}),
	failure: {
		code: 'MISSING_RESULT',
		info: 'Tencent gave no result for this ID; the call may have been carried out',
	},
});

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
	const output = new BulkOutput(
		this,
		items.length,
		plan,
		outcomes,
		inputErrors,
		operation,
		routing,
	);
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
		if (failure) throw stoppedError(this, failure, plan, outcomes, operation);
	} else {
		plan.finish();
	}
	return output.finish();
}

/**
 * How a bulk job is planned. A job of up to `atOnce` IDs is planned in one go (about 0.1 s) and its
 * output made once every call is over: the least memory (a job of 100,000 IDs peaks some 10 MB
 * lower than when planned while its calls are out). A larger job sends its first second's calls as
 * soon as they are planned and plans the rest `betweenYields` IDs at a time (a few milliseconds of
 * work, so that calls already planned are sent and answered on time) while those calls wait, and
 * makes its output as its calls come back: half a second of a million-ID job. Tests lower
 * `atOnce` to run the larger jobs' way on a few thousand IDs.
 */
export const planning = { atOnce: 250_000, betweenYields: 5_000 };

/**
 * Plans what the items ask for and sends each call as soon as it is full. `firstSecond` IDs (a
 * second's worth of calls, or all of a smaller job) are planned in one go, and their calls leave
 * together; the rest is planned between turns of the event loop, while those calls wait for their
 * answers and the next ones for their turn. A key's last, part-full call goes when planning ends: the fewest calls come first, so a
 * failure only that call meets (an unknown official account with few subscribers) stops the run
 * after the full calls planned before it, and the error says what was processed. After a failure
 * that stops the run, the rest is planned but not sent (the error counts every ID); a cancelled
 * execution ends planning.
 */
async function planAndSend<R>(
	read: AskedIds,
	plan: BatchPlan,
	calls: CallSender<R>,
	firstSecond: number,
): Promise<void> {
	let toPlanBeforeYield = firstSecond;
	for (let index = 0; index < read.items; index++) {
		const ids = read.ids(index);
		for (const batch of plan.add(read.itemIndex(index), read.key(index), ids)) calls.send(batch);
		toPlanBeforeYield -= typeof ids === 'string' ? 1 : ids.length;
		if (toPlanBeforeYield <= 0) {
			toPlanBeforeYield = planning.betweenYields;
			await new Promise((resolve) => setImmediate(resolve));
			if (calls.cancelled) {
				calls.abandon();
				break;
			}
		}
	}
	for (const batch of plan.finish()) calls.send(batch);
	read.clear();
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
	const asked = new AskedIds();
	const inputErrors = new Map<number, InputFailure>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const item = read(context, itemIndex, items);
			asked.add(itemIndex, item.key, item.ids);
		} catch (error) {
			const nodeError = asInputError(context, error, itemIndex);
			if (!routing.continueOnFail) throw nodeError;
			inputErrors.set(itemIndex, {
				error: nodeError,
				subject: key && keyOf ? readableKey(keyOf, itemIndex, key) : {},
			});
		}
	}
	return { read: asked, inputErrors };
}

/** The item's key (its official account, its group) if it reads, for the failed item to name. */
function readableKey(
	keyOf: (itemIndex: number) => unknown,
	itemIndex: number,
	key: NonNullable<BulkOperation<unknown>['key']>,
): IDataObject {
	try {
		return { [key.outputName]: readId(keyOf(itemIndex), key.rule) };
	} catch {
		return {};
	}
}

/**
 * What the items that could be read ask for, kept until they are planned: a million items are a
 * million IDs in a few arrays, not a million objects for the garbage collector to go through.
 */
class AskedIds {
	private itemIndexes = new IntList();
	private keys: string[] = [];
	/** An item's IDs, or its one ID (most items have one). */
	private idLists: Array<string | readonly string[]> = [];
	/** IDs as asked, over every item. */
	idCount = 0;

	add(itemIndex: number, key: string, ids: readonly string[]): void {
		this.itemIndexes.push(itemIndex);
		this.keys.push(key);
		this.idLists.push(ids.length === 1 ? ids[0] : ids);
		this.idCount += ids.length;
	}

	/** Once planned, the plan holds every ID: these copies can go. */
	clear(): void {
		this.itemIndexes = new IntList();
		this.keys = [];
		this.idLists = [];
	}

	get items(): number {
		return this.itemIndexes.length;
	}

	itemIndex(index: number): number {
		return this.itemIndexes.at(index);
	}

	key(index: number): string {
		return this.keys[index];
	}

	/** The item's IDs, or its one ID. */
	ids(index: number): string | readonly string[] {
		return this.idLists[index];
	}
}

interface SendSettings {
	continueOnFail: boolean;
	/** Calls of one batch at most: its first and the re-asks of IDs an answer left out. */
	maxRounds: number;
	signal?: AbortSignal;
	/** After a call's IDs all have their outcomes (not after a call that stopped the run). */
	onSettled(): void;
}

interface Failure {
	batch: Batch;
	error: TencentChatError;
}

/**
 * Sends each call as it is planned and lets the client pace them. A failed call becomes failed or
 * unknown outcomes (Continue On Fail) or stops the run: no new call starts, calls in flight finish
 * and are kept. A call's promise never rejects, so a failure waits for `finished` to be heard.
 */
class CallSender<R> {
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

const MAX_LISTED = 20;

/** The error of a run that stopped: what failed, what had already been done, and that a re-run is safe. */
function stoppedError<R>(
	context: IExecuteFunctions,
	{ batch, error }: Failure,
	plan: BatchPlan,
	outcomes: OutcomeBook<Outcome>,
	operation: BulkOperation<R>,
) {
	let itemIndex: number | undefined;
	for (let request = 0; request < plan.requests && itemIndex === undefined; request++) {
		if (plan.callOf(plan.slot(request)) === batch) itemIndex = plan.itemIndex(request);
	}
	const listed = new Set<number>();
	const processed: string[] = [];
	for (let request = 0; request < plan.requests && processed.length < MAX_LISTED; request++) {
		const slot = plan.slot(request);
		const outcome = outcomes.get(slot);
		if (outcome === undefined || listed.has(slot)) continue;
		listed.add(slot);
		processed.push(`${plan.id(request)} (${String(outcome.fields.status)})`);
	}
	const ids = operation.ids.noun;
	const more =
		outcomes.size > processed.length ? `, and ${outcomes.size - processed.length} more` : '';
	const done = processed.length > 0 ? ` Already processed: ${processed.join(', ')}${more}.` : '';
	return toNodeApiError(context.getNode(), error, {
		itemIndex,
		description: serviceText(
			`The node stopped after ${outcomes.size} of ${plan.slots} distinct ${ids} had been processed; no further calls were started.${done} ${operation.rerun}`,
			1_500,
		),
	});
}
