import { type Waiter, waitInQueue, wake } from './abort';

/**
 * A counting semaphore: at most `size` holders at once, first come first served, abortable while
 * waiting. Each execution has its own, sized by its Max Concurrent Requests.
 */
export class ConcurrencyGate {
	private active = 0;
	private readonly waiting: Array<Waiter<void>> = [];

	constructor(private readonly size: number) {}

	acquire(signal?: AbortSignal): Promise<void> {
		if (!signal?.aborted && this.active < this.size) {
			this.active++;
			return Promise.resolve();
		}
		return waitInQueue(this.waiting, signal);
	}

	release(): void {
		this.active--;
		const next = this.waiting.shift();
		if (next === undefined) return;
		this.active++;
		wake(next, undefined);
	}
}
