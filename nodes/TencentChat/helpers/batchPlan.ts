// Pure planning for bulk commands, no I/O: turning what the items ask for into the fewest calls
// the API allows, and remembering where each answer belongs.
//
// The plan grows one item at a time and hands out each call as soon as it is full, so that the
// first calls can leave while later items are still being planned: de-duplicating half a million
// IDs is a hash lookup each, work that can overlap the wait for the rate limit. A request (one ID
// asked for by one item) is a number in an array, not an object.

/** One call: its IDs own the outcome slots from `firstSlot` on. */
export interface Batch {
	key: string;
	ids: string[];
	firstSlot: number;
}

/** The distinct IDs asked for under one key, in order of first appearance, and the calls they fill. */
interface KeyIds {
	key: string;
	positions: Map<string, number>;
	/** The key's calls in order: position p is in call p / batchSize. */
	batches: Batch[];
}

const NONE: readonly Batch[] = Object.freeze([]);

/**
 * Groups what items ask for by key (in order of first appearance), keeps each ID of a key once,
 * and cuts each key's IDs into calls of `batchSize`. Every (key, ID) has one slot, shared by every
 * request of it. A call reserves `batchSize` slots when it opens, so a call's IDs have consecutive
 * slots and a slot is known as soon as its ID is added.
 */
export class BatchPlan {
	private readonly byKey = new Map<string, KeyIds>();
	private readonly keys: KeyIds[] = [];
	/** Every call, in the order they opened: the call of slot s is `calls[s / batchSize]`. */
	private readonly calls: Batch[] = [];
	/** Items mostly share their neighbour's key: the last one is kept at hand. */
	private lastKey: KeyIds | undefined;
	/** Per request, in the order asked: its item, and its ID's slot. */
	private readonly itemOfRequest = new IntList();
	private readonly slotOfRequest = new IntList();
	private distinctIds = 0;
	private finished = false;

	constructor(readonly batchSize: number) {
		if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number of at least 1, got ${batchSize}`);
	}

	/** An item's IDs under a key, items in input order. Returns the calls this filled. */
	add(itemIndex: number, key: string, ids: readonly string[]): readonly Batch[] {
		if (this.finished) throw new Error('a plan cannot grow once it is finished');
		const keyIds = this.keyIds(key);
		const { positions, batches } = keyIds;
		let filled: Batch[] | undefined;
		for (const id of ids) {
			let position = positions.get(id);
			if (position === undefined) {
				position = positions.size;
				positions.set(id, position);
				this.distinctIds++;
				const batch = this.callFor(keyIds, position);
				batch.ids.push(id);
				if (batch.ids.length === this.batchSize) (filled ??= []).push(batch);
			}
			const batch = batches[Math.floor(position / this.batchSize)];
			this.itemOfRequest.push(itemIndex);
			this.slotOfRequest.push(batch.firstSlot + (position % this.batchSize));
		}
		return filled ?? NONE;
	}

	/** The calls not yet full: the last of each key that has one. Nothing can be added after. */
	finish(): Batch[] {
		this.finished = true;
		this.lastKey = undefined;
		this.byKey.clear();
		const open: Batch[] = [];
		for (const keyIds of this.keys) {
			const last = keyIds.batches[keyIds.batches.length - 1];
			if (last !== undefined && last.ids.length < this.batchSize) open.push(last);
			// The positions were for de-duplication only.
			keyIds.positions.clear();
		}
		return open;
	}

	/** Whether every item has been added: no request is still to come. */
	get isFinished(): boolean {
		return this.finished;
	}

	/** Distinct (key, ID) pairs. */
	get distinct(): number {
		return this.distinctIds;
	}


	/** Requests: IDs as asked, an ID asked for twice counted twice. */
	get requests(): number {
		return this.itemOfRequest.length;
	}

	itemIndex(request: number): number {
		return this.itemOfRequest.at(request);
	}

	key(request: number): string {
		return this.callOf(this.slotOfRequest.at(request)).key;
	}

	id(request: number): string {
		const slot = this.slotOfRequest.at(request);
		return this.callOf(slot).ids[slot % this.batchSize];
	}

	/** The slot that holds the request's outcome. */
	slot(request: number): number {
		return this.slotOfRequest.at(request);
	}

	/** The call an ID's slot belongs to. */
	callOf(slot: number): Batch {
		return this.calls[Math.floor(slot / this.batchSize)];
	}

	private keyIds(key: string): KeyIds {
		if (this.lastKey?.key === key) return this.lastKey;
		let keyIds = this.byKey.get(key);
		if (keyIds === undefined) {
			keyIds = { key, positions: new Map(), batches: [] };
			this.byKey.set(key, keyIds);
			this.keys.push(keyIds);
		}
		this.lastKey = keyIds;
		return keyIds;
	}

	/** The call a new ID at `position` goes in: the key's last, or a new one when that is full. */
	private callFor(keyIds: KeyIds, position: number): Batch {
		const index = Math.floor(position / this.batchSize);
		if (index < keyIds.batches.length) return keyIds.batches[index];
		const batch: Batch = { key: keyIds.key, ids: [], firstSlot: this.calls.length * this.batchSize };
		this.calls.push(batch);
		keyIds.batches.push(batch);
		return batch;
	}
}

/** A list of whole numbers that grows: 4 bytes each, where an array of numbers takes 8 to 16. */
export class IntList {
	private values = new Int32Array(1024);
	length = 0;

	push(value: number): void {
		if (this.length === this.values.length) {
			const grown = new Int32Array(this.values.length * 2);
			grown.set(this.values);
			this.values = grown;
		}
		this.values[this.length++] = value;
	}

	at(index: number): number {
		return this.values[index];
	}
}

/** The outcome of each slot of a plan; empty until its call has come back. */
export class OutcomeBook<T> {
	private readonly outcomes: Array<T | undefined> = [];
	private count = 0;

	/** The ID at `position` of `batch` gets its outcome. */
	record(batch: Batch, position: number, outcome: T): void {
		const slot = batch.firstSlot + position;
		// Calls come back in any order: the slots below are filled in first, so the array stays dense.
		while (this.outcomes.length <= slot) this.outcomes.push(undefined);
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
