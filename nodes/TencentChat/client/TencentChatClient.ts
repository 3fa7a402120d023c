import type { LookupFunction } from 'node:net';

import { sleep } from './abort';
import { AttemptPlaces } from './callBudgets';
import { type Command, commandPath } from './commands';
import { signedQuery, type TencentChatCredentials } from './credentials';
import { exchange, type TencentChatAnswer } from './exchange';
import { ConcurrencyGate } from './gate';
import { emit } from './observer';
import { budgetsFor, type CommandBudgets, processState, sharedStoreFor } from './processState';
import { resolveBaseUrl } from './regions';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from './retryPolicy';
import { serviceText } from './serviceText';
import type { RedisBudgetStore } from './shared/redisStore';
import { TencentChatError } from './TencentChatError';
import { onWritten } from './wireTimes';

export type { TencentChatAnswer } from './exchange';

export interface ClientOptions {
	/** One attempt's limit; Tencent's backend gives up at 3 s, so this should be longer. */
	timeoutMs?: number;
	/** Retries after the first attempt, for failures that may pass. */
	maxRetries?: number;
	/** Calls of this client in flight at once. */
	maxConcurrency?: number;
	/** Backoff before the first retry; it doubles each time, with jitter. */
	retryBaseDelayMs?: number;
	/** Receives one line per retry; never given a secret. */
	log?: (message: string) => void;
	/** Receives what the user should know of the run, once each: Redis not used for the limits. */
	notice?: (message: string) => void;
	/** The network rules of the n8n instance (its SSRF protection), where it has them. */
	egress?: EgressRules;
}

/**
 * What the client needs of n8n's egress filter (`this.helpers.getSecureEgressFilter()`): a check of
 * the URL before any connection and a DNS lookup that checks each address a connection opens.
 */
export interface EgressRules {
	validateUrl(url: string): Promise<{ ok: boolean; error?: unknown }>;
	createSecureLookup(): LookupFunction;
}

export interface CallOptions {
	/** Aborts everything, requests in flight included: the execution was cancelled. */
	signal?: AbortSignal;
	/** Starts no new attempt, but lets one in flight finish: the caller is stopping. */
	stopStarting?: AbortSignal;
	/** The entity Tencent counts the command on, for commands counted per entity. */
	budgetKey?: string;
}

export interface CallResult<T> {
	body: T;
	attempts: number;
	/** An earlier attempt failed in a way that may have been carried out all the same. */
	mayHaveBeenAppliedBefore: boolean;
}

/**
 * The JSON body, or a function that makes it when the request is sent: a call waiting for its turn
 * then holds only its inputs.
 */
export type RequestBody = object | (() => object);

export const CLIENT_DEFAULTS = {
	timeoutMs: 10_000,
	maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
	maxConcurrency: 200,
};

/**
 * Tencent Chat's server REST API for one execution: signing, pacing under the app's limits (shared
 * with every execution of the process), this execution's own bound on calls in flight, retries.
 * Knows nothing of n8n.
 */
export class TencentChatClient {
	readonly baseUrl: string;
	private readonly gate: ConcurrencyGate;
	private readonly timeoutMs: number;
	private readonly retryPolicy: RetryPolicy;
	private readonly log?: (message: string) => void;
	private readonly notice?: (message: string) => void;
	/** The Redis that keeps the app's limits, when the credential names one. */
	private readonly store?: RedisBudgetStore;
	private noticedEpisode = 0;
	private readonly egress?: EgressRules;
	private readonly lookup?: LookupFunction;

	constructor(
		private readonly credentials: TencentChatCredentials,
		options: ClientOptions = {},
	) {
		this.baseUrl = resolveBaseUrl(credentials);
		this.timeoutMs = whole(
			options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs,
			1,
			2 ** 31 - 1,
			'timeoutMs',
		);
		this.gate = new ConcurrencyGate(
			whole(options.maxConcurrency ?? CLIENT_DEFAULTS.maxConcurrency, 1, 10_000, 'maxConcurrency'),
		);
		this.retryPolicy = {
			...DEFAULT_RETRY_POLICY,
			maxRetries: whole(options.maxRetries ?? CLIENT_DEFAULTS.maxRetries, 0, 100, 'maxRetries'),
			baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
		};
		this.log = options.log;
		this.notice = options.notice;
		this.store = credentials.sharedBudget ? sharedStoreFor(credentials.sharedBudget) : undefined;
		this.egress = options.egress;
		this.lookup = options.egress?.createSecureLookup();
	}

	/** Whether the instance's network rules allow the Base URL; the reason when they do not. */
	async egressRefusal(): Promise<string | undefined> {
		if (this.egress === undefined) return undefined;
		const verdict = await this.egress.validateUrl(`${this.baseUrl}/`);
		if (verdict.ok) return undefined;
		return serviceText(
			(verdict.error as Error | undefined)?.message ?? 'refused by the egress rules',
			200,
		);
	}

	/**
	 * Connects to the Redis that keeps the limits, if the credential names one; throws a
	 * CredentialError if Redis refuses the credential. A Redis away is no error: the limits are then
	 * kept by this process alone, and the first call says so.
	 */
	async connectSharedBudget(): Promise<void> {
		await this.store?.ready();
	}

