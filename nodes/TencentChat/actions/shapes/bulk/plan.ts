import type { BatchPlan } from '../../../helpers/batchPlan';
import type { AskedIds } from './readItems';
import type { CallSender } from './send';

// When a bulk job is planned and how its planning makes room for its calls: the policy (`planning`)
// and the loop that carries it out, handing each call to the sender as soon as it is full.

/**
 * How a bulk job is planned. A job of up to `atOnce` IDs is planned in one go (about 0.1 s) and its
 * output made once every call is over: the least memory (a job of 100,000 IDs peaks some 10 MB
 * lower than when planned while its calls are out). A larger job sends its first second's calls as
 * soon as they are planned and plans the rest `betweenYields` IDs at a time (a few milliseconds of
 * work, so that calls already planned are sent and answered on time) while those calls wait, and
 * makes its output as its calls come back: half a second of a million-ID job. Tests lower
 * `atOnce` to run the larger jobs' way on a few thousand IDs.
 */
export const planning = { atOnce: 250_000, betweenYields: 5_000 };

/**
 * Plans what the items ask for and sends each call as soon as it is full. `firstSecond` IDs (a
 * second's worth of calls, or all of a smaller job) are planned in one go, and their calls leave
 * together; the rest is planned between turns of the event loop, while those calls wait for their
 * answers and the next ones for their turn. A key's last, part-full call goes when planning ends: the fewest calls come first, so a
 * failure only that call meets (an unknown official account with few subscribers) stops the run
 * after the full calls planned before it, and the error says what was processed. After a failure
 * that stops the run, the rest is planned but not sent (the error counts every ID); a cancelled
 * execution ends planning.
 */
export async function planAndSend<R>(
	read: AskedIds,
	plan: BatchPlan,
	calls: CallSender<R>,
	firstSecond: number,
): Promise<void> {
	let toPlanBeforeYield = firstSecond;
	for (let index = 0; index < read.items; index++) {
		const ids = read.ids(index);
		for (const batch of plan.add(read.itemIndex(index), read.key(index), ids)) calls.send(batch);
		toPlanBeforeYield -= typeof ids === 'string' ? 1 : ids.length;
		if (toPlanBeforeYield <= 0) {
			toPlanBeforeYield = planning.betweenYields;
			await new Promise((resolve) => setImmediate(resolve));
			if (calls.cancelled) {
				calls.abandon();
				break;
			}
		}
	}
	for (const batch of plan.finish()) calls.send(batch);
	read.clear();
}
