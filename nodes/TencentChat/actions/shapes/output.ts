import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvalidInputError } from '../../helpers/ids';

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
 * An item for one result. Under "Continue (using error output)" a failed result goes to the error
 * output as n8n routes it there: `{ error, details }`, the details being the result as the main
 * output would show it (n8n replaces the JSON of an item that carries an Error object, so the error
 * is said in the JSON instead). Otherwise it stays on the main output, its `status` saying what happened.
 */
export function resultItem(json: IDataObject, itemIndex: number, routing: FailureRouting, failure?: string): INodeExecutionData {
	if (failure !== undefined && routing.toErrorOutput) return { json: { error: failure, details: json }, pairedItem: { item: itemIndex } };
	return { json, pairedItem: { item: itemIndex } };
}

/** An item for an input item that could not be read. */
export function inputErrorItem(error: NodeOperationError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}

/** Bad input of one item as n8n shows it: the item and the field, and how to fix it. */
export function asInputError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: `Fix "${error.field}" for item ${itemIndex} (counting from 0), e.g. with an expression such as {{ $json.id }}. No call was made to Tencent.`,
		});
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
