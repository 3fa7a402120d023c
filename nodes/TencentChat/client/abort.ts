// Waiting that an AbortSignal can end. Every call of an execution waits on the execution's cancel
// signal, hundreds at a time: one listener per signal calls them all, so the signal never carries
// hundreds of listeners (Node warns from eleven on) and a waiter leaves in constant time.

const callbacksOf = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `callback` once when `signal` aborts; the function returned unsubscribes it. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
	let callbacks = callbacksOf.get(signal);
	if (callbacks === undefined) {
		const subscribed = new Set<() => void>();
		callbacks = subscribed;
		callbacksOf.set(signal, subscribed);
		signal.addEventListener(
			'abort',
			() => {
				const waiting = [...subscribed];
				subscribed.clear();
				for (const waiter of waiting) waiter();
			},
			{ once: true },
		);
	}
	callbacks.add(callback);
	return () => void callbacks.delete(callback);
}

export interface Waiter<T> {
	resolve: (value: T) => void;
	/** Stops listening for the caller's abort. */
	unsubscribe?: () => void;
}

/** Joins `queue`; the promise settles when the owner wakes the waiter, or rejects on abort. */
export function waitInQueue<T>(
	queue: Array<Waiter<T>>,
	signal?: AbortSignal,
	onLeave?: () => void,
): Promise<T> {
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

export function wake<T>(waiter: Waiter<T>, value: T): void {
	waiter.unsubscribe?.();
	waiter.resolve(value);
}

/** Resolves after `ms`, or rejects with the signal's reason if it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
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
