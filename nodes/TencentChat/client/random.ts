import { randomInt } from 'node:crypto';

// Tencent's randoms (a URL's `random`, a message's Random or MsgRandom) are 32-bit unsigned.

/** A random uint32: 0 to 2^32 − 1, both included (randomInt's upper bound is excluded). */
export function randomUint32(): number {
	return randomInt(0, 2 ** 32);
}
