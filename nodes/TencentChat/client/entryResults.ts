// Bulk commands of every service: how many entries a call takes, and reading a per-entry result
// list (add_subscriber's SubscriberList, account_check's ResultItem, ...) without ever giving an
// entry a result that is not its own.

/** What a bulk command's answer settled: a result per ID it named; an ID left out is unsettled. */
export interface BulkAnswer<R> {
	results: Map<string, R>;
	/** An earlier attempt of this call failed in a way that may have been carried out. */
	mayHaveBeenAppliedBefore: boolean;
	attempts: number;
	/**
	 * The answer held its list and every entry of it named its ID: an ID it leaves out was left out
	 * knowingly (Tencent leaves out the official accounts it does not know). Otherwise a left-out ID
	 * may be the entry that could not be read, and is unsettled.
	 */
	wholeList?: boolean;
}

/** Refuses, before sending, a call with no entries or more than the command takes. */
export function checkCount(command: { name: string; maxPerCall?: number }, count: number): void {
	const max = command.maxPerCall ?? 1;
	if (count < 1 || count > max)
		throw new RangeError(`${command.name} takes 1 to ${max} entries, got ${count}`);
}

/**
 * Results keyed by ID. Entries for IDs that were not asked about, whose result is not one Tencent
 * documents, or that the answer names twice with different results, are left out: the caller
 * treats a left-out ID as unsettled.
 */
export function readEntryResults<R>(
	list: unknown,
	asked: ReadonlySet<string>,
	read: (entry: Record<string, unknown>) => { id: unknown; result: R | undefined },
): Map<string, R> {
	const results = new Map<string, R>();
	if (!Array.isArray(list)) return results;
	const conflicting = new Set<string>();
	for (const entry of list as unknown[]) {
		if (typeof entry !== 'object' || entry === null) continue;
		const { id, result } = read(entry as Record<string, unknown>);
		if (typeof id !== 'string' || !asked.has(id) || result === undefined) continue;
		const earlier = results.get(id);
		if (earlier !== undefined && earlier !== result) conflicting.add(id);
		results.set(id, result);
	}
	for (const id of conflicting) results.delete(id);
	return results;
}

/** Whether `list` is a list whose every entry names its ID (a text) under one of `idFields`. */
export function isWholeList(list: unknown, idFields: readonly string[]): boolean {
	return (
		Array.isArray(list) &&
		list.every(
			(entry: unknown) =>
				typeof entry === 'object' &&
				entry !== null &&
				idFields.some((field) => typeof (entry as Record<string, unknown>)[field] === 'string'),
		)
	);
}
