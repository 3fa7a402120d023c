import type { Clock } from '../../nodes/TencentChat/client/pacer';

interface Timer {
	at: number;
	order: number;
	callback: () => void;
	cancelled: boolean;
}

/**
 * Time that moves only when a test says so: timers fire in order of their due time, with every
 * promise continuation run in between. Timing logic tested on it cannot fail on a busy machine.
 */
export class VirtualClock implements Clock {
	private time = 0;
	private order = 0;
	private timers: Timer[] = [];

	now(): number {
		return this.time;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const timer = {
			at: this.time + Math.max(0, ms),
			order: this.order++,
			callback,
			cancelled: false,
		};
		this.timers.push(timer);
		return timer;
	}

	clearTimeout(handle: unknown): void {
		(handle as Timer).cancelled = true;
	}

	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => this.setTimeout(resolve, ms));
	}

	/** Moves time forward by `ms`, firing the timers due on the way. */
	async advance(ms: number): Promise<void> {
		const end = this.time + ms;
		await this.runUntil(end);
		this.time = end;
	}

	/** Fires timers in order until none is left (or `limitMs` of virtual time has passed). */
	async runAll(limitMs = 10 * 60_000): Promise<void> {
		await this.runUntil(this.time + limitMs);
	}

	private async runUntil(end: number): Promise<void> {
		for (;;) {
			await settle();
			this.timers = this.timers.filter((timer) => !timer.cancelled);
			const next = this.timers.reduce<Timer | undefined>(
				(earliest, timer) =>
					!earliest ||
					timer.at < earliest.at ||
					(timer.at === earliest.at && timer.order < earliest.order)
						? timer
						: earliest,
				undefined,
			);
			if (next === undefined || next.at > end) return;
			this.time = next.at;
			next.cancelled = true;
			next.callback();
		}
	}
}

/** Lets every pending promise continuation run. */
function settle(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}
