import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { type Command, MAX_CONNECTIONS_PER_ORIGIN } from '../../client';
import type { WholeNumberOption } from '../../helpers/options';

// The options every operation that calls Tencent offers, as editor fields and as the ranges they
// are checked against at run time (expressions bypass the editor's limits).

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
	{
		displayName: CLIENT_OPTIONS.maxRetries.displayName,
		name: CLIENT_OPTIONS.maxRetries.name,
		type: 'number',
		typeOptions: {
			minValue: CLIENT_OPTIONS.maxRetries.min,
			maxValue: CLIENT_OPTIONS.maxRetries.max,
		},
		default: 5,
		description:
			'How often to retry a call that failed in a way that may pass (network errors, timeouts, busy service), with growing pauses',
	},
	{
		displayName: CLIENT_OPTIONS.timeoutMs.displayName,
		name: CLIENT_OPTIONS.timeoutMs.name,
		type: 'number',
		typeOptions: { minValue: CLIENT_OPTIONS.timeoutMs.min, maxValue: CLIENT_OPTIONS.timeoutMs.max },
		default: 10_000,
		description: "How long to wait for one answer. Tencent's own backend gives up after 3,000 ms.",
	},
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

/** A resource's Operation selector, from the same map its router uses: each operation's `option`. */
export function operationField(
	resource: string,
	operations: Record<string, { option: { name: string } }>,
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: Object.values(operations)
			.map((operation) => operation.option as INodePropertyOptions)
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
}
