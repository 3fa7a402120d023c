// Reading a per-entry result list (add_subscriber's SubscriberList, account_check's ResultItem, ...)
// without ever giving an entry a result that is not its own.

export interface EntryResults<R> {
	/** The result of each entry the answer named once, or named twice alike. */
	results: Map<string, R>;
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
