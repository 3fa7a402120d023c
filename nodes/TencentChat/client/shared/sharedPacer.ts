import { onAbort, type Waiter, waitInQueue, wake } from '../abort';
import { type PacedCall, RequestPacer } from '../pacer';
import type { RedisBudgetStore } from './redisStore';

// One budget of Tencent's (a command's calls a second for the app, or for one key of it) kept in
// Redis for every n8n process that uses the app, in front of this process's own pacer.
//
// A call needs a slot of the shared window before this process's pacer lets it go. Slots are
// reserved a few at a time (a block: about 50 ms of calls at the limit, more when Redis is far),
// so a job at 200 calls a second makes a round trip every ~50 ms, not one per call. Each call's
// slot is then held to the time the service can have counted it (the pacer's own reckoning,
// reported back with the next round trip), so the shared window fills as exactly as a single
// process's. Slots not used are given back; a worker that dies holds its slots for a lease.
//
// Without Redis (unreachable, failing, slower than REDIS_TIMEOUT_MS, or a window that lost slots)
// the process's own pacer keeps the credential's share alone, as when Redis is not configured:
// - on leaving Redis, it first lets a window pass from its last shared slot, since other
//   workers' calls of that window are known to Redis only;
// - on coming back, its calls made meanwhile are written into the shared window, and for one
//   window it keeps to its share as well, while the other workers come back too.

/** A provisional slot (unused, or its call in flight) holds the window this long. */
export const LEASE_MS = 15_000;
/** Calls still in flight after this have their lease renewed. */
const RENEW_AFTER_MS = 5_000;
/** Settled calls are reported at most this late when no slot is being asked for. */
const REPORT_DELAY_MS = 20;
/** How often a worker asks again while the window is held by calls in flight. */
const POLL_MS = 20;
/**
 * Several workers fill the shared window with no slack between their calls, where one process's
 * own calls leave some: each call is taken for counted this much later than the process's pacer
 * takes it, at a cost of 1% of a window.
 */
const CUSHION_MS = 10;
/** While Redis is away, how often calls waiting alone check whether it is back. */
const WATCH_MS = 250;
/** A block covers at least this much of the limit's time, and twice Redis's round trip. */
const BLOCK_MS = 50;

interface Slot {
	member: string;
	/** When Redis gave it. */
	at: number;
	/** From when it may be used: a slot given ahead waits for the one it replaces to leave. */
	validAt: number;
}

interface Entry {
	member: string;
	/** Whether Redis holds this call's slot; false for calls made while Redis was away. */
	inRedis: boolean;
	renewedAt: number;
	/** The latest the service can have counted it, on this process's clock, once settled. */
	countedBy?: number;
}

type Report =
	| { kind: 'c' | 'a'; member: string; countedBy: number }
	| { kind: 'l' | 'r'; member: string }
	| { kind: 'a'; member: string; countedBy: undefined };

export interface SharedPacerOptions {
	/** Ceiling with Redis: the app's limit (times the share every worker together may use). */
	sharedCeiling: number;
	/** Ceiling without Redis: this process's share. */
	aloneCeiling: number;
	windowMs: number;
	marginMs: number;
	/** Names the budget in messages. */
	name: string;
	/** Where Redis keeps the fastest round trip to the service any worker of the app saw lately. */
	fastestKey: string;
}

export class SharedPacer {
	readonly local: RequestPacer;
	/** Round trips to Redis: for tests and benchmarks. */
	roundTrips = 0;
	private sharedCeiling: number;
	private aloneCeiling: number;
	private readonly spanMs: number;
	private readonly free: Slot[] = [];
	private readonly waiting: Array<Waiter<Slot | undefined>> = [];
	private readonly inFlight = new Map<PacedCall, Entry>();
	/** Settled calls that may still be in the window, oldest first: written into Redis on coming back. */
	private recent: Entry[] = [];
	private reports: Report[] = [];
	private reserving = false;
	private retryTimer: unknown;
	private validTimer: unknown;
	private flushTimer: unknown;
	private renewTimer: unknown;
	private watchTimer: unknown;
	private back: AbortController | undefined;
	private waitingAlone = 0;
	private seq = 0;
	private lastSlotAt = Number.NEGATIVE_INFINITY;
	private withRedis = true;
	private roundTripMs = 1;
	/** The fastest round trip to the service this process saw (Redis keeps the fastest of all workers for a minute). */
	private fastestMs = Number.POSITIVE_INFINITY;
	private fastestOfAllMs = Number.POSITIVE_INFINITY;

