import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// Numeric options are values from expressions as much as from the editor: `{{ $json.size }}`, a
// sheet column holding "20", an imported workflow. Each is read once and checked before any call:
// a whole number within its range (text holding one is taken as that number), or a clear error
// naming the option and the value. Nothing shared with other executions sees an unchecked value.

export interface WholeNumberOption {
	/** The parameter's name inside the Options collection. */
	name: string;
	displayName: string;
	min: number;
	max: number;
	default: number;
}

/** The value, checked; `undefined` (the option was not added) gives the default. */
export function readWholeNumber(raw: unknown, option: WholeNumberOption): number | string {
	if (raw === undefined) return option.default;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
	if (
		typeof value === 'number' &&
		Number.isInteger(value) &&
		value >= option.min &&
		value <= option.max
	)
		return value;
	const shown =
		typeof raw === 'string' ? `"${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"` : String(raw);
	return `${option.displayName} must be a whole number from ${option.min} to ${option.max}, got ${shown}`;
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
		const value = readWholeNumber(collection[option.name], option);
		if (typeof value === 'string') {
			throw new NodeOperationError(context.getNode(), value, {
				description: `Set "${option.displayName}" in the node's Options to a number from ${option.min} to ${option.max}, or remove it to use the default (${option.default}).`,
			});
		}
		values[key] = value;
	}
	return values;
}
