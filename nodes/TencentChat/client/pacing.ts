/**
 * Keeps the calls of every execution in this process under one per-app limit.
 *
 * Two rules hold together. No window of `windowMs + marginMs` ever holds more than the current
 * rate's worth of calls: the margin absorbs the jitter between when a call leaves here and when the
 * service counts it, so a service that counts any sliding second never sees more than its limit.
 * Within that, calls are spaced evenly (a "generic cell rate" schedule). Credit for a burst builds
 * up only while the pacer is idle, never while the window holds calls back: a job that starts on an
 * idle app spends the first window's budget at once, then the load stays smooth instead of coming
 * in a burst each time the window moves on.
 *
 * The rate adapts: a frequency-limit answer (someone else is using part of the app's budget)
 * cuts it by 20%, and every quiet second wins back 5% of the ceiling.
 */
export interface PacerOptions {
	windowMs?: number;
	marginMs?: number;
	now?: () => number;
}

interface Waiter {
	resolve: () => void;
	signal?: AbortSignal;
	onAbort?: () => void;
}

/** Joins `queue`; the promise settles when the owner wakes the waiter, or rejects on abort. */
function waitInQueue(queue: Waiter[], signal?: AbortSignal, onLeave?: () => void): Promise<void> {
	if (signal?.aborted) return Promise.reject(signal.reason);
	return new Promise((resolve, reject) => {
		const waiter: Waiter = { resolve, signal };
		if (signal) {
			waiter.onAbort = () => {
				const index = queue.indexOf(waiter);
				if (index >= 0) queue.splice(index, 1);
				onLeave?.();
				reject(signal.reason);
			};
			signal.addEventListener('abort', waiter.onAbort, { once: true });
		}
		queue.push(waiter);
	});
}

function wake(waiter: Waiter): void {
	if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
	waiter.resolve();
}

const BURST_SHARE_OF_WINDOW = 1;
const DECREASE_FACTOR = 0.8;
const INCREASE_SHARE = 0.05;

export class RequestPacer {
	private ceiling: number;
	private rate: number;
	private nextSlotAt = 0;
	private readonly sentAt: number[] = [];
	private readonly waiting: Waiter[] = [];
	private timer: NodeJS.Timeout | undefined;
	/** The next call waits for the window, not for its place in the spacing. */
	private heldByWindow = false;
	private lastSlowDownAt = Number.NEGATIVE_INFINITY;
	private lastRaiseAt = Number.NEGATIVE_INFINITY;
	private readonly windowMs: number;
	private readonly marginMs: number;
	private readonly now: () => number;

	/** How often the rate was cut: for benchmarks and logs. */
	slowDowns = 0;

	constructor(callsPerSecond: number, options: PacerOptions = {}) {
		this.windowMs = options.windowMs ?? 1000;
		this.marginMs = options.marginMs ?? 50;
		this.now = options.now ?? (() => performance.now());
		this.ceiling = callsPerSecond;
		this.rate = callsPerSecond;
	}

	get currentRate(): number {
		return this.rate;
	}

	setCeiling(callsPerSecond: number): void {
		this.ceiling = callsPerSecond;
		this.rate = Math.min(this.rate, callsPerSecond);
	}

	/** Resolves when a call may be sent; rejects with the signal's reason if aborted first. */
	acquire(signal?: AbortSignal): Promise<void> {
		const turn = waitInQueue(this.waiting, signal, () => this.stopTimerIfIdle());
		this.pump();
		return turn;
	}

	/** The service answered "too frequent": slow down once per burst of such answers. */
	slowDown(): void {
		const now = this.now();
		if (now - this.lastSlowDownAt < this.windowMs / 2) return;
		this.rate = Math.max(1, this.rate * DECREASE_FACTOR);
		this.lastSlowDownAt = now;
		this.lastRaiseAt = now;
		this.slowDowns++;
	}

	private stopTimerIfIdle(): void {
		if (this.waiting.length > 0 || this.timer === undefined) return;
		clearTimeout(this.timer);
		this.timer = undefined;
	}

	private pump(): void {
		if (this.timer !== undefined) return;
		while (this.waiting.length > 0) {
			const now = this.now();
			this.maybeRaise(now);
			const readyAt = this.readyAt(now);
			if (readyAt > now) {
				this.heldByWindow = readyAt > this.spacedAt(now);
				this.timer = setTimeout(() => {
					this.timer = undefined;
					this.pump();
				}, readyAt - now);
				return;
			}
			const waiter = this.waiting.shift() as Waiter;
			this.take(now);
			wake(waiter);
		}
	}

	private interval(): number {
		return (this.windowMs + this.marginMs) / this.rate;
	}

	private burstTolerance(): number {
		return Math.max(2 * this.interval(), this.windowMs * BURST_SHARE_OF_WINDOW);
	}

	/** When the spacing alone lets the next call go. */
	private spacedAt(now: number): number {
		return Math.max(now, this.nextSlotAt - this.burstTolerance());
	}

	/** When the spacing and the window both let the next call go. */
	private readyAt(now: number): number {
		const inWindow = Math.max(1, Math.floor(this.rate));
		if (this.sentAt.length < inWindow) return this.spacedAt(now);
		const oldest = this.sentAt[this.sentAt.length - inWindow];
		return Math.max(this.spacedAt(now), oldest + this.windowMs + this.marginMs);
	}

	private take(now: number): void {
		// After the window held calls back, spacing starts afresh: no credit for the time waited.
		const earliest = this.heldByWindow ? now + this.burstTolerance() : now;
		this.heldByWindow = false;
		this.nextSlotAt = Math.max(this.nextSlotAt, earliest) + this.interval();
		this.sentAt.push(now);
		const keep = Math.ceil(this.ceiling);
		if (this.sentAt.length > keep * 2) this.sentAt.splice(0, this.sentAt.length - keep);
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
	private readonly waiting: Waiter[] = [];

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
			const waiter = this.waiting.shift() as Waiter;
			this.hold();
			wake(waiter);
		}
	}

	private hold(): void {
		this.active++;
		this.peak = Math.max(this.peak, this.active);
	}
}
