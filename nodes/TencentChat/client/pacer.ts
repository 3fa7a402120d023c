import { type Waiter, waitInQueue, wake } from './abort';

// Keeps the calls of every execution in this process under one limit: no more than `rate` calls
// in any window of `windowMs` (plus a margin), counted the way the service counts them.
//
// The service counts a call when it arrives, which is later than when it left here, by a delay
// that varies: a burst queues in the network, in the service and in this process. Guessing that
// delay would either waste budget or draw rejections, so the pacer learns it from the answers: a
// call is held to its answer less the fastest round trip seen. Round trips start when a call is
// written to its socket, not when the pacer let it go: the wait for a connection or for a busy
// event loop is no part of the network's. A call still in flight holds its place in the window
// until it is answered.
//
// What that relies on: the fastest round trip is no longer than the part of one call's round trip
// after the service counted it plus the part of the next call's before. It holds for the delays of
// a network and of a service, and when either side alone is busy: a burst that queued in the
// service comes back spread out, a busy n8n process reads answers late of calls the service counted
// at once, and in both some call goes through fast on both sides, so the fastest round trip is the
// true floor. It fails only when the service and this process take turns on the same CPUs, so
// that no call is fast on both sides (a fake server on a loaded test machine: its calls queue
// before the count while n8n runs, and are read late while the server runs).
//
// So a job on an idle app sends a whole window's budget at once; each later call goes as soon as
// the window has room, which keeps the calls at the limit, not under it. Any queueing a burst
// causes shows in the answers and spreads the next window's calls by as much, never more.
//
// The rate adapts: a frequency-limit answer means someone else uses part of the budget; the rate
// drops to what the service let through of ours in the last window (between half and 80% of what
// it was), and every quiet window wins back 5% of the ceiling.
//
// A round trip longer than the window keeps calls in flight past it: the pace is then at most the
// limit per round trip, the price of never counting a call out before the service can have counted it.

/** Time and timers, injected so that tests run the pacer on virtual time. */
export interface Clock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
	now: () => performance.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PacerOptions {
	windowMs?: number;
	marginMs?: number;
	clock?: Clock;
}

/** Told when a call settles: whether it was answered (its round trip teaches the pacer). */
export type SettledListener = (call: PacedCall, answered: boolean) => void;

const DECREASE_FACTOR = 0.8;
const MAX_DECREASE_FACTOR = 0.5;
const INCREASE_SHARE = 0.05;
/** The fastest round trip is taken over the last minute or two, so that it follows the network. */
const ROUND_TRIP_MEMORY_MS = 60_000;

/**
 * One call the pacer let through. Its methods are its lifecycle, each called at most once and in
 * this order: `written` when it reached its socket, then `answered` when the service's answer
 * arrived or `failed` when none will; `refused` after `answered` when the answer was "too frequent".
 */
export class PacedCall {
	/** When the pacer let it go, then when it was written to its socket. */
	sentAt: number;
	/** When the answer (or the failure) came back; undefined while in flight. */
	settledAt: number | undefined;
	wasRefused = false;

	constructor(private readonly pacer: RequestPacer) {
		this.sentAt = pacer.clock.now();
	}

	written(): void {
		if (this.settledAt === undefined) this.sentAt = Math.max(this.sentAt, this.pacer.clock.now());
	}

	/** The service answered: the round trip may teach the pacer the fastest one. */
	answered(): void {
		this.settle(true);
	}

	/** No answer came (a timeout, a broken connection, a cancelled execution). */
	failed(): void {
		this.settle(false);
	}

	/** The answer said "too frequent": someone else uses part of the budget. */
	refused(): void {
		this.settle(false);
		this.wasRefused = true;
		this.pacer.slowDown();
	}

	private settle(learn: boolean): void {
		if (this.settledAt !== undefined) return;
		this.settledAt = this.pacer.clock.now();
		this.pacer.settled(this, learn);
	}
}

export class RequestPacer {
	readonly clock: Clock;
	private ceiling: number;
	private rate: number;
	/** Calls that are in flight or may still be in the window, in the order they were let through. */
	private calls: PacedCall[] = [];
	private readonly waiting: Array<Waiter<PacedCall>> = [];
	private timer: unknown;
	private fastestRoundTrip = Number.POSITIVE_INFINITY;
	private fastestRoundTripLately = Number.POSITIVE_INFINITY;
	private roundTripMemoryFrom = Number.NEGATIVE_INFINITY;
	private lastSlowDownAt = Number.NEGATIVE_INFINITY;
	private lastRaiseAt = Number.NEGATIVE_INFINITY;
	private readonly spanMs: number;
	private readonly windowMs: number;
	private readonly settledListeners: SettledListener[] = [];

	/** How often the rate was cut: for logs and benchmarks. */
	slowDowns = 0;

	constructor(callsPerWindow: number, options: PacerOptions = {}) {
		if (!(Number.isInteger(callsPerWindow) && callsPerWindow >= 1)) {
			throw new RangeError(
				`A pacer needs a whole number of calls of at least 1, got ${callsPerWindow}`,
			);
		}
		this.windowMs = options.windowMs ?? 1000;
		this.spanMs = this.windowMs + (options.marginMs ?? 25);
		this.clock = options.clock ?? realClock;
		this.ceiling = callsPerWindow;
		this.rate = callsPerWindow;
	}