	/**
	 * `local` is this process's own pacer of the same budget, the one it uses without Redis: it
	 * knows the process's calls and round trips, whichever credential made them.
	 */
	constructor(
		private readonly store: RedisBudgetStore,
		private readonly key: string,
		private readonly options: SharedPacerOptions,
		local?: RequestPacer,
	) {
		this.sharedCeiling = options.sharedCeiling;
		this.aloneCeiling = options.aloneCeiling;
		this.spanMs = options.windowMs + options.marginMs;
		this.local =
			local ??
			new RequestPacer(options.aloneCeiling, {
				windowMs: options.windowMs,
				marginMs: options.marginMs,
				clock: store.clock,
			});
		this.local.onSettled((call, answered) => this.settled(call, answered));
	}

	/** New ceilings (the credential's shares changed). */
	setCeilings(sharedCeiling: number, aloneCeiling: number): void {
		this.sharedCeiling = sharedCeiling;
		this.aloneCeiling = aloneCeiling;
	}

	/** Whether calls are paced through Redis right now. */
	get shared(): boolean {
		return this.withRedis;
	}

	/** Resolves when a call may be sent; rejects with the signal's reason if aborted first. */
	async acquire(signal?: AbortSignal): Promise<PacedCall> {
		for (;;) {
			if (!this.store.usable()) return await this.acquireAlone(signal);
			this.backWithRedis();
			const slot = await this.takeSlot(signal);
			if (slot === undefined) continue;
			const now = this.store.clock.now();
			const returnedAt = this.store.returnedAt;
			const justBack = returnedAt !== undefined && now < returnedAt + this.spanMs;
			this.local.setCeiling(
				justBack ? Math.min(this.aloneCeiling, this.sharedCeiling) : this.sharedCeiling,
			);
			let call: PacedCall;
			try {
				call = await this.local.acquire(signal);
			} catch (error) {
				this.free.unshift(slot);
				this.pump();
				throw error;
			}
			this.track(call, slot.member, true);
			return call;
		}
	}

	private async acquireAlone(signal?: AbortSignal): Promise<PacedCall> {
		if (this.withRedis) this.leaveRedis();
		this.local.setCeiling(this.aloneCeiling);
		// Calls waiting here go back to Redis as soon as it answers: `back` aborts their wait.
		this.back ??= new AbortController();
		const back = this.back.signal;
		const either = signal ? AbortSignal.any([signal, back]) : back;
		this.waitingAlone++;
		this.watchForRedis();
		try {
			const from = this.lastSlotAt + this.spanMs;
			const now = this.store.clock.now();
			if (from > now) await this.sleep(from - now, either);
			const call = await this.local.acquire(either);
			this.track(call, this.nextMember(), false);
			return call;
		} catch (error) {
			if (back.aborted && !signal?.aborted) return await this.acquire(signal);
			throw error;
		} finally {
			this.waitingAlone--;
		}
	}

	/** While calls wait alone, asks now and then whether Redis answers again. */
	private watchForRedis(): void {
		if (this.watchTimer !== undefined) return;
		this.watchTimer = this.timer(() => {
			this.watchTimer = undefined;
			if (this.waitingAlone === 0) return;
			if (this.store.usable()) {
				this.back?.abort();
				this.back = undefined;
			} else {
				this.watchForRedis();
			}
		}, WATCH_MS);
	}

	private track(call: PacedCall, member: string, inRedis: boolean): void {
		this.inFlight.set(call, { member, inRedis, renewedAt: this.store.clock.now() });
		if (inRedis && this.renewTimer === undefined) {
			this.renewTimer = this.timer(() => {
				this.renewTimer = undefined;
				if ([...this.inFlight.values()].some((entry) => entry.inRedis)) this.flushSoon();
			}, RENEW_AFTER_MS);
		}
	}

