import { request } from 'undici';

import { onAbort } from './abort';
import { describeErrorCode } from './errorCodes';
import { sharedDispatcher } from './http';
import { LIMITS } from './limits';
import { ConcurrencyGate, type PacedCall, RequestPacer } from './pacing';
import { resolveOrigin } from './regions';
import { signedQuery, type TencentChatCredentials } from './requestForm';
import { TencentChatError } from './TencentChatError';
import { onWritten } from './wireTimes';
import { userSigCache } from './userSig';

export interface ClientOptions {
	/** One attempt's limit; Tencent's backend gives up at 3 s, so this should be longer. */
	timeoutMs?: number;
	/** Retries after the first attempt, for failures that may pass. */
	maxRetries?: number;
	/** The per-app call budget this process keeps to, shared by all its executions. */
	maxRequestsPerSecond?: number;
	/** Requests in flight at once to one origin, across the process. */
	maxConcurrency?: number;
	/** Backoff before the first retry; it doubles each time, with jitter. */
	retryBaseDelayMs?: number;
	/** Receives one line per retry; never given a secret. */
	log?: (message: string) => void;
}

export interface CallSignals {
	/** Aborts everything, requests in flight included: the execution was cancelled. */
	signal?: AbortSignal;
	/** Starts no new attempt, but lets one in flight finish: the caller is stopping. */
	stopStarting?: AbortSignal;
}

export interface CallResult<T> {
	body: T;
	attempts: number;
	/** An earlier attempt failed in a way that may have been carried out all the same. */
	mayHaveBeenAppliedBefore: boolean;
}

export interface TencentChatAnswer {
	ActionStatus: string;
	ErrorCode: number;
	ErrorInfo?: string;
}

/**
 * The JSON body, or a function that makes it when the request is sent: a call waiting for its turn
 * then holds only its inputs.
 */
export type RequestBody = object | (() => object);

const DEFAULTS = {
	timeoutMs: 10_000,
	maxRetries: 5,
	maxRequestsPerSecond: LIMITS.officialAccountCallsPerSecond,
	maxConcurrency: 200,
	retryBaseDelayMs: 250,
};
const MAX_BACKOFF_MS = 8_000;

/** Failures before a request leaves this machine: the service cannot have acted on them. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);

const pacers = new Map<string, RequestPacer>();
const gates = new Map<string, ConcurrencyGate>();

/** Counters of the whole process, for benchmarks and tests. */
export const clientStats = { retries: 0, inFlight: 0, peakInFlight: 0 };

/** Tencent Chat's server REST API: signing, pacing, retries. Knows nothing of n8n. */
export class TencentChatClient {
	readonly origin: string;
	readonly pacer: RequestPacer;
	readonly gate: ConcurrencyGate;
	private readonly options: Required<Omit<ClientOptions, 'log'>> & Pick<ClientOptions, 'log'>;

	constructor(
		private readonly credentials: TencentChatCredentials,
		options: ClientOptions = {},
	) {
		this.origin = resolveOrigin(credentials);
		this.options = { ...DEFAULTS, ...stripUndefined(options) };

		const appKey = `${credentials.sdkAppId}`;
		this.pacer = pacers.get(appKey) ?? new RequestPacer(this.options.maxRequestsPerSecond);
		this.pacer.setCeiling(this.options.maxRequestsPerSecond);
		pacers.set(appKey, this.pacer);

		this.gate = gates.get(this.origin) ?? new ConcurrencyGate(this.options.maxConcurrency);
		this.gate.resize(this.options.maxConcurrency);
		gates.set(this.origin, this.gate);
	}

	/** Sends `service/command`, retrying what may pass; resolves only with ErrorCode 0. */
	async call<T extends TencentChatAnswer>(
		service: string,
		command: string,
		body: RequestBody,
		{ signal, stopStarting }: CallSignals = {},
	): Promise<CallResult<T>> {
		const { maxRetries } = this.options;
		const waitSignal = signal && stopStarting ? eitherSignal(signal, stopStarting) : (signal ?? stopStarting);
		let mayHaveBeenAppliedBefore = false;
		let renewedUserSig = false;

		for (let attempt = 1; ; attempt++) {
			let failure: TencentChatError;
			let paced: PacedCall | undefined;
			await this.gate.acquire(waitSignal);
			try {
				paced = await this.pacer.acquire(waitSignal);
				clientStats.peakInFlight = Math.max(clientStats.peakInFlight, ++clientStats.inFlight);
				const answer = await this.send<T>(service, command, body, paced, signal);
				return { body: answer, attempts: attempt, mayHaveBeenAppliedBefore };
			} catch (error) {
				if (!(error instanceof TencentChatError) || signal?.aborted) throw error;
				failure = error;
			} finally {
				if (paced) {
					this.pacer.answered(paced);
					clientStats.inFlight--;
				}
				// Released before any backoff: a call waiting to retry holds no slot.
				this.gate.release();
			}

			failure.attempts = attempt;
			failure.mayHaveBeenApplied ||= mayHaveBeenAppliedBefore;
			const renew = failure.action === 'renewUserSig';
			if (!failure.retryable || attempt > maxRetries || (renew && renewedUserSig)) throw failure;

			mayHaveBeenAppliedBefore = failure.mayHaveBeenApplied;
			if (failure.action === 'slowDown') this.pacer.slowDown(paced);
			clientStats.retries++;
			this.options.log?.(
				`Tencent Chat ${command}: attempt ${attempt} failed with ${failure.code}, retrying (${maxRetries - attempt + 1} left)`,
			);
			if (renew) {
				userSigCache.invalidate(this.credentials);
				renewedUserSig = true;
				continue;
			}
			await sleep(this.backoff(attempt), waitSignal);
		}
	}

