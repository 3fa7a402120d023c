// Which injected fault, if any, hits a request: one roll, each fault with its configured share.

import { FAULT_KINDS, type FaultConfig, type FaultKind } from './config';

export function pickFault(faults: FaultConfig, random: () => number): FaultKind | undefined {
	let roll = random();
	for (const kind of FAULT_KINDS) {
		roll -= faults[kind];
		if (roll < 0) return kind;
	}
	return undefined;
}

/** mulberry32: the same faults for the same seed, so a failing soak can be replayed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
