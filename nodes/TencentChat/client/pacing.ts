import { onAbort } from './abort';

/**
 * Keeps the calls of every execution in this process under one per-app limit: no more than `rate`
 * calls in any window of `windowMs` (plus a margin), counted the way the service counts them.
 *
 * The service counts a call when it arrives, which is later than when it left here, by a delay
 * that varies: a burst queues in the network, in the service and in this process. Guessing that
 * delay would either waste budget or draw rejections, so the pacer learns it from the answers. A
 * call can have been counted no later than its answer came back, less the fastest round trip seen
 * (the part of every round trip that follows the count): that is the time the call is held to.
 * Round trips start when a call is written to its socket (`written`), not when the pacer let it
 * go: the wait for a connection or for a busy event loop is no part of the network's fastest round
 * trip. A call still in flight holds its place in the window until it is answered.
 *
 * So a job on an idle app sends a whole window's budget at once; each later call goes as soon as
 * the window has room, which keeps the calls at the limit, not under it. Any queueing a burst
 * causes shows in the answers and spreads the next window's calls by as much, never more.
 *
 * The rate adapts: a frequency-limit answer means someone else uses part of the app's budget; the
 * rate drops to what the service let through of ours in the last window (between half and 80% of
 * what it was), and every quiet second wins back 5% of the ceiling.
 *
 * A round trip longer than the window keeps calls in flight past it: the pace is then at most the
 * limit per round trip, the price of never counting a call out before the service can have counted it.
 */
export interface PacerOptions {
	windowMs?: number;
	marginMs?: number;
	now?: () => number;
}

/** One call let through by the pacer; hand it back to `answered` when its answer arrives. */
export interface PacedCall {
	readonly sentAt: number;
}

interface Entry extends PacedCall {
	/** When the pacer let it go, then when it was written to its socket. */
	sentAt: number;
	/** When the answer (or the failure) came back; undefined while in flight. */
	answeredAt?: number;
	rejected?: boolean;
}

interface Waiter<T = void> {
	resolve: (value: T) => void;
	/** Stops listening for the caller's abort. */
	unsubscribe?: () => void;
}

/** Joins `queue`; the promise settles when the owner wakes the waiter, or rejects on abort. */
function waitInQueue<T>(queue: Array<Waiter<T>>, signal?: AbortSignal, onLeave?: () => void): Promise<T> {
	if (signal?.aborted) return Promise.reject(signal.reason);
	return new Promise((resolve, reject) => {
		const waiter: Waiter<T> = { resolve };
		if (signal) {
			waiter.unsubscribe = onAbort(signal, () => {
				const index = queue.indexOf(waiter);
				if (index >= 0) queue.splice(index, 1);
				onLeave?.();
				reject(signal.reason);
			});
		}
		queue.push(waiter);
	});
}

function wake<T>(waiter: Waiter<T>, value: T): void {
	waiter.unsubscribe?.();
	waiter.resolve(value);
}

const DECREASE_FACTOR = 0.8;
const MAX_DECREASE_FACTOR = 0.5;
const INCREASE_SHARE = 0.05;
/** The fastest round trip is taken over the last minute or two, so that it follows the network. */
const ROUND_TRIP_MEMORY_MS = 60_000;

export class RequestPacer {
	private ceiling: number;
	private rate: number;
	/** Calls that are in flight or may still be in the window, in the order they were let through. */
	private entries: Entry[] = [];
	private readonly waiting: Array<Waiter<PacedCall>> = [];
	private timer: NodeJS.Timeout | undefined;
	private fastestRoundTrip = Number.POSITIVE_INFINITY;
	private fastestRoundTripLately = Number.POSITIVE_INFINITY;
	private roundTripMemoryFrom = Number.NEGATIVE_INFINITY;
	private lastSlowDownAt = Number.NEGATIVE_INFINITY;
	private lastRaiseAt = Number.NEGATIVE_INFINITY;
	private readonly spanMs: number;
	private readonly windowMs: number;
	private readonly now: () => number;

	/** How often the rate was cut: for benchmarks and logs. */
	slowDowns = 0;

	constructor(callsPerSecond: number, options: PacerOptions = {}) {
		this.windowMs = options.windowMs ?? 1000;
		this.spanMs = this.windowMs + (options.marginMs ?? 25);
		this.now = options.now ?? (() => performance.now());
		this.ceiling = callsPerSecond;
		this.rate = callsPerSecond;
	}

	get currentRate(): number {
		return this.rate;
	}

	/** A new budget: a rate that was at the old ceiling moves to the new one; a cut rate stays cut. */
	setCeiling(callsPerSecond: number): void {
		const atCeiling = this.rate >= this.ceiling;
		this.ceiling = callsPerSecond;
		this.rate = atCeiling ? callsPerSecond : Math.min(this.rate, callsPerSecond);
	}

