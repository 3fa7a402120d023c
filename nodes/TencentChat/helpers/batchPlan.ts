// Pure planning for bulk commands, no I/O: turning what the items ask for into the fewest calls
// the API allows, and remembering where each answer belongs.
//
// The plan grows one item at a time and hands out each call as soon as it is full, so that the
// first calls can leave while later items are still being planned: de-duplicating half a million
// IDs is a hash lookup each, work that can overlap the wait for the rate limit. A request (one ID
// asked for by one item) is a number in an array, not an object.

const NONE: readonly Batch[] = Object.freeze([]);

/** One call: its IDs, and the slot that will hold each one's outcome. */
export interface Batch {
	key: string;
	ids: string[];
	slots: number[];
}

/** The distinct IDs asked for under one key, and its call still taking IDs. */
interface KeyIds {
	key: string;
	/** Each ID's slot. */
	slots: Map<string, number>;
	open: Batch | undefined;
	/** The open call's place in the plan's calls. */
	openIndex: number;
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

/**
 * Groups what items ask for by key, keeps each ID of a key once, and puts each key's IDs into
 * calls of `batchSize`: the fewest calls, whatever the order of the items. A full call is handed
 * out at once; a key's last, part-full call when the plan is finished (sending it earlier would
 * cost a call each time the key came back). Every distinct (key, ID) has one slot, numbered in
 * order of first appearance and shared by every request of it.
 */
export class BatchPlan {
	private readonly byKey = new Map<string, KeyIds>();
	/** Keys with a call still taking IDs. */
	private readonly openKeys = new Set<KeyIds>();
	/** Items mostly share their neighbour's key: the last one is kept at hand. */
	private lastKey: KeyIds | undefined;
	/** Per slot: its ID, and its call's place in `calls`. */
	private readonly idOfSlot: string[] = [];
	private readonly callOfSlot = new IntList();
	private readonly calls: Batch[] = [];
	/** Per request, in the order asked: its item and its slot. */
	private readonly itemOfRequest = new IntList();
	private readonly slotOfRequest = new IntList();
	private finished = false;

	constructor(readonly batchSize: number) {
		if (!Number.isInteger(batchSize) || batchSize < 1)
			throw new RangeError(`batchSize must be a whole number of at least 1, got ${batchSize}`);
	}

	/** An item's IDs under a key, items in input order. Returns the calls this filled. */
	add(itemIndex: number, key: string, ids: string | readonly string[]): readonly Batch[] {
		if (this.finished) throw new Error('a plan cannot grow once it is finished');
		const keyIds = this.keyIds(key);
		if (typeof ids === 'string') {
			const full = this.addId(itemIndex, keyIds, ids);
			return full ? [full] : NONE;
		}
		let filled: Batch[] | undefined;
		for (const id of ids) {
			const full = this.addId(itemIndex, keyIds, id);
			if (full) (filled ??= []).push(full);
		}
		return filled ?? NONE;
	}

	/** One request; the call it filled, if it did. */
	private addId(itemIndex: number, keyIds: KeyIds, id: string): Batch | undefined {
		let slot = keyIds.slots.get(id);
		let filled: Batch | undefined;
		if (slot === undefined) {
			slot = this.idOfSlot.length;
			keyIds.slots.set(id, slot);
			const call = keyIds.open ?? this.open(keyIds);
			this.idOfSlot.push(id);
			this.callOfSlot.push(keyIds.openIndex);
			call.ids.push(id);
			call.slots.push(slot);
			if (call.ids.length === this.batchSize) {
				filled = call;
				this.close(keyIds);
			}
		}
		this.itemOfRequest.push(itemIndex);
		this.slotOfRequest.push(slot);
		return filled;
	}

	/** The calls still open: the last of each key that has one. Nothing can be added after. */
	finish(): Batch[] {
		this.finished = true;
		this.lastKey = undefined;
		const open = [...this.openKeys].map((keyIds) => keyIds.open as Batch);
		this.openKeys.clear();
		// The slots by ID were for de-duplication only.
		this.byKey.clear();
		return open;
	}

	/** Whether every item has been added: no request is still to come. */
	get isFinished(): boolean {
		return this.finished;
	}

	/** Distinct (key, ID) pairs, and so slots. */
	get slots(): number {
		return this.idOfSlot.length;
	}

	/** Requests: IDs as asked, an ID asked for twice counted twice. */
	get requests(): number {
		return this.itemOfRequest.length;
	}

	itemIndex(request: number): number {
		return this.itemOfRequest.at(request);
	}

	/** The slot that holds the request's outcome. */
	slot(request: number): number {
		return this.slotOfRequest.at(request);
	}

	key(request: number): string {
		return this.callOf(this.slot(request)).key;
	}

	id(request: number): string {
		return this.idOfSlot[this.slot(request)];
	}

	/** The call a slot's ID is in. */
	callOf(slot: number): Batch {
		return this.calls[this.callOfSlot.at(slot)];
	}

	private keyIds(key: string): KeyIds {
		if (this.lastKey?.key === key) return this.lastKey;
		let keyIds = this.byKey.get(key);
		if (keyIds === undefined) {
			keyIds = { key, slots: new Map(), open: undefined, openIndex: -1 };
			this.byKey.set(key, keyIds);
		}
		this.lastKey = keyIds;
		return keyIds;
	}

	private open(keyIds: KeyIds): Batch {
		const call: Batch = { key: keyIds.key, ids: [], slots: [] };
		keyIds.open = call;
		keyIds.openIndex = this.calls.length;
		this.calls.push(call);
		this.openKeys.add(keyIds);
		return call;
	}

	private close(keyIds: KeyIds): void {
		keyIds.open = undefined;
		this.openKeys.delete(keyIds);
	}
}

/** The outcome of each slot of a plan; empty until its call has come back. */
export class OutcomeBook<T> {
	private readonly outcomes: Array<T | undefined> = [];
	private count = 0;

	/** The ID at `position` of `call` gets its outcome. */
	record(call: Batch, position: number, outcome: T): void {
		const slot = call.slots[position];
		// Slots are numbered in order of first appearance and calls come back in about that order:
		// the array grows by at most the calls in flight.
		while (this.outcomes.length <= slot) this.outcomes.push(undefined);
		if (this.outcomes[slot] === undefined) this.count++;
		this.outcomes[slot] = outcome;
	}

	/** The outcome of the ID at `position` of `call`. */
	of(call: Batch, position: number): T | undefined {
		return this.outcomes[call.slots[position]];
	}

	get(slot: number): T | undefined {
		return this.outcomes[slot];
	}

	/** Distinct IDs with an outcome. */
	get size(): number {
		return this.count;
	}
}
