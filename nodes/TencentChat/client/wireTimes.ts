import { subscribe } from 'node:diagnostics_channel';

import { processState } from './processState';

// When a request's headers went onto its socket, from undici's diagnostics channel: the moment the
// call really left, after any wait for a connection or for this process's busy event loop. The
// calls are told apart by the `random` of their query, unique among the calls in flight.

const RANDOM = /[?&]random=(\d+)/;
let listening = false;

function onSendHeaders(message: unknown): void {
	const waiting = processState.awaitingWrite;
	if (waiting.size === 0) return;
	const path = (message as { request?: { path?: unknown } }).request?.path;
	const random = typeof path === 'string' ? RANDOM.exec(path)?.[1] : undefined;
	const callback = random === undefined ? undefined : waiting.get(random);
	if (callback === undefined) return;
	waiting.delete(random as string);
	callback();
}

/** Calls `callback` when the request whose query has this `random` is written; returns a stop. */
export function onWritten(random: number, callback: () => void): () => void {
	if (!listening) {
		subscribe('undici:client:sendHeaders', onSendHeaders);
		listening = true;
	}
	const waiting = processState.awaitingWrite;
	const key = String(random);
	if (waiting.has(key)) return () => undefined;
	waiting.set(key, callback);
	return () => {
		if (waiting.get(key) === callback) waiting.delete(key);
	};
}
