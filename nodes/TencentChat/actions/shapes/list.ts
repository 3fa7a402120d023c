import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CallOptions, TencentChatClient } from '../../client';
import { InvalidInputError } from '../../helpers/ids';
import { readWholeNumber } from '../../helpers/options';
import { type PerItemOperation, runPerItem } from './perItem';

// The list shape: per input item, pages from the first until the cursor ends or the Limit is
// reached; one output item per entry, paired with the item that asked.

export interface Page<Cursor> {
	entries: IDataObject[];
	/** The next page's cursor; undefined when this page was the last. */
	next?: Cursor;
}

export interface ListOperation<Input, Cursor> {
	read(context: IExecuteFunctions, itemIndex: number, items: INodeExecutionData[]): Input;
	/** One page of at most `pageSize` entries, from `cursor` (undefined: the first page). */
	page(client: TencentChatClient, input: Input, cursor: Cursor | undefined, pageSize: number, options: CallOptions): Promise<Page<Cursor>>;
	/** The most entries one page may hold. */
	maxPageSize: number;
}

/** n8n's own Return All / Limit pair, as its linter wants them. */
export function listFields(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { ...displayOptions, show: { ...displayOptions?.show, returnAll: [false] } },
		},
	];
}

/** The most entries Return All gathers for one item: a bound on memory, not a number users reach. */
const MAX_ENTRIES = 1_000_000;
const LIMIT = { name: 'limit', displayName: 'Limit', min: 1, max: MAX_ENTRIES, default: 50 };

export function runList<Input, Cursor>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: ListOperation<Input, Cursor>,
): Promise<INodeExecutionData[]> {
	const perItem: PerItemOperation<{ input: Input; limit: number }> = {
		read(context, itemIndex) {
			const returnAll = context.getNodeParameter('returnAll', itemIndex, false);
			const limit = returnAll === true ? MAX_ENTRIES : readWholeNumber(context.getNodeParameter('limit', itemIndex, 50), LIMIT);
			if (typeof limit === 'string') throw new InvalidInputError(LIMIT.displayName, limit);
			return { input: operation.read(context, itemIndex, items), limit };
		},
		async call(client, { input, limit }, options) {
			const entries: IDataObject[] = [];
			let cursor: Cursor | undefined;
			do {
				const pageSize = Math.min(operation.maxPageSize, limit - entries.length);
				const page = await operation.page(client, input, cursor, pageSize, options);
				entries.push(...page.entries.slice(0, limit - entries.length));
				// A page that brings nothing, or points back at itself, cannot be followed without looping.
				if (page.entries.length === 0 || (page.next !== undefined && page.next === cursor)) break;
				cursor = page.next;
			} while (cursor !== undefined && entries.length < limit);
			return entries;
		},
	};
	return runPerItem.call(this, items, perItem);
}
