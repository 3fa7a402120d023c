// Tencent's call limits, enforced from the client's command table: a sliding window per (command),
// or per (command, key) for commands counted on an entity of the app, a second long, plus an hour
// long where the table gives an hourly budget. Only calls let through count.

import type { Command } from '../../nodes/TencentChat/client/commands';
import type { FaultConfig } from './config';

const SECOND_MS = 1_000;
const HOUR_MS = 3_600_000;
/** The rate of most commands, which `FaultConfig.callsPerSecond` is a share of. */
const TENCENT_APP_RATE = 200;

export interface Admission {
	admitted: boolean;
	/** Calls let through in the last second, this one included when admitted. */
	inWindow: number;
	/** How long the last budget plus one calls took, this one included; unknown until there were so many. */
	spanMs?: number;
}

/**
 * Calls a second for a command: its table rate, for a command counted on the app scaled by the
 * share of Tencent's 200/s the test allows. So the default `callsPerSecond: 200` leaves every
 * command at its own rate; `callsPerSecond: 20` gives a 200/s command 20 and a 100/s one 10, and
 * `reservedCallsPerSecond` comes off the same way. Commands counted on a key keep their table rate.
 */
export function budgetFor(command: Command, faults: FaultConfig): number {
	if (command.countedOn !== 'app') return command.callsPerSecond;
	const share = (faults.callsPerSecond - faults.reservedCallsPerSecond) / TENCENT_APP_RATE;
	return Math.max(0, Math.round(command.callsPerSecond * share));
}

/** One app's windows. */
export class CallWindows {
	/** Times of the latest calls let through, oldest first: at most a budget's worth per window. */
	private readonly accepted = new Map<string, number[]>();

	admit(command: Command, key: string | undefined, faults: FaultConfig, now: number): Admission {
		const name = key === undefined ? command.name : `${command.name} ${key}`;
		const budget = budgetFor(command, faults);
		const second = this.check(name, now, budget, SECOND_MS);
		if (second.inWindow >= budget) return { admitted: false, inWindow: second.inWindow };
		const hourly = command.callsPerHour;
		if (hourly !== undefined && this.check(`${name} hourly`, now, hourly, HOUR_MS).inWindow >= hourly) {
			return { admitted: false, inWindow: second.inWindow };
		}
		this.record(name, now, budget);
		if (hourly !== undefined) this.record(`${name} hourly`, now, hourly);
		return { admitted: true, inWindow: second.inWindow + 1, spanMs: second.spanMs };
	}

	private check(name: string, now: number, budget: number, windowMs: number): { inWindow: number; spanMs?: number } {
		const recent = this.accepted.get(name) ?? [];
		let inWindow = 0;
		while (inWindow < recent.length && recent[recent.length - 1 - inWindow] > now - windowMs) inWindow++;
		const spanMs = budget > 0 && recent.length >= budget ? now - recent[recent.length - budget] : undefined;
		return { inWindow, spanMs };
	}

	private record(name: string, now: number, budget: number): void {
		const recent = this.accepted.get(name) ?? [];
		recent.push(now);
		while (recent.length > budget) recent.shift();
		this.accepted.set(name, recent);
	}
}
