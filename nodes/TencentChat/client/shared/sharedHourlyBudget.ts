import type { HourlyBudget, HourlyLimit, HourlyPlace, HourlyTurn } from '../hourlyBudget';
import type { RedisBudgetStore } from './redisStore';

// An hour's budget (2 broadcasts an hour per official account) kept in Redis for every n8n process:
// a round trip a call, which a budget of a few calls an hour can afford. Each place is also noted
// in this process's own budget, so that while Redis is away the process still counts what it sent.

const HOUR_MS = 3_600_000;

interface SharedPlace extends HourlyPlace {
	member: string;
	/** The same call's place in this process's own budget, when it had room. */
	local?: HourlyPlace;
}

export class SharedHourlyBudget implements HourlyLimit {
	/** Whether the last place was taken in Redis. */
	shared = true;
	private seq = 0;

	constructor(
		private readonly store: RedisBudgetStore,
		private readonly key: string,
		private limit: number,
		/** This process's own budget, at its share: used while Redis is away. */
		private readonly alone: HourlyBudget,
	) {}

	setCeilings(sharedCeiling: number, aloneCeiling: number): void {
		this.limit = sharedCeiling;
		this.alone.setCeiling(aloneCeiling);
	}

	async take(): Promise<HourlyTurn> {
		if (this.store.usable()) {
			const member = `${this.store.worker}:h${this.seq++}`;
			try {
				const [granted, waitMs] = await this.store.run(
					'hourly',
					[this.key],
					[this.limit, HOUR_MS, 'take', member],
				);
				this.shared = true;
				if (!granted) return { granted: false, waitMs };
				const local = this.alone.take();
				const place: SharedPlace = {
					at: this.store.clock.now(),
					member,
					local: local.granted ? local.place : undefined,
				};
				return { granted: true, place };
			} catch {
				// A fault: this process's own budget decides, as without Redis.
			}
		}
		this.shared = false;
		return this.alone.take();
	}

	sent(place: HourlyPlace): void {
		const shared = sharedPlace(place);
		if (shared === undefined) return this.alone.sent(place);
		if (shared.local) this.alone.sent(shared.local);
		this.tell('sent', shared.member);
	}

	giveBack(place: HourlyPlace): void {
		const shared = sharedPlace(place);
		if (shared === undefined) return this.alone.giveBack(place);
		if (shared.local) this.alone.giveBack(shared.local);
		this.tell('back', shared.member);
	}

	/** Best effort: a fault leaves the place as it was taken, earlier than sent (so at worst it frees a moment early) or not given back. */
	private tell(op: 'sent' | 'back', member: string): void {
		if (!this.store.usable()) return;
		this.store.run('hourly', [this.key], [this.limit, HOUR_MS, op, member]).catch(() => undefined);
	}
}

function sharedPlace(place: HourlyPlace): SharedPlace | undefined {
	return 'member' in place ? (place as SharedPlace) : undefined;
}
