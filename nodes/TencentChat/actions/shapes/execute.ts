import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

// How every operation file is written: its shape's operation is made once per execution by
// `operationFor`, so that its parameter readers (and anything read once, as a credential) are made
// once and not per item or per field; `execute` runs it through its shape.

/** The operation of one execution, over all its items. */
export type OperationFor<Operation> = (
	context: IExecuteFunctions,
	items: INodeExecutionData[],
) => Operation | Promise<Operation>;

/** A shape's runner: runPerItem, runBulk, runList. */
type Shape<Operation> = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: Operation,
) => Promise<INodeExecutionData[]>;

/** An operation file's `execute`: `operationFor`'s operation, run by `shape`. */
export function executeAs<Operation>(
	shape: Shape<Operation>,
	operationFor: OperationFor<Operation>,
): (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]> {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		return await shape.call(this, items, await operationFor(this, items));
	};
}
