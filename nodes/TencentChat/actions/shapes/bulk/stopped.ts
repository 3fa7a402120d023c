import { serviceText } from '../../../client';
import { toNodeApiError } from '../../../transport';
import type { BulkJob } from './job';
import type { Failure } from './send';

// The error of a bulk run that a failed call stopped: what failed, what had already been done, and
// that a re-run is safe.

const MAX_LISTED = 20;

export function stoppedError<R>(
	{ context, plan, outcomes, operation }: BulkJob<R>,
	{ batch, error }: Failure,
) {
	let itemIndex: number | undefined;
	for (let request = 0; request < plan.requests && itemIndex === undefined; request++) {
		if (plan.callOf(plan.slot(request)) === batch) itemIndex = plan.itemIndex(request);
	}
	const listed = new Set<number>();
	const processed: string[] = [];
	for (let request = 0; request < plan.requests && processed.length < MAX_LISTED; request++) {
		const slot = plan.slot(request);
		const outcome = outcomes.get(slot);
		if (outcome === undefined || listed.has(slot)) continue;
		listed.add(slot);
		processed.push(`${plan.id(request)} (${String(outcome.fields.status)})`);
	}
	const ids = operation.ids.noun;
	const more =
		outcomes.size > processed.length ? `, and ${outcomes.size - processed.length} more` : '';
	const done = processed.length > 0 ? ` Already processed: ${processed.join(', ')}${more}.` : '';
	return toNodeApiError(context.getNode(), error, {
		itemIndex,
		description: serviceText(
			`The node stopped after ${outcomes.size} of ${plan.slots} distinct ${ids} had been processed; no further calls were started.${done} ${operation.rerun}`,
			1_500,
		),
	});
}
