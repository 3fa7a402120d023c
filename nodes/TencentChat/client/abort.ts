/**
 * Many waiters on one signal: every call of an execution waits on the execution's cancel signal,
 * hundreds at a time. One listener per signal calls them all, so the signal never carries hundreds
 * of listeners (Node warns from eleven on) and a waiter leaves in constant time.
 */
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
