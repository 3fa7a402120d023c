import type { IDataObject } from 'n8n-workflow';

import { InvalidInputError } from './field';

// Times as every operation shows and reads them: Tencent's Unix seconds out as ISO 8601 (0, never,
// as null), and a time an item gives (an ISO date, a Date, Luxon's DateTime, Unix seconds or
// milliseconds) in as Unix seconds.

/**
 * Unix seconds as an ISO date, and Tencent's 0 ("never") as null; anything else as it came, a number
 * past what a date can hold (1e13 seconds, the year 318,857) too: a time Tencent gives that does not
 * convert never fails its item.
 */
export function isoTime(seconds: unknown): IDataObject[string] {
	if (seconds === 0) return null;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0)
		return seconds as IDataObject[string];
	const date = new Date(seconds * 1000);
	return Number.isNaN(date.getTime()) ? seconds : date.toISOString();
}

/** Unix seconds at most; a number past it is taken as milliseconds (JavaScript's Date.now()). */
const MAX_SECONDS = 99_999_999_999;
const ISO_DATE = /^\s*\d{4}-\d{2}-\d{2}([T\s].*)?$/;

/**
 * A time from the editor (an ISO date) or an expression (an ISO text, a Date, Luxon's DateTime as
 * `$now` gives it, Unix seconds or milliseconds), as Unix seconds. Anything else is refused, naming
 * the field: a range that is not one would read or mark the wrong messages.
 */
export function readTime(value: unknown, field: string): number {
	let ms: number | undefined;
	if (value instanceof Date) ms = value.getTime();
	else if (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		ms = (value as { toMillis: () => number }).toMillis();
	} else if (typeof value === 'number' && Number.isFinite(value) && value >= 0)
		ms = value > MAX_SECONDS ? value : value * 1000;
	else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value))
		ms = Number(value) > MAX_SECONDS ? Number(value) : Number(value) * 1000;
	else if (typeof value === 'string' && ISO_DATE.test(value)) ms = Date.parse(value.trim());
	if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
		const shown =
			typeof value === 'string'
				? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`
				: String(value);
		throw new InvalidInputError(
			field,
			`${field} is not a date: got ${shown}. Use an ISO date such as 2026-12-01T09:00:00Z, or Unix seconds.`,
		);
	}
	return Math.floor(ms / 1000);
}