	/** Resolves when a call may be sent; rejects with the signal's reason if aborted first. */
	acquire(signal?: AbortSignal): Promise<PacedCall> {
		const turn = waitInQueue(this.waiting, signal, () => this.schedule());
		this.schedule();
		return turn;
	}

	/** The call has been written to its socket: its round trip starts here, not when it was let go. */
	written(call: PacedCall): void {
		const entry = call as Entry;
		if (entry.answeredAt === undefined) entry.sentAt = Math.max(entry.sentAt, this.now());
	}

	/**
	 * The call's answer, or its failure, has come back. `roundTrip` says it was a real answer from
	 * the service, whose round trip may teach the pacer the fastest one.
	 */
	answered(call: PacedCall, { roundTrip = false } = {}): void {
		const entry = call as Entry;
		if (entry.answeredAt !== undefined) return;
		entry.answeredAt = this.now();
		if (roundTrip) this.learnRoundTrip(entry.answeredAt - entry.sentAt, entry.answeredAt);
		this.schedule();
	}

	/**
	 * The service answered "too frequent": someone else uses part of the app's budget. The rate
	 * becomes what the service let through of ours in the last window, and at most 80% of what it
	 * was; once per burst of such answers.
	 */
	slowDown(call?: PacedCall): void {
		if (call) (call as Entry).rejected = true;
		const now = this.now();
		if (now - this.lastSlowDownAt < this.windowMs / 2) return;
		// Calls still in flight are not counted: the cut is never deeper than half.
		const letThrough = this.entries.filter(
			(entry) => !entry.rejected && entry.answeredAt !== undefined && this.countedBy(entry) > now - this.spanMs,
		).length;
		this.rate = Math.max(1, this.rate * MAX_DECREASE_FACTOR, Math.min(this.rate * DECREASE_FACTOR, letThrough));
		this.lastSlowDownAt = now;
		this.lastRaiseAt = now;
		this.slowDowns++;
	}

	/** Lets waiting calls through while the window has room; then waits for a time or an answer. */
	private schedule(): void {
		if (this.timer !== undefined) {
			clearTimeout(this.timer);
			this.timer = undefined;
		}
		while (this.waiting.length > 0) {
			const now = this.now();
			this.maybeRaise(now);
			const readyAt = this.readyAt(now);
			if (readyAt > now) {
				// Infinity: every place is held by a call in flight, and its answer will call again.
				if (Number.isFinite(readyAt)) this.timer = setTimeout(() => this.schedule(), readyAt - now);
				return;
			}
			const call: Entry = { sentAt: now };
			this.entries.push(call);
			wake(this.waiting.shift() as Waiter<PacedCall>, call);
		}
	}

	/** The latest the service can have counted the call; Infinity while it is in flight. */
	private countedBy(entry: Entry): number {
		if (entry.answeredAt === undefined) return Number.POSITIVE_INFINITY;
		const roundTrip = Number.isFinite(this.fastestRoundTrip) ? this.fastestRoundTrip : 0;
		return Math.max(entry.sentAt, entry.answeredAt - roundTrip);
	}

	/** When the window has room for one more call. */
	private readyAt(now: number): number {
		this.entries = this.entries.filter((entry) => this.countedBy(entry) > now - this.spanMs);
		const limit = Math.max(1, Math.floor(this.rate));
		const mustLeave = this.entries.length - limit;
		if (mustLeave < 0) return now;
		const leaving = this.entries
			.map((entry) => this.countedBy(entry))
			.filter(Number.isFinite)
			.sort((a, b) => a - b);
		return mustLeave < leaving.length ? leaving[mustLeave] + this.spanMs : Number.POSITIVE_INFINITY;
	}

	private learnRoundTrip(roundTrip: number, now: number): void {
		if (now - this.roundTripMemoryFrom > ROUND_TRIP_MEMORY_MS) {
			// Forget round trips from long ago: the fastest becomes that of the last period with calls.
			if (Number.isFinite(this.fastestRoundTripLately)) this.fastestRoundTrip = this.fastestRoundTripLately;
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

/** A counting semaphore: at most `size` holders at once, FIFO, abortable while waiting. */
export class ConcurrencyGate {
	private active = 0;
	private readonly waiting: Array<Waiter<void>> = [];

	/** The most holders seen at once: for benchmarks. */
	peak = 0;

	constructor(private size: number) {}

	resize(size: number): void {
		this.size = size;
		this.release(0);
	}

	acquire(signal?: AbortSignal): Promise<void> {
		if (!signal?.aborted && this.active < this.size) {
			this.hold();
			return Promise.resolve();
		}
		return waitInQueue(this.waiting, signal);
	}

	release(count = 1): void {
		this.active -= count;
		while (this.active < this.size && this.waiting.length > 0) {
			const waiter = this.waiting.shift() as Waiter<void>;
			this.hold();
			wake(waiter, undefined);
		}
	}

	private hold(): void {
		this.active++;
		this.peak = Math.max(this.peak, this.active);
	}
}
