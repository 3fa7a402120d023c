import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { createHash } from 'node:crypto';

import {
	type CallOptions,
	serviceText,
	type TencentChatClient,
	TencentChatError,
} from '../../client';
import { readWholeNumber } from '../../fields';
import { subjectOf } from './output';
import { type PerItemOperation, runPerItem } from './perItem';

// The list shape: per input item, pages from the first until the cursor ends or the Limit is
// reached; one output item per entry, paired with the item that asked. A list is given whole or
// not at all: paging that repeats itself (a cursor followed before, a page read before) or that
// gives empty pages saying more follows, more than a few in a row, fails the item, as does a list
// longer than the execution's bound.

export interface Page<Cursor> {
	entries: IDataObject[];
	/** The next page's cursor; undefined when this page was the last. */
	next?: Cursor;
}

export interface ListOperation<Input, Cursor> {
	read(context: IExecuteFunctions, itemIndex: number, items: INodeExecutionData[]): Input;
	/** One page of at most `pageSize` entries, from `cursor` (undefined: the first page). */
	page(
		client: TencentChatClient,
		input: Input,
		cursor: Cursor | undefined,
		pageSize: number,
		options: CallOptions,
	): Promise<Page<Cursor>>;
	/** The most entries one page may hold. */
	maxPageSize: number;
	/** What a failed item is about, under its output names; by default the input's fields of those names. */
	subject?(input: Input): IDataObject;
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

const MAX_ENTRIES = 1_000_000;
/**
 * `maxEntries`: the most entries one execution gathers, over all its items: a bound on memory (a
 * million entries are some 450 MB), not a number users reach. Past it, the item that would read
 * more fails, saying so. `progressEvery`: entries read between two progress messages. Tests lower both.
 */
export const listBounds = { maxEntries: MAX_ENTRIES, progressEvery: 10_000 };
const LIMIT = { name: 'limit', displayName: 'Limit', min: 1, max: MAX_ENTRIES, default: 50 };
/** Empty pages in a row that say more follows, followed before the list is called incomplete. */
export const MAX_EMPTY_PAGES = 3;

export function runList<Input, Cursor>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: ListOperation<Input, Cursor>,
): Promise<INodeExecutionData[]> {
	const report = (itemIndex: number, read: number) => progress(this, itemIndex, read);
	const execution = { left: listBounds.maxEntries };
	const perItem: PerItemOperation<{ input: Input; limit: number; itemIndex: number }> = {
		read(itemContext, itemIndex) {
			const returnAll = itemContext.getNodeParameter('returnAll', itemIndex, false);
			const limit =
				returnAll === true
					? MAX_ENTRIES
					: readWholeNumber(itemContext.getNodeParameter('limit', itemIndex, 50), LIMIT);
			return { input: operation.read(itemContext, itemIndex, items), limit, itemIndex };
		},
		subject: ({ input }) => operation.subject?.(input) ?? subjectOf(input),
		async call(client, { input, limit, itemIndex }, options) {
			const entries: IDataObject[] = [];
			const followed = new Set<string>();
			const pagesSeen = new Set<string>();
			let emptyInARow = 0;
			let cursor: Cursor | undefined;
			do {
				const pageSize = Math.min(operation.maxPageSize, limit - entries.length);
				const page = await operation.page(client, input, cursor, pageSize, options);
				if (page.entries.length > 0) {
					const fingerprint = createHash('sha1')
						.update(JSON.stringify(page.entries))
						.digest('base64');
					if (pagesSeen.has(fingerprint))
						throw pagingRepeats(entries.length, 'a page of entries already read came again');
					pagesSeen.add(fingerprint);
					emptyInARow = 0;
				} else if (page.next !== undefined && ++emptyInARow > MAX_EMPTY_PAGES) {
					throw new TencentChatError(
						'LIST_INCOMPLETE',
						`the list is incomplete: Tencent answered ${emptyInARow} empty pages in a row, each saying more follows, after ${entries.length} entries`,
						{ action: 'reject' },
					);
				}
				const wanted = Math.min(page.entries.length, limit - entries.length);
				if (wanted > execution.left) throw tooLong(entries.length);
				execution.left -= wanted;
				const before = entries.length;
				for (let index = 0; index < wanted; index++) entries.push(page.entries[index]);
				const every = listBounds.progressEvery;
				if (Math.floor(entries.length / every) > Math.floor(before / every))
					report(itemIndex, entries.length);
				if (page.next !== undefined) {
					const key = JSON.stringify(page.next);
					if (followed.has(key)) {
						throw pagingRepeats(
							entries.length,
							`its cursor ${serviceText(key, 60)} pointed back to a page already read`,
						);
					}
					followed.add(key);
				}
				cursor = page.next;
				if (cursor !== undefined && entries.length < limit && execution.left === 0)
					throw tooLong(entries.length);
			} while (cursor !== undefined && entries.length < limit);
			return entries;
		},
	};
	return runPerItem.call(this, items, perItem);
}

/** Tencent's paging loops: following it would give entries twice, or without end. */
function pagingRepeats(read: number, how: string): TencentChatError {
	return new TencentChatError(
		'PAGING_REPEATS',
		`Tencent's paging repeats itself (${how}) after ${read} entries: the item's list is not given, as it would hold entries twice`,
		{
			action: 'reject',
		},
	);
}

function tooLong(read: number): TencentChatError {
	return new TencentChatError(
		'LIST_TOO_LONG',
		`the list is longer than this execution may read: ${listBounds.maxEntries.toLocaleString('en-US')} entries over all items at most, and this item had read ${read} when more followed. Narrow the list, or split the items over several executions`,
		{ action: 'reject' },
	);
}

/**
 * n8n gives a regular node no progress display; in a manual run it lets a node write to the
 * browser's console, which is where a long list says how far it is.
 */
function progress(context: IExecuteFunctions, itemIndex: number, read: number): void {
	try {
		context.sendMessageToUI(
			`Tencent Chat: item ${itemIndex}, ${read.toLocaleString('en-US')} entries read so far`,
		);
	} catch {
		// A message to the editor is a courtesy: an n8n without one loses nothing.
	}
}