	/**
	 * As the process's pacer reckons it, but with the fastest round trip of every worker: a worker
	 * that starts while others keep the service busy sees only round trips that waited in the
	 * service's queue, and would take its calls for counted earlier than they were.
	 */
	private settled(call: PacedCall, answered: boolean): void {
		const entry = this.inFlight.get(call);
		if (entry === undefined) return;
		this.inFlight.delete(call);
		const settledAt = call.settledAt as number;
		if (answered) this.fastestMs = Math.min(this.fastestMs, settledAt - call.sentAt);
		const fastest = Math.min(this.fastestMs, this.fastestOfAllMs);
		const countedBy = Math.max(
			call.sentAt,
			settledAt - (Number.isFinite(fastest) ? Math.max(0, fastest - CUSHION_MS) : 0),
		);
		entry.countedBy = countedBy;
		const now = this.store.clock.now();
		this.recent = this.recent.filter((old) => (old.countedBy as number) + this.spanMs > now);
		this.recent.push(entry);
		if (entry.inRedis) {
			this.reports.push({ kind: 'c', member: entry.member, countedBy });
			this.flushSoon();
		}
	}

	private takeSlot(signal?: AbortSignal): Promise<Slot | undefined> {
		this.dropStaleSlots();
		if (
			this.free.length > 0 &&
			this.waiting.length === 0 &&
			this.free[0].validAt <= this.store.clock.now()
		) {
			return Promise.resolve(this.free.shift());
		}
		const turn = waitInQueue(this.waiting, signal, () => this.pump());
		this.pump();
		return turn;
	}

	/**
	 * Hands out the slots that are valid; asks Redis for more while calls wait beyond the slots in
	 * hand, keeping at most a block ahead, when no answer or retry is pending.
	 */
	private pump(): void {
		const now = this.store.clock.now();
		while (this.free.length > 0 && this.waiting.length > 0 && this.free[0].validAt <= now) {
			wake(this.waiting.shift() as Waiter<Slot | undefined>, this.free.shift());
		}
		this.cancel('validTimer');
		if (this.free.length > 0 && this.waiting.length > 0) {
			this.validTimer = this.timer(() => {
				this.validTimer = undefined;
				this.pump();
			}, this.free[0].validAt - now);
		}
		if (this.reserving || this.retryTimer !== undefined) return;
		if (this.waiting.length > this.free.length && this.free.length < this.blockSize())
			void this.reserve();
		else if (this.waiting.length === 0 && this.free.length > 0) this.flushSoon();
	}

	private flushSoon(): void {
		if (this.flushTimer !== undefined) return;
		this.flushTimer = this.timer(() => {
			this.flushTimer = undefined;
			if (this.reserving) return;
			void this.reserve();
		}, REPORT_DELAY_MS);
	}

	/** One round trip: reports, and a block of slots for the calls waiting. */
	private async reserve(): Promise<void> {
		const clock = this.store.clock;
		this.reserving = true;
		this.cancel('flushTimer');
		const block = this.blockSize();
		const want = Math.max(0, Math.min(block, this.waiting.length - this.free.length));
		if (this.waiting.length === 0) {
			for (const slot of this.free.splice(0)) this.reports.push({ kind: 'r', member: slot.member });
		}
		const sentAt = clock.now();
		for (const entry of this.inFlight.values()) {
			if (entry.inRedis && sentAt - entry.renewedAt >= RENEW_AFTER_MS) {
				entry.renewedAt = sentAt;
				this.reports.push({ kind: 'l', member: entry.member });
			}
		}
		const reports = this.reports;
		this.reports = [];
		const first = this.seq;
		this.seq += want;
		const fastest = Number.isFinite(this.fastestMs) ? Math.floor(this.fastestMs) : '';
		const args: Array<string | number> = [
			this.sharedCeiling,
			this.spanMs,
			LEASE_MS,
			want,
			`${this.store.worker}:`,
			first,
			fastest,
		];
		for (const report of reports) {
			const ms = report.kind === 'c' || report.kind === 'a' ? report.countedBy : undefined;
			args.push(
				report.kind,
				report.member,
				ms === undefined ? '' : Math.max(0, Math.floor(sentAt - ms)),
			);
		}
		let answer: number[];
		this.roundTrips++;
		try {
			answer = await this.store.run('reserve', [this.key, this.options.fastestKey], args);
		} catch {
			this.reserving = false;
			this.leaveRedis(reports.filter((report) => report.kind === 'r'));
			return;
		} finally {
			// Up at once when Redis slows down, down slowly: a block must cover the round trips to come.
			const roundTrip = clock.now() - sentAt;
			this.roundTripMs = Math.max(roundTrip, 0.8 * this.roundTripMs + 0.2 * roundTrip);
		}
		this.reserving = false;
		const [missing, fastestOfAll, ...validIn] = answer;
		if (fastestOfAll >= 0) this.fastestOfAllMs = fastestOfAll;
		const now = clock.now();
		const slots = validIn.map((ms, n) => ({
			member: `${this.store.worker}:${first + n}`,
			at: now,
			validAt: now + ms,
		}));
		if (missing > 0) {
			this.store.fault(
				`Redis at ${this.store.where} lost slots of ${this.options.name} (evicted or flushed)`,
			);
			this.leaveRedis(slots.map(({ member }) => ({ kind: 'r', member })));
			return;
		}
		this.free.push(...slots);
		this.free.sort((a, b) => a.validAt - b.validAt);
		if (slots.length > 0)
			this.lastSlotAt = Math.max(this.lastSlotAt, slots[slots.length - 1].validAt);
		if (slots.length < want) {
			// The oldest slots are held by calls in flight: when they leave is known once they are answered.
			this.retryTimer = this.timer(() => {
				this.retryTimer = undefined;
				this.pump();
			}, POLL_MS);
		}
		this.pump();
		if (this.reports.length > 0 && !this.reserving) this.flushSoon();
	}