	/** Sends one command, retrying what may pass; resolves only with ErrorCode 0. */
	async call<T extends TencentChatAnswer>(
		command: Command,
		body: RequestBody,
		{ signal, stopStarting, budgetKey }: CallOptions = {},
	): Promise<CallResult<T>> {
		const budgets = budgetsFor(
			this.credentials.sdkAppId,
			command,
			this.credentials.rateLimitShare,
			budgetKey,
			this.store,
		);
		const waitSignal =
			signal && stopStarting ? eitherSignal(signal, stopStarting) : (signal ?? stopStarting);
		let mayHaveBeenAppliedBefore = false;
		let renewedUserSig = false;
		let previous: TencentChatError | undefined;

		for (let attempt = 1; ; attempt++) {
			let failure: TencentChatError;
			let places: AttemptPlaces | undefined;
			await this.gate.acquire(waitSignal);
			try {
				places = await AttemptPlaces.take(budgets, command, budgetKey, waitSignal);
				if (this.store && keptAlone(budgets)) this.noticeAlone();
				emit({ kind: 'sent', command: command.name });
				const answer = await this.send<T>(command, body, places, signal);
				return { body: answer, attempts: attempt, mayHaveBeenAppliedBefore };
			} catch (error) {
				if (!(error instanceof TencentChatError) || signal?.aborted) throw error;
				failure = error;
			} finally {
				if (places) {
					places.settled();
					emit({ kind: 'settled', command: command.name });
				}
				// Released before any backoff: a call waiting to retry holds no place.
				this.gate.release();
			}

			if (failure.code === 'HOURLY_LIMIT' && previous)
				failure = afterEarlierAttempt(failure, previous);
			failure.attempts = attempt;
			places?.failedWith(failure);
			previous = failure;
			failure.mayHaveBeenApplied ||= mayHaveBeenAppliedBefore;
			const decision = decideRetry(failure, { attempt, renewedUserSig }, this.retryPolicy);
			if (decision.kind === 'fail') throw failure;

			mayHaveBeenAppliedBefore = failure.mayHaveBeenApplied;
			emit({ kind: 'retry', command: command.name, code: failure.code });
			this.log?.(
				`Tencent Chat ${command.name}: attempt ${attempt} failed with ${failure.code}, retrying (${this.retryPolicy.maxRetries - attempt + 1} left)`,
			);
			if (decision.kind === 'renewUserSig') {
				processState.userSigs.invalidate(this.credentials);
				renewedUserSig = true;
				continue;
			}
			await sleep(decision.ms, waitSignal);
		}
	}

	/** Once for each time Redis went away while this execution ran. */
	private noticeAlone(): void {
		const store = this.store as RedisBudgetStore;
		if (this.noticedEpisode === store.episode) return;
		this.noticedEpisode = store.episode;
		this.notice?.(
			`Tencent Chat's rate limits are kept by this n8n process alone, at its Share of Rate Limits (${this.credentials.rateLimitShare}%), until Redis answers again: ${store.reason}`,
		);
	}

	/** A URL safe to show: the query, which carries the UserSig, is left out. */
	describe(command: Command): string {
		return `${this.baseUrl}/v4/${commandPath(command)}`;
	}

	private async send<T extends TencentChatAnswer>(
		command: Command,
		body: RequestBody,
		places: AttemptPlaces,
		signal?: AbortSignal,
	): Promise<T> {
		const query = signedQuery(this.credentials);
		const search = new URLSearchParams(
			Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
		);
		const stopWatching = onWritten(query.random, () => places.written());
		try {
			return await exchange<T>({
				command,
				url: `${this.describe(command)}?${search}`,
				body: JSON.stringify(typeof body === 'function' ? body() : body),
				timeoutMs: this.timeoutMs,
				signal,
				// The round trip ends here, before the body is read: it teaches the pacer how late calls are counted.
				onAnswer: () => places.answered(),
				lookup: this.lookup,
			});
		} finally {
			stopWatching();
		}
	}
}

/** An hour spent by this call's own earlier attempts says what became of them: who refused, or that they may have been carried out. */
function afterEarlierAttempt(spent: TencentChatError, earlier: TencentChatError): TencentChatError {
	const who = earlier.isTransport
		? `no answer from Tencent came (${earlier.info})`
		: `Tencent answered ${earlier.code} (${earlier.info})`;
	const fate = earlier.mayHaveBeenApplied ? ', and it may have been carried out' : '';
	return new TencentChatError(
		spent.code,
		`${spent.info}. The previous attempt of this call failed: ${who}${fate}`,
		{ action: spent.action },
	);
}

/** Whether a budget kept in Redis is kept by this process alone right now. */
function keptAlone(budgets: CommandBudgets): boolean {
	return [...budgets.pacers, ...budgets.hourly].some(
		(budget) => (budget as Partial<{ shared: boolean }>).shared === false,
	);
}

function whole(value: number, min: number, max: number, name: string): number {
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
	}
	return value;
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
