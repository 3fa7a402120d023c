import { type Clock, realClock } from './pacer';

// Tencent's hourly budgets (send_official_account_msg: 2 broadcasts an hour per official account)
// as far as this process can know them: its calls of the last hour that Tencent accepted or may
// have carried out. No execution waits an hour for a place: a call past the budget is refused at
// once, before it waits for its turn in the per-second pacers, saying when the next place frees.
// Time is the monotonic clock, as for the pacers: a wall clock stepped back or forward changes nothing.

const HOUR_MS = 3_600_000;

/** A place in the hour: taken when a call asks, moved to when it is sent, given back if it cannot have been counted. */
export interface HourlyPlace {
	at: number;
}

export type HourlyTurn = { granted: true; place: HourlyPlace } | { granted: false; waitMs: number };

/** An hour's budget as a call uses it: this process's own (HourlyBudget) or one kept in Redis. */
export interface HourlyLimit {
	take(): HourlyTurn | Promise<HourlyTurn>;
	sent(place: HourlyPlace): void;
	giveBack(place: HourlyPlace): void;
}

export class HourlyBudget implements HourlyLimit {
	/** The places of the last hour, oldest first. */
	private places: HourlyPlace[] = [];

	constructor(
		private callsPerHour: number,
		private readonly clock: Pick<Clock, 'now'> = realClock,
	) {}

	/** A new budget (the credential's share of Tencent's limit changed). */
	setCeiling(callsPerHour: number): void {
		this.callsPerHour = callsPerHour;
	}

	/** Takes a place now, or says how long until the next one frees. */
	take(): HourlyTurn {
		const now = this.clock.now();
		this.places.sort((a, b) => a.at - b.at);
		while (this.places.length > 0 && this.places[0].at <= now - HOUR_MS) this.places.shift();
		if (this.places.length >= this.callsPerHour) {
			return {
				granted: false,
				waitMs: this.places[this.places.length - this.callsPerHour].at + HOUR_MS - now,
			};
		}
		const place = { at: now };
		this.places.push(place);
		return { granted: true, place };
	}

	/** The call left now: its hour counts from then. */
	sent(place: HourlyPlace): void {
		place.at = Math.max(place.at, this.clock.now());
	}

	/** The call was never sent, or was refused before Tencent counted it: its place is free again. */
	giveBack(place: HourlyPlace): void {
		this.places = this.places.filter((candidate) => candidate !== place);
	}
}
