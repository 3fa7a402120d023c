import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeOperationError,
} from 'n8n-workflow';

import {
	type CallOptions,
	serviceText,
	type TencentChatClient,
	TencentChatError,
} from '../../client';
import { CLIENT_OPTIONS, readOptions } from '../../fields';
import { createClient, toNodeApiError } from '../../transport';
import {
	asInputError,
	type FailureRouting,
	failureDetails,
	failureRouting,
	inputErrorItem,
	resultItem,
	subjectAsGiven,
	subjectOf,
} from './output';

// The per-item shape: one call (or one run of calls, such as a list's pages) per input item,
// all items under way together within the execution's Max Concurrent Requests. Every item is
// read first, so that bad input stops the node before any call.

export interface PerItemOperation<Input> {
	/** The item's parameters, checked; throws InvalidInputError for bad input. */
	read(context: IExecuteFunctions, itemIndex: number, items: INodeExecutionData[]): Input;
	/** The item's call; its result becomes one output item, or one per entry of an array. */
	call(
		client: TencentChatClient,
		input: Input,
		options: CallOptions,
	): Promise<IDataObject | IDataObject[]>;
	/** What a failed item is about, under its output names; by default the input's fields of those names. */
	subject?(input: Input): IDataObject;
}

/** A defect of the node met in one item, under Continue: that item's own failure, its call's outcome unknown. */
function unexpectedItem(
	error: unknown,
	itemIndex: number,
	routing: FailureRouting,
	subject: IDataObject,
): INodeExecutionData {
	const errorInfo = serviceText((error as Error)?.message ?? error, 200);
	const details = failureDetails(
		subject,
		'UNEXPECTED_ERROR',
		errorInfo,
		true,
		'The call may have been carried out. Please report this as a bug of the node.',
	);
	return resultItem(
		details,
		itemIndex,
		routing,
		`An unexpected error in item ${itemIndex}: ${errorInfo}`,
	);
}

export async function runPerItem<Input>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: PerItemOperation<Input>,
): Promise<INodeExecutionData[]> {
	const routing = failureRouting(this);
	const clientOptions = readOptions(this, CLIENT_OPTIONS);

	const inputs: Array<{ input: Input } | { error: NodeOperationError }> = items.map(
		(_, itemIndex) => {
			try {
				return { input: operation.read(this, itemIndex, items) };
			} catch (error) {
				const nodeError = asInputError(this, error, itemIndex);
				if (!routing.continueOnFail) throw nodeError;
				return { error: nodeError };
			}
		},
	);

	const client = await createClient.call(this, clientOptions);
	const stop = new AbortController();
	const options: CallOptions = {
		signal: this.getExecutionCancelSignal(),
		stopStarting: stop.signal,
	};
	let firstFailure: { error: TencentChatError; itemIndex: number } | undefined;
	let unexpected: { error: unknown; itemIndex: number } | undefined;
	// No item's promise rejects: every call is over, the others' included, before the node reports.
	const results = await Promise.all(
		inputs.map(async (read, itemIndex) => {
			if ('error' in read)
				return [inputErrorItem(read.error, itemIndex, routing, subjectAsGiven(this, itemIndex))];
			const subject = operation.subject?.(read.input) ?? subjectOf(read.input);
			try {
				const result = await operation.call(client, read.input, options);
				return (Array.isArray(result) ? result : [result]).map((json) =>
					resultItem(json, itemIndex, routing),
				);
			} catch (error) {
				if (!(error instanceof TencentChatError)) {
					// Stopped by another item's failure; otherwise a cancel, or a defect of the node.
					if (stop.signal.aborted) return [];
					if (routing.continueOnFail && !options.signal?.aborted)
						return [unexpectedItem(error, itemIndex, routing, subject)];
					unexpected ??= { error, itemIndex };
					stop.abort();
					return [];
				}
				const nodeError = toNodeApiError(this.getNode(), error, { itemIndex });
				if (routing.continueOnFail) {
					const details = failureDetails(
						subject,
						error.code,
						error.info,
						error.mayHaveBeenApplied,
						nodeError.description,
					);
					return [resultItem(details, itemIndex, routing, nodeError.message)];
				}
				firstFailure ??= { error, itemIndex };
				stop.abort();
				return [];
			}
		}),
	);
	const done = results.filter((result) => result.length > 0).length;
	const stopped = `The node stopped after ${done} of ${items.length} items had been processed; no further calls were started.`;
	if (unexpected && options.signal?.aborted) {
		throw new NodeOperationError(
			this.getNode(),
			'The execution was cancelled: no further calls were started',
		);
	}
	if (unexpected) {
		throw new NodeOperationError(this.getNode(), unexpected.error as Error, {
			itemIndex: unexpected.itemIndex,
			description: `An unexpected error in item ${unexpected.itemIndex}, whose call may have been carried out. ${stopped}`,
		});
	}
	if (firstFailure) {
		throw toNodeApiError(this.getNode(), firstFailure.error, {
			itemIndex: firstFailure.itemIndex,
			description: `${firstFailure.error.mayHaveBeenApplied ? `The call of item ${firstFailure.itemIndex} may have been carried out all the same. ` : ''}${stopped}`,
		});
	}
	return results.flat();
}
