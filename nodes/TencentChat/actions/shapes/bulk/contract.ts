import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { BulkAnswer, CallOptions, Command, TencentChatClient } from '../../../client';
import type { FieldLimit } from '../../../fields';

// What a bulk operation file states (its parameters, its client call, what one ID's result means),
// and what one ID comes to: the rest of the bulk shape is written against this alone.

/** What one ID came to. Shared objects: a run of 100,000 IDs makes no 100,000 copies. */
export interface Outcome {
	fields: IDataObject;
	/** Set when the ID failed: the error output (if used) carries it. */
	failure?: { code: number | string; info: string; hint?: string };
}

export interface BulkOperation<R> {
	command: Command;
	/** The parameter naming each item's key and its output field; absent when IDs have no key. */
	key?: { parameter: string; outputName: string; rule: FieldLimit };
	/** `noun`: what the IDs are, in the plural, for messages ("subscribers"). */
	ids: { parameter: string; outputName: string; rule: FieldLimit; noun: string };
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
