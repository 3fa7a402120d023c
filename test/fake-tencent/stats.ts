// What the fake server saw, for tests and the bench to assert on: totals, and records keyed by
// Tencent's command name, whatever its resource.

export interface FakeStats {
	/** Service requests (not `/_fake/*`) received. */
	requests: number;
	/** Calls answered 60007, of any command. */
	rateLimited: number;
	faultsInjected: number;
	/** `faultsInjected` by kind (http502, stall, ...). */
	faultsByKind: Record<string, number>;
	connections: number;
	maxInFlight: number;
	/** Requests whose client went away before the answer was sent. */
	abandoned: number;
	/** Requests that carried a UserSig to verify. */
	signaturesSeen: number;
	rejectedSignatures: number;
	/** Calls per command name that passed the URL, UserSig and JSON checks, let through or not. */
	calls: Record<string, number>;
	/** Calls per command name that were carried out and answered ErrorCode 0. */
	applied: Record<string, number>;
	/**
	 * Per command name: the shortest time in which its budget plus one calls were let through (calls
	 * i and i + budget), how close a client came to the limit, which it broke below 1,000 ms (absent
	 * until a budget's worth of calls has been let through); and the most let through in one sliding
	 * second.
	 */
	tightestSpanMsByCommand: Record<string, number>;
	peakCallsPerSecondByCommand: Record<string, number>;
	/** Wall-clock ms of every call let through, whatever its command: the bench charts them and reads each window's spread. */
	admittedAt: number[];
	/** Wall-clock ms of the first and the last call let through, per command name. */
	firstCallAtByCommand: Record<string, number>;
	lastCallAtByCommand: Record<string, number>;
}

export function emptyStats(): FakeStats {
	return {
		requests: 0,
		rateLimited: 0,
		faultsInjected: 0,
		faultsByKind: {},
		connections: 0,
		maxInFlight: 0,
		abandoned: 0,
		signaturesSeen: 0,
		rejectedSignatures: 0,
		calls: {},
		applied: {},
		tightestSpanMsByCommand: {},
		peakCallsPerSecondByCommand: {},
		admittedAt: [],
		firstCallAtByCommand: {},
		lastCallAtByCommand: {},
	};
}

export function countCall(stats: FakeStats, command: string): void {
	stats.calls[command] = (stats.calls[command] ?? 0) + 1;
}

export function countApplied(stats: FakeStats, command: string): void {
	stats.applied[command] = (stats.applied[command] ?? 0) + 1;
}

/** A call let through the per-second window: `inWindow` calls in its second, this one included. */
export function countAdmitted(
	stats: FakeStats,
	command: string,
	inWindow: number,
	spanMs: number | undefined,
): void {
	stats.peakCallsPerSecondByCommand[command] = Math.max(
		stats.peakCallsPerSecondByCommand[command] ?? 0,
		inWindow,
	);
	if (spanMs !== undefined) {
		stats.tightestSpanMsByCommand[command] = Math.min(
			stats.tightestSpanMsByCommand[command] ?? spanMs,
			spanMs,
		);
	}
	const now = Date.now();
	stats.lastCallAtByCommand[command] = now;
	stats.firstCallAtByCommand[command] ??= now;
	stats.admittedAt.push(now);
}
