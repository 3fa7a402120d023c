// What the client does, for those who watch it: tests and the benchmark count attempts, retries
// and calls in flight here, so that no counter lives in production code for their sake.

export type ClientEvent =
	| { kind: 'sent'; command: string }
	| { kind: 'settled'; command: string }
	| { kind: 'retry'; command: string; code: number | string };

const listeners = new Set<(event: ClientEvent) => void>();

/** Calls `listener` with every event until the function returned is called. */
export function observeClient(listener: (event: ClientEvent) => void): () => void {
	listeners.add(listener);
	return () => void listeners.delete(listener);
}

export function emit(event: ClientEvent): void {
	if (listeners.size === 0) return;
	for (const listener of listeners) listener(event);
}