	/** Redis failed: slots it may hold are given back when it answers again; the calls waiting go on alone. */
	private leaveRedis(releases: Report[] = []): void {
		this.withRedis = false;
		this.reports = [...releases, ...this.reports.filter((report) => report.kind === 'r')];
		for (const slot of this.free.splice(0)) this.reports.push({ kind: 'r', member: slot.member });
		for (const entry of [...this.inFlight.values(), ...this.recent]) entry.inRedis = false;
		for (const waiter of this.waiting.splice(0)) wake(waiter, undefined);
	}

	/** Redis answers again: the calls this process made meanwhile are written into the shared window. */
	private backWithRedis(): void {
		if (this.withRedis) return;
		this.withRedis = true;
		const now = this.store.clock.now();
		for (const entry of this.inFlight.values()) {
			if (!entry.inRedis)
				this.reports.push({ kind: 'a', member: entry.member, countedBy: undefined });
			entry.inRedis = true;
			entry.renewedAt = now;
		}
		for (const entry of this.recent) {
			if (!entry.inRedis && (entry.countedBy as number) + this.spanMs > now) {
				this.reports.push({
					kind: 'a',
					member: entry.member,
					countedBy: entry.countedBy as number,
				});
			}
			entry.inRedis = true;
		}
	}

	/** About BLOCK_MS of calls at the limit, or two round trips' worth when Redis is far; at most a window's. */
	private blockSize(): number {
		const ms = Math.max(BLOCK_MS, 2 * this.roundTripMs);
		return Math.max(
			1,
			Math.min(this.sharedCeiling, Math.ceil((this.sharedCeiling * ms) / this.options.windowMs)),
		);
	}

	/** Unused slots a worker kept too long could outlive their lease: they go back. */
	private dropStaleSlots(): void {
		const now = this.store.clock.now();
		while (this.free.length > 0 && now - this.free[0].at > LEASE_MS / 3) {
			this.reports.push({ kind: 'r', member: (this.free.shift() as Slot).member });
		}
	}

	private nextMember(): string {
		return `${this.store.worker}:${this.seq++}`;
	}

	private timer(callback: () => void, ms: number): unknown {
		const handle = this.store.clock.setTimeout(callback, ms);
		(handle as { unref?: () => void } | undefined)?.unref?.();
		return handle;
	}

	private cancel(name: 'flushTimer' | 'retryTimer' | 'validTimer'): void {
		if (this[name] === undefined) return;
		this.store.clock.clearTimeout(this[name]);
		this[name] = undefined;
	}

	private sleep(ms: number, signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) return Promise.reject(signal.reason as Error);
		return new Promise((resolve, reject) => {
			const stop = signal
				? onAbort(
						signal,
						() => (this.store.clock.clearTimeout(handle), reject(signal.reason as Error)),
					)
				: undefined;
			const handle = this.timer(() => {
				stop?.();
				resolve();
			}, ms);
		});
	}
}
