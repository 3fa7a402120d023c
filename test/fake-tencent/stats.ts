// What the fake server saw, for tests and the bench to assert on. The add_subscriber fields are
// the ones the bench has always reported; the per-command records cover every command.

import { COMMANDS } from '../../nodes/TencentChat/actions/resources';

/** The command whose calls the bench measures, kept in the fields it has always read. */
const BENCH_COMMAND = COMMANDS.addSubscribers.name;

export interface FakeStats {
	/** Service requests (not `/_fake/*`) received. */
	requests: number;
	addSubscriberCalls: number;
	addSubscriberApplied: number;
	/** Calls answered 60007, of any command. */
	rateLimited: number;
	faultsInjected: number;
	/** `faultsInjected` by kind (http502, stall, ...). */
	faultsByKind: Record<string, number>;
	connections: number;
	/** The most add_subscriber calls let through in one sliding second. */
	peakCallsPerSecond: number;
	/**
	 * The shortest time in which add_subscriber's budget plus one calls were let through (calls i and
	 * i + budget): how close a client came to the limit, which it broke below 1,000 ms. Null until
	 * a budget's worth of calls has been let through.
	 */
	tightestSpanMs: number | null;
	maxInFlight: number;
	/** Requests whose client went away before the answer was sent. */
	abandoned: number;
	/** Wall-clock ms of the first and the last add_subscriber call let through. */
	firstCallAt: number;
	lastCallAt: number;
	/** Requests that carried a UserSig to verify. */
	signaturesSeen: number;
	rejectedSignatures: number;
	/** Calls per command name that passed the URL, UserSig and JSON checks, let through or not. */
	calls: Record<string, number>;
	/** Calls per command name that were carried out and answered ErrorCode 0. */
	applied: Record<string, number>;
	/** As `tightestSpanMs` and `peakCallsPerSecond`, per command name (per key where counted on one). */
	tightestSpanMsByCommand: Record<string, number>;
	peakCallsPerSecondByCommand: Record<string, number>;
	/** Wall-clock ms of every call let through, whatever its command: the bench charts them and reads each window's spread. */
	admittedAt: number[];
	/** As `firstCallAt` and `lastCallAt`, per command name. */
	firstCallAtByCommand: Record<string, number>;
	lastCallAtByCommand: Record<string, number>;
}

export function emptyStats(): FakeStats {
	return {
		requests: 0,
		addSubscriberCalls: 0,
		addSubscriberApplied: 0,
		rateLimited: 0,
		faultsInjected: 0,
		faultsByKind: {},
		connections: 0,
		peakCallsPerSecond: 0,
		tightestSpanMs: null,
		maxInFlight: 0,
		abandoned: 0,
		firstCallAt: 0,
		lastCallAt: 0,
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
	if (command === BENCH_COMMAND) stats.addSubscriberCalls++;
}

export function countApplied(stats: FakeStats, command: string): void {
	stats.applied[command] = (stats.applied[command] ?? 0) + 1;
	if (command === BENCH_COMMAND) stats.addSubscriberApplied++;
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
	if (command !== BENCH_COMMAND) return;
	stats.peakCallsPerSecond = Math.max(stats.peakCallsPerSecond, inWindow);
	if (spanMs !== undefined) stats.tightestSpanMs = Math.min(stats.tightestSpanMs ?? spanMs, spanMs);
	stats.lastCallAt = Date.now();
	stats.firstCallAt ||= stats.lastCallAt;
}
