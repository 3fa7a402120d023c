import type { LookupFunction } from 'node:net';
import { request } from 'undici';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

import { onAbort } from './abort';
import type { Command } from './commands';
import { describeErrorCode } from './errorCodes';
import { sharedDispatcher } from './pool';
import { previewBody, serviceText } from './serviceText';
import { TencentChatError } from './TencentChatError';

// One HTTP exchange with the service: send, read a bounded answer, and turn whatever comes back
// (Tencent's JSON, a gateway's page, a redirect, a broken connection) into an answer or a
// TencentChatError that says whether the call may have been carried out.

export interface TencentChatAnswer {
	ActionStatus: string;
	ErrorCode: number;
	ErrorInfo?: string;
}

export interface ExchangeInput {
	command: Command;
	url: string;
	body: string;
	timeoutMs: number;
	/** The execution was cancelled: abort at once. */
	signal?: AbortSignal;
	/** The answer's headers arrived: the round trip ends here. */
	onAnswer: () => void;
	/** The DNS lookup connections must use (n8n's egress rules), if any. */
	lookup?: LookupFunction;
}

/** Failures before a request leaves this machine: the service cannot have acted on them. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'UND_ERR_CONNECT_TIMEOUT',
	'EHOSTUNREACH',
]);

export async function exchange<T extends TencentChatAnswer>(input: ExchangeInput): Promise<T> {
	const { command, signal } = input;
	const attempt = abortableAttempt(input.timeoutMs, signal);
	let statusCode: number;
	let headers: Record<string, string | string[] | undefined>;
	let raw: Buffer;
	try {
		const response = await request(input.url, {
			method: 'POST',
			dispatcher: sharedDispatcher(input.lookup),
			headers: { 'content-type': 'application/json' },
			body: input.body,
			signal: attempt.signal,
			headersTimeout: input.timeoutMs,
			bodyTimeout: input.timeoutMs,
		});
		input.onAnswer();
		statusCode = response.statusCode;
		headers = response.headers;
		if (statusCode !== 200) {
			// Nothing in a non-200 body is read: it is a gateway's, not Tencent's.
			discard(response.body);
			throw statusError(statusCode, headers);
		}
		raw = await readBounded(response.body, command.maxAnswerBytes);
	} catch (cause) {
		if (signal?.aborted) throw signal.reason;
		if (cause instanceof TencentChatError) throw cause;
		throw transportError(cause, attempt.timedOut(), input.timeoutMs);
	} finally {
		attempt.done();
	}

	const body = decode(raw, headers['content-encoding'], command.maxAnswerBytes);
	const answer = parseAnswer(body);
	if (answer === undefined) {
		throw new TencentChatError(
			'INVALID_RESPONSE',
			`the answer is not a Tencent Chat answer: ${previewBody(body)}`,
			{
				action: 'retry',
				mayHaveBeenApplied: true,
			},
		);
	}
	if (answer.ErrorCode !== 0 || answer.ActionStatus !== 'OK') {
		const info = serviceText(answer.ErrorInfo) || 'no ErrorInfo given';
		throw new TencentChatError(
			answer.ErrorCode,
			info,
			describeErrorCode(command, answer.ErrorCode),
		);
	}
	return answer as T;
}

/** Reads at most `limit` bytes; past it, stops reading and fails as a call that may have been applied. */
async function readBounded(
	body: Discardable & AsyncIterable<Buffer>,
	limit: number,
): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of body) {
		length += chunk.length;
		if (length > limit) {
			discard(body);
			throw tooLarge(limit);
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks, length);
}

interface Discardable {
	on(event: 'error', listener: () => void): unknown;
	destroy(): void;
}

/** Stops reading an answer and closes its connection; the abort that follows is expected, not an error. */
function discard(body: Discardable): void {
	body.on('error', () => undefined);
	body.destroy();
}

function tooLarge(limit: number): TencentChatError {
	return new TencentChatError(
		'ANSWER_TOO_LARGE',
		`the answer is larger than ${limit} bytes, more than any Tencent Chat answer; it was not read`,
		{
			action: 'retry',
			mayHaveBeenApplied: true,
		},
	);
}

/** A compressed answer is inflated up to the same bound as a plain one. */
function decode(raw: Buffer, encoding: string | string[] | undefined, limit: number): Buffer {
	const name = String(encoding ?? 'identity')
		.trim()
		.toLowerCase();
	const options = { maxOutputLength: limit };
	try {
		if (name === 'identity' || name === '') return raw;
		if (name === 'gzip' || name === 'x-gzip') return gunzipSync(raw, options);
		if (name === 'deflate') return inflateSync(raw, options);
		if (name === 'br') return brotliDecompressSync(raw, options);
	} catch (error) {
		if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
		throw new TencentChatError('INVALID_RESPONSE', `the answer's ${name} encoding is broken`, {
			action: 'retry',
			mayHaveBeenApplied: true,
		});
	}
	throw new TencentChatError(
		'INVALID_RESPONSE',
		`the answer has an encoding the node cannot read (${serviceText(name, 40)})`,
		{
			action: 'retry',
			mayHaveBeenApplied: true,
		},
	);
}

