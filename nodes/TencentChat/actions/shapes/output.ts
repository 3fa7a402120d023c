import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInputError } from '../../fields';

// How an operation's results become n8n items, the same way for every shape: paired with the item
// that asked, and with failures where each On Error mode wants them.

export interface FailureRouting {
	/** Settings → On Error is "Continue" (either output). */
	continueOnFail: boolean;
	/** "Continue (using error output)": failed items go to the error output. */
	toErrorOutput: boolean;
}

export function failureRouting(context: IExecuteFunctions): FailureRouting {
	return {
		continueOnFail: context.continueOnFail(),
		toErrorOutput: context.getNode().onError === 'continueErrorOutput',
	};
}

/**
 * The output names of the objects an item is about (README, "The output vocabulary"): a failed
 * item names them as a successful one does, so that the error output says which ID failed.
 */
const SUBJECT_KEYS = [
	'officialAccount',
	'group',
	'userId',
	'peerId',
	'subscriber',
	'member',
	'owner',
	'from',
	'to',
] as const;

/** The objects an operation's input names, under their output names. */
export function subjectOf(input: unknown): IDataObject {
	if (typeof input !== 'object' || input === null) return {};
	const subject: IDataObject = {};
	for (const key of SUBJECT_KEYS) {
		const value = (input as Record<string, unknown>)[key];
		if (typeof value === 'string') subject[key] = value;
	}
	return subject;
}

/** The node's ID fields, by the output name of what they name. */
const ID_PARAMETERS: ReadonlyArray<[parameter: string, outputName: string]> = [
	['officialAccountId', 'officialAccount'],
	['groupId', 'group'],
	['userId', 'userId'],
	['peerId', 'peerId'],
	['subscriberId', 'subscriber'],
	['memberId', 'member'],
	['ownerId', 'owner'],
	['newOwnerId', 'owner'],
	['to', 'to'],
];
const SHOWN_ID = /^[^\p{Cc}]{1,64}$/u;

/**
 * What an item whose input could not be read is about, its ID fields as given (short text only:
 * the field at fault may be one of them), so that its failed item names it.
 */
export function subjectAsGiven(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const subject: IDataObject = {};
	const parameters = context.getNode().parameters;
	for (const [parameter, outputName] of ID_PARAMETERS) {
		if (!(parameter in parameters) || outputName in subject) continue;
		try {
			const value = context.getNodeParameter(parameter, itemIndex, undefined, {
				extractValue: true,
			});
			const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
			if (typeof text === 'string' && SHOWN_ID.test(text.trim())) subject[outputName] = text.trim();
		} catch {
			// An expression that fails says nothing of the item.
		}
	}
	return subject;
}

/**
 * An item for one result. Under "Continue (using error output)" a failed result goes to the error
 * output as n8n routes it there: `{ error, details }`, the details being the result as the main
 * output would show it (n8n replaces the JSON of an item that carries an Error object, so the error
 * is said in the JSON instead). Otherwise it stays on the main output, its `status` saying what happened.
 */
export function resultItem(
	json: IDataObject,
	itemIndex: number,
	routing: FailureRouting,
	failure?: string,
): INodeExecutionData {
	if (failure !== undefined && routing.toErrorOutput)
		return { json: { error: failure, details: json }, pairedItem: { item: itemIndex } };
	return { json, pairedItem: { item: itemIndex } };
}

/** An input item that could not be read, and what it is about as far as it could be read. */
export interface InputFailure {
	error: NodeOperationError;
	subject: IDataObject;
}

/**
 * An item for an input item that could not be read, in the shape of every failed item: what it is
 * about as far as it could be read, `status: 'failed'`, and what to fix. (An item carrying an Error
 * object would have its JSON replaced by n8n with `{ error }` alone.)
 */
export function inputErrorItem(
	error: NodeOperationError,
	itemIndex: number,
	routing: FailureRouting,
	subject: IDataObject = {},
): INodeExecutionData {
	const details: IDataObject = {
		...subject,
		status: 'failed',
		errorCode: 'INVALID_INPUT',
		errorInfo: error.message,
	};
	if (error.description) details.hint = error.description;
	return resultItem(details, itemIndex, routing, error.message);
}

/** The details of an item whose call Tencent refused, or whose outcome a retry cannot tell. */
export function failureDetails(
	subject: IDataObject,
	code: string | number,
	info: string,
	mayHaveBeenApplied: boolean,
	hint?: string | null,
): IDataObject {
	return {
		...subject,
		// A call that may have been carried out is not reported as failed: its outcome is unknown.
		...(mayHaveBeenApplied ? { status: 'unknown', ambiguous: true } : { status: 'failed' }),
		errorCode: code,
		errorInfo: info,
		...(hint ? { hint } : {}),
	};
}

/** Bad input of one item as n8n shows it: the item and the field, and how to fix it. */
export function asInputError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError {
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: `Fix "${error.field}" for item ${itemIndex} (counting from 0), e.g. with an expression such as {{ $json.id }}. No call was made to Tencent.`,
		});
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
