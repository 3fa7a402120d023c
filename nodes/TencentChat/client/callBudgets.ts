import type { Command } from './commands';
import type { HourlyLimit, HourlyPlace } from './hourlyBudget';
import type { PacedCall } from './pacer';
import type { CommandBudgets } from './processState';
import { TencentChatError } from './TencentChatError';

// One attempt's places in every budget of its command: an hour's first (refused at once when spent,
// so that no attempt waits a second for a call that cannot go), then each second's, the entity's
// before the app's. An hour's place counts only an attempt that Tencent accepted or may have carried
// out: one refused (by Tencent with its code, or by the network) gives its place back.

export class AttemptPlaces {
	private constructor(
		private readonly hourly: Array<{ budget: HourlyLimit; place: HourlyPlace }>,
		private readonly paced: PacedCall[],
	) {}

	/** Takes a place in every budget, or throws HOURLY_LIMIT at once, or rejects with the signal's reason. */
	static async take(
		budgets: CommandBudgets,
		command: Command,
		key: string | undefined,
		signal?: AbortSignal,
	): Promise<AttemptPlaces> {
		const hourly: Array<{ budget: HourlyLimit; place: HourlyPlace }> = [];
		for (const budget of budgets.hourly) {
			const turn = await budget.take();
			if (!turn.granted) {
				for (const taken of hourly) taken.budget.giveBack(taken.place);
				throw hourlyBudgetSpent(command, key, turn.waitMs);
			}
			hourly.push({ budget, place: turn.place });
		}
		const paced: PacedCall[] = [];
		try {
			for (const pacer of budgets.pacers) paced.push(await pacer.acquire(signal));
		} catch (error) {
			for (const call of paced) call.failed();
			for (const taken of hourly) taken.budget.giveBack(taken.place);
			throw error;
		}
		for (const taken of hourly) taken.budget.sent(taken.place);
		return new AttemptPlaces(hourly, paced);
	}

	/** The request reached its socket. */
	written(): void {
		for (const call of this.paced) call.written();
	}

	/** The answer's headers came back. */
	answered(): void {
		for (const call of this.paced) call.answered();
	}

	/** The attempt is over (a no-op for calls already answered). */
	settled(): void {
		for (const call of this.paced) call.failed();
	}

	/**
	 * The attempt failed: a "too frequent" answer slows every pacer of the command (Tencent does not
	 * say which budget it counted), and an attempt that was not carried out frees its hour's places.
	 */
	failedWith(failure: TencentChatError): void {
		if (failure.action === 'slowDown') for (const call of this.paced) call.refused();
		if (!keepsItsPlace(failure))
			for (const taken of this.hourly) taken.budget.giveBack(taken.place);
	}
}

/**
 * Whether the attempt keeps its place in the hour: when Tencent accepted it (it succeeded) or may have
 * carried it out (no answer came, or one that cannot be read). An attempt Tencent refused with a code
 * (for its frequency, its signature, an unknown account) or that never reached Tencent (a refused
 * connection, a gateway's 4xx) was not carried out: counting it could lock an account out for an hour
 * for nothing, while a third call Tencent counts otherwise is only refused by Tencent, saying so.
 */
function keepsItsPlace(failure: TencentChatError): boolean {
	return failure.mayHaveBeenApplied;
}

/** The hour's budget is spent by calls that Tencent accepted or may have carried out: no place frees for minutes. */
function hourlyBudgetSpent(
	command: Command,
	key: string | undefined,
	waitMs: number,
): TencentChatError {
	const hourly = command.budgets.find((budget) => budget.per === 'hour');
	const of = key ? ` for ${key}` : '';
	const nextAt = new Date(Date.now() + waitMs).toISOString();
	return new TencentChatError(
		'HOURLY_LIMIT',
		`Tencent allows ${command.name} ${hourly?.calls ?? 'a few'} times an hour${of}, and calls of this n8n process that Tencent accepted or may have carried out took them in the last hour; the next is possible at ${nextAt}, in ${Math.ceil(waitMs / 60_000)} min`,
		{ action: 'reject' },
	);
}