	/** A URL safe to show: the query, which carries the UserSig, is left out. */
	describe(service: string, command: string): string {
		return `${this.origin}/v4/${service}/${command}`;
	}

	private async send<T extends TencentChatAnswer>(
		service: string,
		command: string,
		body: RequestBody,
		paced: PacedCall,
		signal?: AbortSignal,
	): Promise<T> {
		const attempt = abortableAttempt(this.options.timeoutMs, signal);
		const query = signedQuery(this.credentials);
		const stopWatching = onWritten(query.random, () => this.pacer.written(paced));
		let statusCode: number;
		let text: string;
		try {
			const response = await request(this.url(service, command, query), {
				method: 'POST',
				dispatcher: sharedDispatcher(),
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(typeof body === 'function' ? body() : body),
				signal: attempt.signal,
				headersTimeout: this.options.timeoutMs,
				bodyTimeout: this.options.timeoutMs,
			});
			// The round trip ends here, before the body is read: it teaches the pacer how late calls are counted.
			this.pacer.answered(paced, { roundTrip: true });
			statusCode = response.statusCode;
			text = await response.body.text();
		} catch (cause) {
			if (signal?.aborted) throw signal.reason;
			throw transportError(cause, attempt.timedOut(), this.options.timeoutMs);
		} finally {
			stopWatching();
			attempt.done();
		}

		if (statusCode !== 200) {
			const error = new TencentChatError(`HTTP_${statusCode}`, `the server answered HTTP ${statusCode}`, {
				action: statusCode >= 500 || statusCode === 429 ? 'retry' : 'reject',
			});
			error.mayHaveBeenApplied = statusCode >= 500;
			throw error;
		}

		const answer = parseAnswer(text);
		if (answer === undefined) {
			const error = new TencentChatError('INVALID_RESPONSE', `the answer is not a Tencent Chat answer: ${redact(preview(text))}`, {
				action: 'retry',
			});
			error.mayHaveBeenApplied = true;
			throw error;
		}
		if (answer.ErrorCode !== 0 || answer.ActionStatus !== 'OK') {
			throw new TencentChatError(answer.ErrorCode, answer.ErrorInfo || 'no ErrorInfo given', describeErrorCode(answer.ErrorCode));
		}
		return answer as T;
	}

	private url(service: string, command: string, query: ReturnType<typeof signedQuery>): string {
		const search = new URLSearchParams(
			Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
		);
		return `${this.describe(service, command)}?${search}`;
	}

	private backoff(attempt: number): number {
		const ceiling = Math.min(MAX_BACKOFF_MS, this.options.retryBaseDelayMs * 2 ** (attempt - 1));
		return ceiling / 2 + Math.random() * (ceiling / 2);
	}
}

function parseAnswer(text: string): TencentChatAnswer | undefined {
	let answer: unknown;
	try {
		answer = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (typeof answer !== 'object' || answer === null) return undefined;
	const { ActionStatus, ErrorCode } = answer as Record<string, unknown>;
	if (typeof ActionStatus !== 'string' || typeof ErrorCode !== 'number') return undefined;
	return answer as TencentChatAnswer;
}

function transportError(cause: unknown, timedOut: boolean, timeoutMs: number): TencentChatError {
	const code = timedOut ? 'ETIMEDOUT' : networkCode(cause);
	const info = timedOut ? `no answer within ${timeoutMs} ms` : `network error: ${redact(String((cause as Error)?.message ?? cause))}`;
	const error = new TencentChatError(code, info, { action: 'retry' });
	error.mayHaveBeenApplied = !NOT_SENT_CODES.has(code);
	return error;
}

/** Should a lower layer ever quote the URL, its UserSig does not travel on. */
export function redact(text: string): string {
	return text.replace(/usersig=[^&\s"']*/gi, 'usersig=***');
}

function networkCode(cause: unknown): string {
	let current = cause as { code?: unknown; cause?: unknown } | undefined;
	while (current) {
		if (typeof current.code === 'string' && current.code !== 'UND_ERR_SOCKET') return current.code;
		current = current.cause as typeof current;
	}
	return (cause as { code?: string })?.code ?? 'NETWORK_ERROR';
}

function preview(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat || '(empty body)';
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

/** One signal for both, made once per pair: every call of an execution shares it. */
const eitherSignals = new WeakMap<AbortSignal, WeakMap<AbortSignal, AbortSignal>>();
function eitherSignal(first: AbortSignal, second: AbortSignal): AbortSignal {
	const bySecond = eitherSignals.get(first) ?? new WeakMap<AbortSignal, AbortSignal>();
	eitherSignals.set(first, bySecond);
	const either = bySecond.get(second) ?? AbortSignal.any([first, second]);
	bySecond.set(second, either);
	return either;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) return Promise.reject(signal.reason);
	return new Promise((resolve, reject) => {
		const unsubscribe = signal
			? onAbort(signal, () => {
					clearTimeout(timer);
					reject(signal.reason);
				})
			: undefined;
		const timer = setTimeout(() => {
			unsubscribe?.();
			resolve();
		}, ms);
	});
}

function stripUndefined<T extends object>(options: T): Partial<T> {
	return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
