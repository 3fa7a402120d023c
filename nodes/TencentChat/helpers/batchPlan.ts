// Pure planning for bulk commands, no I/O: turning what the items ask for into the fewest calls
// the API allows, and remembering where each answer belongs.

/** One ID asked for by one input item, under a key (an official account; '' where none). */
export interface BulkRequest {
	itemIndex: number;
	key: string;
	id: string;
}

/** One call: its IDs own the outcome slots from `firstSlot` on. */
export interface Batch {
	key: string;
	ids: string[];
	firstSlot: number;
}

/**
 * The calls to make, and for each request the slot that will hold its outcome: one slot per
 * distinct (key, ID), so that an ID asked for twice shares one.
 */
export interface Plan {
	batches: Batch[];
	slotOfRequest: Int32Array;
	slots: number;
}

/**
 * Groups the requests by key (in order of first appearance), sends each ID of a key once, and
 * cuts each key's IDs into calls of `batchSize`. Slots run key by key in the same order, so a
 * call's IDs have consecutive slots.
 */
export function planBatches(requests: BulkRequest[], batchSize: number): Plan {
	if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number of at least 1, got ${batchSize}`);
	const positionsByKey = new Map<string, Map<string, number>>();
	const positionOfRequest = new Int32Array(requests.length);
	requests.forEach(({ key, id }, index) => {
		let positions = positionsByKey.get(key);
		if (positions === undefined) {
			positions = new Map();
			positionsByKey.set(key, positions);
		}
		let position = positions.get(id);
		if (position === undefined) {
			position = positions.size;
			positions.set(id, position);
		}
		positionOfRequest[index] = position;
	});

	const batches: Batch[] = [];
	const firstSlotOfKey = new Map<string, number>();
	let slots = 0;
	for (const [key, positions] of positionsByKey) {
		firstSlotOfKey.set(key, slots);
		const ids = [...positions.keys()];
		for (let start = 0; start < ids.length; start += batchSize) {
			batches.push({ key, ids: ids.slice(start, start + batchSize), firstSlot: slots + start });
		}
		slots += ids.length;
	}

	const slotOfRequest = positionOfRequest;
	requests.forEach(({ key }, index) => {
		slotOfRequest[index] += firstSlotOfKey.get(key) as number;
	});
	return { batches, slotOfRequest, slots };
}

/** The outcome of each slot of a plan; empty until its call has come back. */
export class OutcomeBook<T> {
	private readonly outcomes: Array<T | undefined>;
	private count = 0;

	constructor(slots: number) {
		this.outcomes = new Array<T | undefined>(slots).fill(undefined);
	}

	/** The ID at `position` of `batch` gets its outcome. */
	record(batch: Batch, position: number, outcome: T): void {
		const slot = batch.firstSlot + position;
		if (this.outcomes[slot] === undefined) this.count++;
		this.outcomes[slot] = outcome;
	}

	get(slot: number): T | undefined {
		return this.outcomes[slot];
	}

	/** Distinct IDs with an outcome. */
	get size(): number {
		return this.count;
	}
}