function statusError(
	statusCode: number,
	headers: Record<string, string | string[] | undefined>,
): TencentChatError {
	if (statusCode >= 300 && statusCode < 400) {
		const location = serviceText(headers.location ?? '(no Location given)', 200);
		return new TencentChatError(
			`HTTP_${statusCode}`,
			`the server redirected the request to ${location}`,
			{
				action: 'configuration',
				field: 'region',
				hint: 'Tencent Chat does not redirect API calls: check the Region, or set the Base URL to the address the request was sent to.',
			},
		);
	}
	const retryAfterMs = parseRetryAfter(headers['retry-after']);
	if (statusCode === 429) {
		const error = new TencentChatError(
			'HTTP_429',
			'the server answered HTTP 429 (too many requests)',
			{ action: 'slowDown' },
		);
		error.retryAfterMs = retryAfterMs;
		return error;
	}
	if (statusCode >= 500) {
		const error = new TencentChatError(
			`HTTP_${statusCode}`,
			`the server answered HTTP ${statusCode}`,
			{
				action: 'retry',
				mayHaveBeenApplied: true,
			},
		);
		error.retryAfterMs = retryAfterMs;
		return error;
	}
	return new TencentChatError(`HTTP_${statusCode}`, `the server answered HTTP ${statusCode}`, {
		action: 'reject',
	});
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
	value: string | string[] | undefined,
	now = Date.now(),
): number | undefined {
	const text = (Array.isArray(value) ? value[0] : value)?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseAnswer(body: Buffer): TencentChatAnswer | undefined {
	let answer: unknown;
	try {
		answer = JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
	if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return undefined;
	const { ActionStatus, ErrorCode } = answer as Record<string, unknown>;
	if (typeof ActionStatus !== 'string' || typeof ErrorCode !== 'number') return undefined;
	return answer as TencentChatAnswer;
}

/** Network failures in words: the codes themselves would make n8n replace the message. */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the server refused the connection',
	ECONNRESET: 'the connection was closed before an answer came',
	UND_ERR_SOCKET: 'the connection was closed before an answer came',
	EPIPE: 'the connection was closed while the request was sent',
	ENOTFOUND: 'the server name was not found (DNS)',
	EAI_AGAIN: 'the DNS lookup failed for now',
	EHOSTUNREACH: 'the server cannot be reached from here',
	UND_ERR_CONNECT_TIMEOUT: 'no connection could be made in time',
	UND_ERR_HEADERS_TIMEOUT: 'no answer came in time',
	UND_ERR_BODY_TIMEOUT: 'the answer stopped coming',
};

function transportError(cause: unknown, timedOut: boolean, timeoutMs: number): TencentChatError {
	const code = timedOut ? 'ETIMEDOUT' : networkCode(cause);
	const words = NETWORK_FAILURES[code];
	const info = timedOut
		? `no answer within ${timeoutMs} ms`
		: `network error: ${words ?? serviceText((cause as Error)?.message ?? cause, 200).replace(/\bE[A-Z_]{4,}\b/g, '')}`;
	return new TencentChatError(code, info, {
		action: 'retry',
		mayHaveBeenApplied: !NOT_SENT_CODES.has(code),
	});
}

function networkCode(cause: unknown): string {
	let current = cause as { code?: unknown; cause?: unknown } | undefined;
	while (current) {
		if (typeof current.code === 'string' && current.code !== 'UND_ERR_SOCKET') return current.code;
		current = current.cause as typeof current;
	}
	const code = (cause as { code?: unknown })?.code;
	return typeof code === 'string' ? code : 'NETWORK_ERROR';
}

/**
 * One attempt's signal: aborts on the caller's signal or after `timeoutMs`. Unlike
 * AbortSignal.timeout and AbortSignal.any, `done()` lets go of the timer and the listener at once,
 * so that a job of a thousand calls keeps no thousand timers alive for `timeoutMs`.
 */
function abortableAttempt(timeoutMs: number, signal?: AbortSignal) {
	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort(new Error(`no answer within ${timeoutMs} ms`));
	}, timeoutMs);
	const unsubscribe = signal ? onAbort(signal, () => controller.abort(signal.reason)) : undefined;
	if (signal?.aborted) controller.abort(signal.reason);
	return {
		signal: controller.signal,
		timedOut: () => timedOut,
		done: () => {
			clearTimeout(timer);
			unsubscribe?.();
		},
	};
}
