import type { IDataObject } from 'n8n-workflow';

// Tencent's times (Unix seconds) as the node outputs them: ISO 8601, null for never.

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
