// Tencent's hourly budgets (send_official_account_msg: 2 broadcasts an hour per official account)
// as far as this process can know them: the calls it sent in the last hour. No execution waits an
// hour for a place: a call past the budget is refused at once, before it waits for its turn in the
// per-second pacer, saying when the next place frees.

const HOUR_MS = 3_600_000;

/** A place in the hour: taken when a call asks, moved to when it is sent, given back if it never is. */
export interface HourlyPlace {
	at: number;
}

export type HourlyTurn = { granted: true; place: HourlyPlace } | { granted: false; nextAt: number };

export class HourlyBudget {
	/** The places of the last hour, oldest first. */
	private places: HourlyPlace[] = [];

	constructor(private callsPerHour: number) {}

	/** A new budget (the credential's share of Tencent's limit changed). */
	setCeiling(callsPerHour: number): void {
		this.callsPerHour = callsPerHour;
	}

	/** Takes a place at `now` (ms since the epoch), or says when the next one frees. */
	take(now: number): HourlyTurn {
		this.places.sort((a, b) => a.at - b.at);
		while (this.places.length > 0 && this.places[0].at <= now - HOUR_MS) this.places.shift();
		if (this.places.length >= this.callsPerHour) {
			return { granted: false, nextAt: this.places[this.places.length - this.callsPerHour].at + HOUR_MS };
		}
		const place = { at: now };
		this.places.push(place);
		return { granted: true, place };
	}

	/** The call left at `now`: its hour counts from then. */
	sent(place: HourlyPlace, now: number): void {
		place.at = Math.max(place.at, now);
	}

	/** The call was never sent (the execution stopped while it waited): its place is free again. */
	giveBack(place: HourlyPlace): void {
		this.places = this.places.filter((candidate) => candidate !== place);
	}
}
