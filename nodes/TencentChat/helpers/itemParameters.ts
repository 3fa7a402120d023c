import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** `={{ $json.a.b }}`, `={{ $json["a b"] }}`, `={{ $json.list[0] }}`: a plain path into the item, nothing else. */
const JSON_PATH_EXPRESSION =
	/^=\{\{\s*\$json((?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*(?:"[^"\\]*"|'[^'\\]*'|\d+)\s*\])+)\s*\}\}$/;
const PATH_STEP = /\.\s*([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)'|(\d+))\s*\]/g;

/**
 * Reads one parameter for every item. n8n's expression engine spends about 70 µs per evaluation
 * (it builds the whole data proxy, `$now` included), which for 100,000 items costs more than
 * sending them. A parameter that is only a path into the item's JSON is read from the item
 * directly, giving the value the engine would; any other value or expression goes through
 * `getNodeParameter` as usual.
 */
export function parameterReader(
	context: IExecuteFunctions,
	name: string,
	items: INodeExecutionData[],
): (itemIndex: number) => unknown {
	// A resource locator ({ __rl, mode, value }) is read for its value, as the engine extracts it.
	const locator = isLocator(context.getNode().parameters[name]);
	const raw = rawValue(context.getNode().parameters[name]);
	const path = typeof raw === 'string' ? parseJsonPath(raw) : undefined;
	const viaEngine = locator
		? (itemIndex: number) =>
				context.getNodeParameter(name, itemIndex, undefined, { extractValue: true })
		: (itemIndex: number) => context.getNodeParameter(name, itemIndex);
	if (path === undefined) return viaEngine;
	return (itemIndex) => {
		let value: unknown = items[itemIndex].json;
		for (const key of path) {
			// Only the item's own data, as in JSON: anything else (a missing key, `constructor`,
			// a prototype's property) is left to the engine, whose answer is the one that counts.
			if (!isPlainData(value) || !Object.prototype.hasOwnProperty.call(value, key))
				return viaEngine(itemIndex);
			value = (value as Record<string, unknown>)[key];
		}
		return isPlainValue(value) ? value : viaEngine(itemIndex);
	};
}

function isLocator(value: unknown): value is { __rl: true; value: unknown } {
	return typeof value === 'object' && value !== null && '__rl' in value && 'value' in value;
}

/** A parameter as the workflow holds it; a resource locator's value. */
function rawValue(parameter: unknown): unknown {
	return isLocator(parameter) ? parameter.value : parameter;
}

function isPlainData(value: unknown): value is object {
	if (Array.isArray(value)) return true;
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

/** A value the engine hands over as it is: a JSON scalar, or an array or object of JSON data. */
function isPlainValue(value: unknown): boolean {
	return (
		value === null || ['string', 'number', 'boolean'].includes(typeof value) || isPlainData(value)
	);
}

/** The keys of a `$json` path expression, or undefined when it is anything more. */
export function parseJsonPath(expression: string): string[] | undefined {
	const match = JSON_PATH_EXPRESSION.exec(expression);
	if (!match) return undefined;
	return [...match[1].matchAll(PATH_STEP)].map((step) => step[1] ?? step[2] ?? step[3] ?? step[4]);
}

/**
 * `parameterReader`, but a parameter that holds no expression anywhere (a fixed text, a collection
 * of fixed values) is read once for all items: it is the same for each, and the engine's
 * per-item reading of it costs more than the rest of a large run's reading together.
 */
export function itemParameterReader(
	context: IExecuteFunctions,
	name: string,
	items: INodeExecutionData[],
): (itemIndex: number) => unknown {
	const raw = context.getNode().parameters[name];
	if (raw === undefined || holdsExpression(raw)) return parameterReader(context, name, items);
	const once = parameterReader(context, name, items);
	let read: { value: unknown } | undefined;
	return (itemIndex) => {
		read ??= { value: once(itemIndex) };
		return read.value;
	};
}

/** Whether the parameter, as the workflow holds it, has an expression anywhere in it. */
export function parameterHoldsExpression(context: IExecuteFunctions, name: string): boolean {
	return holdsExpression(context.getNode().parameters[name]);
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null)
		return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * `itemParameterReader` for any parameter by name: each reader made on its first use and kept for
 * the execution, for a reading (a message's body) whose parameters depend on each other's values.
 */
export function itemParameterReaders(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): (name: string, itemIndex: number) => unknown {
	const readers = new Map<string, (itemIndex: number) => unknown>();
	return (name, itemIndex) => {
		let read = readers.get(name);
		if (read === undefined) {
			read = itemParameterReader(context, name, items);
			readers.set(name, read);
		}
		return read(itemIndex);
	};
}
