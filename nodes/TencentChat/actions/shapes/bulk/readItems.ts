import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { IntList } from '../../../helpers/batchPlan';
import { readId, readIdList } from '../../../fields';
import { parameterReader } from '../../../helpers/itemParameters';
import { asInputError, type FailureRouting, type InputFailure } from '../output';
import type { BulkOperation } from './contract';

// Reading what every item asks for (its key and its IDs) before any call, and keeping it compactly
// until it is planned.

/** Every item is read before any call, so that bad input stops the node before anything is sent. */
export function readRequests<R>(
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
export class AskedIds {
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
