import type { IDataObject } from 'n8n-workflow';

import type { CallbackQuery } from './verifyCallback';

// A callback's body and the output item made of it. Pure.

/**
 * The largest body accepted. Tencent's callbacks are small (a message body is at most 12 KB);
 * n8n itself reads up to N8N_PAYLOAD_SIZE_MAX (16 MiB by default) before the trigger runs.
 */
export const MAX_CALLBACK_BYTES = 1024 * 1024;

export type BodyReading =
	| { ok: true; body: IDataObject }
	| { ok: false; status: 400 | 413; reason: string };

const invalid = (reason: string): BodyReading => ({ ok: false, status: 400, reason });

/**
 * The JSON object Tencent sent. `rawBody` is the request's bytes as n8n read them; without
 * them (another n8n version), the body n8n parsed.
 */
export function readCallbackBody(rawBody: Buffer | undefined, parsedBody: unknown): BodyReading {
	if (Buffer.isBuffer(rawBody) && rawBody.length > MAX_CALLBACK_BYTES)
		return tooLarge(rawBody.length);
	const text = Buffer.isBuffer(rawBody)
		? rawBody.toString('utf8')
		: typeof parsedBody === 'string'
			? parsedBody
			: undefined;
	if (text === undefined) return asCallbackObject(parsedBody);
	if (Buffer.byteLength(text, 'utf8') > MAX_CALLBACK_BYTES)
		return tooLarge(Buffer.byteLength(text, 'utf8'));

	const json = text.replace(/^\uFEFF/, '');
	if (json.trim() === '') return asCallbackObject(undefined);
	try {
		return asCallbackObject(JSON.parse(json));
	} catch {
		return invalid('The body is not JSON: Tencent Chat sends a JSON object');
	}
}

function asCallbackObject(value: unknown): BodyReading {
	if (value === undefined) return invalid('The body is empty: Tencent Chat sends a JSON object');
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
		return invalid(`The body is JSON but ${kind}: Tencent Chat sends a JSON object`);
	}
	if (Object.keys(value).length === 0)
		return invalid('The body is an empty JSON object: Tencent Chat sends its fields');
	return { ok: true, body: value as IDataObject };
}

function tooLarge(bytes: number): BodyReading {
	return {
		ok: false,
		status: 413,
		reason: `The body has ${bytes} bytes; a callback may have at most ${MAX_CALLBACK_BYTES}`,
	};
}

/** The callback's command: the query's, or else the body's own CallbackCommand. */
export function callbackCommandOf(query: CallbackQuery, body: IDataObject): string | undefined {
	if (query.callbackCommand !== undefined) return query.callbackCommand;
	return typeof body.CallbackCommand === 'string' && body.CallbackCommand !== ''
		? body.CallbackCommand
		: undefined;
}

/**
 * One output item, in the node's vocabulary: the event, when it happened (ISO 8601), the app and
 * the request's origin from the URL; Tencent's body as it sent it under `body`, its own names kept
 * apart, so that none of them is said twice.
 */
export function callbackItem(
	command: string,
	query: CallbackQuery,
	body: IDataObject,
): IDataObject {
	return {
		event: command,
		eventTime: eventTime(body.EventTime, query.requestTime),
		sdkAppId: Number(query.sdkAppId),
		clientIp: query.clientIp ?? null,
		optPlatform: query.optPlatform ?? null,
		body,
	};
}

/** The body's EventTime (ms), else the URL's RequestTime (s), as ISO; null when neither is a time. */
function eventTime(eventTimeMs: unknown, requestTime: string | undefined): string | null {
	const ms =
		typeof eventTimeMs === 'number' && Number.isFinite(eventTimeMs) && eventTimeMs > 0
			? eventTimeMs
			: requestTime === undefined
				? NaN
				: Number(requestTime) * 1000;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
