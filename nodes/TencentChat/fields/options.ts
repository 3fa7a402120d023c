import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type Command, MAX_CONNECTIONS_PER_ORIGIN } from '../client';
import { InvalidInputError } from './field';

// The options every operation that calls Tencent offers, as editor fields and as the ranges they
// are checked against at run time. Numeric options are values from expressions as much as from the
// editor: `{{ $json.size }}`, a sheet column holding "20", an imported workflow. Each is read once
// and checked before any call: a whole number within its range (text holding one is taken as that
// number), or a clear error naming the option and the value. Nothing shared with other executions
// sees an unchecked value.

export interface WholeNumberOption {
	/** The parameter's name inside the Options collection. */
	name: string;
	displayName: string;
	min: number;
	max: number;
	default: number;
}

/** The value, checked; `undefined` (the option was not added) gives the default. */
export function readWholeNumber(raw: unknown, option: WholeNumberOption): number {
	const read = check(raw, option);
	if ('refusal' in read) throw new InvalidInputError(option.displayName, read.refusal);
	return read.value;
}

/** Reads and checks the named options of the node's Options collection, or throws naming the first bad one. */
export function readOptions<K extends string>(
	context: IExecuteFunctions,
	options: Record<K, WholeNumberOption>,
): Record<K, number> {
	const collection = (context.getNodeParameter('options', 0, {}) ?? {}) as Record<string, unknown>;
	const values = {} as Record<K, number>;
	for (const key of Object.keys(options) as K[]) {
		const option = options[key];
		const read = check(collection[option.name], option);
		if ('refusal' in read) {
			throw new NodeOperationError(context.getNode(), read.refusal, {
				description: `Set "${option.displayName}" in the node's Options to a number from ${option.min} to ${option.max}, or remove it to use the default (${option.default}).`,
			});
		}
		values[key] = read.value;
	}
	return values;
}

// One check for both: an item's field is refused as that item's input, the node's Options as the node's.
function check(raw: unknown, option: WholeNumberOption): { value: number } | { refusal: string } {
	if (raw === undefined) return { value: option.default };
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
	if (
		typeof value === 'number' &&
		Number.isInteger(value) &&
		value >= option.min &&
		value <= option.max
	)
		return { value };
	const shown =
		typeof raw === 'string' ? `"${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"` : String(raw);
	return {
		refusal: `${option.displayName} must be a whole number from ${option.min} to ${option.max}, got ${shown}`,
	};
}

export const CLIENT_OPTIONS = {
	maxConcurrency: {
		name: 'maxConcurrency',
		displayName: 'Max Concurrent Requests',
		min: 1,
		max: MAX_CONNECTIONS_PER_ORIGIN,
		default: 200,
	},
	maxRetries: { name: 'maxRetries', displayName: 'Retries', min: 0, max: 10, default: 5 },
	timeoutMs: {
		name: 'timeoutMs',
		displayName: 'Timeout (Ms)',
		min: 100,
		max: 300_000,
		default: 10_000,
	},
} satisfies Record<string, WholeNumberOption>;

export function batchSizeOption(command: Command): WholeNumberOption {
	const max = command.maxPerCall ?? 1;
	return { name: 'batchSize', displayName: 'Batch Size', min: 1, max, default: max };
}

export function batchSizeField(command: Command, what: string): INodeProperties {
	const option = batchSizeOption(command);
	// The default is the command's own per-call maximum, which the linter cannot read as a literal.
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
	return {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: option.min, maxValue: option.max },
		default: option.default,
		description: `${what} sent in one call to Tencent (at most ${option.max})`,
	};
}

// The editor's defaults are written out: n8n's linter reads them as literals. A test checks they match.

/** Max Retries, described for what the operation retries. */
export function maxRetriesField(description: string): INodeProperties {
	return {
		displayName: CLIENT_OPTIONS.maxRetries.displayName,
		name: CLIENT_OPTIONS.maxRetries.name,
		type: 'number',
		typeOptions: {
			minValue: CLIENT_OPTIONS.maxRetries.min,
			maxValue: CLIENT_OPTIONS.maxRetries.max,
		},
		default: 5,
		description,
	};
}

/** Timeout (ms), described for what the operation waits for. */
export function timeoutField(description: string): INodeProperties {
	return {
		displayName: CLIENT_OPTIONS.timeoutMs.displayName,
		name: CLIENT_OPTIONS.timeoutMs.name,
		type: 'number',
		typeOptions: { minValue: CLIENT_OPTIONS.timeoutMs.min, maxValue: CLIENT_OPTIONS.timeoutMs.max },
		default: 10_000,
		description,
	};
}

export const clientOptionFields: INodeProperties[] = [
	{
		displayName: CLIENT_OPTIONS.maxConcurrency.displayName,
		name: CLIENT_OPTIONS.maxConcurrency.name,
		type: 'number',
		typeOptions: {
			minValue: CLIENT_OPTIONS.maxConcurrency.min,
			maxValue: CLIENT_OPTIONS.maxConcurrency.max,
		},
		default: 200,
		description:
			"Calls of this execution in flight at once. The default lets a whole second's budget be in flight, even at a distant data centre's latency; the app's rate limit is kept whatever this is.",
	},
	maxRetriesField(
		'How often to retry a call that failed in a way that may pass (network errors, timeouts, busy service), with growing pauses',
	),
	timeoutField("How long to wait for one answer. Tencent's own backend gives up after 3,000 ms."),
];

/** The Options collection of an operation. */
export function optionsField(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}