	get currentRate(): number {
		return this.rate;
	}

	/** A new budget: a rate that was at the old ceiling moves to the new one; a cut rate stays cut. */
	setCeiling(callsPerWindow: number): void {
		if (callsPerWindow === this.ceiling) return;
		const atCeiling = this.rate >= this.ceiling;
		this.ceiling = callsPerWindow;
		this.rate = atCeiling ? callsPerWindow : Math.min(this.rate, callsPerWindow);
	}

	/** Resolves when a call may be sent; rejects with the signal's reason if aborted first. */
	acquire(signal?: AbortSignal): Promise<PacedCall> {
		const turn = waitInQueue(this.waiting, signal, () => this.schedule());
		this.schedule();
		return turn;
	}

	/** `listener` is told of every call of this pacer that settles (a budget kept in Redis reports them). */
	onSettled(listener: SettledListener): void {
		this.settledListeners.push(listener);
	}

	/** Calls waiting for their turn: for tests and logs. */
	get queued(): number {
		return this.waiting.length;
	}

	/** @internal A call's answer or failure came back. */
	settled(call: PacedCall, learn: boolean): void {
		if (learn)
			this.learnRoundTrip((call.settledAt as number) - call.sentAt, call.settledAt as number);
		for (const listener of this.settledListeners) listener(call, learn);
		this.schedule();
	}

	/**
	 * @internal The rate becomes what the service let through of ours in the last window, and at
	 * most 80% of what it was; once per burst of "too frequent" answers.
	 */
	slowDown(): void {
		const now = this.clock.now();
		if (now - this.lastSlowDownAt < this.windowMs / 2) return;
		// Calls still in flight are not counted: the cut is never deeper than half.
		const letThrough = this.calls.filter(
			(call) =>
				!call.wasRefused &&
				call.settledAt !== undefined &&
				this.countedBy(call) > now - this.spanMs,
		).length;
		this.rate = Math.max(
			1,
			this.rate * MAX_DECREASE_FACTOR,
			Math.min(this.rate * DECREASE_FACTOR, letThrough),
		);
		this.lastSlowDownAt = now;
		this.lastRaiseAt = now;
		this.slowDowns++;
	}

	/** Lets waiting calls through while the window has room; then waits for a time or an answer. */
	private schedule(): void {
		if (this.timer !== undefined) {
			this.clock.clearTimeout(this.timer);
			this.timer = undefined;
		}
		while (this.waiting.length > 0) {
			const now = this.clock.now();
			this.maybeRaise(now);
			const readyAt = this.readyAt(now);
			if (readyAt > now) {
				// Infinity: every place is held by a call in flight, and its answer will call again.
				if (Number.isFinite(readyAt))
					this.timer = this.clock.setTimeout(() => this.schedule(), readyAt - now);
				return;
			}
			const call = new PacedCall(this);
			this.calls.push(call);
			wake(this.waiting.shift() as Waiter<PacedCall>, call);
		}
	}

	/** The latest the service can have counted the call; Infinity while it is in flight. */
	private countedBy(call: PacedCall): number {
		if (call.settledAt === undefined) return Number.POSITIVE_INFINITY;
		const roundTrip = Number.isFinite(this.fastestRoundTrip) ? this.fastestRoundTrip : 0;
		return Math.max(call.sentAt, call.settledAt - roundTrip);
	}

	/** When the window has room for one more call. */
	private readyAt(now: number): number {
		this.calls = this.calls.filter((call) => this.countedBy(call) > now - this.spanMs);
		const limit = Math.max(1, Math.floor(this.rate));
		const mustLeave = this.calls.length - limit;
		if (mustLeave < 0) return now;
		const leaving = this.calls
			.map((call) => this.countedBy(call))
			.filter(Number.isFinite)
			.sort((a, b) => a - b);
		return mustLeave < leaving.length ? leaving[mustLeave] + this.spanMs : Number.POSITIVE_INFINITY;
	}

	private learnRoundTrip(roundTrip: number, now: number): void {
		if (now - this.roundTripMemoryFrom > ROUND_TRIP_MEMORY_MS) {
			// Forget round trips from long ago: the fastest becomes that of the last period with calls.
			if (Number.isFinite(this.fastestRoundTripLately))
				this.fastestRoundTrip = this.fastestRoundTripLately;
			this.fastestRoundTripLately = Number.POSITIVE_INFINITY;
			this.roundTripMemoryFrom = now;
		}
		this.fastestRoundTripLately = Math.min(this.fastestRoundTripLately, roundTrip);
		this.fastestRoundTrip = Math.min(this.fastestRoundTrip, roundTrip);
	}

	private maybeRaise(now: number): void {
		if (this.rate >= this.ceiling || now - this.lastRaiseAt < this.windowMs) return;
		this.rate = Math.min(this.ceiling, this.rate + this.ceiling * INCREASE_SHARE);
		this.lastRaiseAt = now;
	}
}
