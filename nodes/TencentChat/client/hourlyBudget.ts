// Tencent's hourly budgets (send_official_account_msg: 2 broadcasts an hour per official account)
// as far as this process can know them: the calls it let through in the last hour. No execution
// waits an hour for a place; a call past the budget is refused at once, saying when the next
// place frees.

const HOUR_MS = 3_600_000;

export type HourlyTurn = { granted: true } | { granted: false; nextAt: number };

export class HourlyBudget {
	/** When the calls let through in the last hour went, oldest first. */
	private readonly sent: number[] = [];

	constructor(private callsPerHour: number) {}

	/** A new budget (the credential's share of Tencent's limit changed). */
	setCeiling(callsPerHour: number): void {
		this.callsPerHour = callsPerHour;
	}

	/** Takes a place at `now` (ms since the epoch), or says when the next one frees. */
	take(now: number): HourlyTurn {
		while (this.sent.length > 0 && this.sent[0] <= now - HOUR_MS) this.sent.shift();
		if (this.sent.length >= this.callsPerHour) {
			return { granted: false, nextAt: this.sent[this.sent.length - this.callsPerHour] + HOUR_MS };
		}
		this.sent.push(now);
		return { granted: true };
	}
}
