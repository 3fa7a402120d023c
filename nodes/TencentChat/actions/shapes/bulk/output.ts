import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputErrorItem, resultItem } from '../output';
import type { BulkJob } from './job';

// The bulk shape's output: one item per ID asked for, in input order, paired with its item.

/**
 * The output items, one per ID asked for, in input order. They are made as the calls come back,
 * up to the first request whose outcome is not known yet, so that little is left to do once the
 * last call is answered.
 */
export class BulkOutput<R> {
	private readonly items: INodeExecutionData[] = [];
	private itemIndex = 0;
	/** The next request, and whether the current item's input error (if any) has been given. */
	private request = 0;
	private itemStarted = false;
	/** A failed ID that stops the node (On Error "Stop Workflow"), thrown once the calls are over. */
	private stop: NodeOperationError | undefined;

	constructor(private readonly job: BulkJob<R>) {}

	/** Makes the items whose outcomes are known, in order, up to the first that is not. */
	advance(): void {
		const { context, itemCount, plan, outcomes, inputErrors, operation, routing } = this.job;
		while (this.itemIndex < itemCount && this.stop === undefined) {
			const itemIndex = this.itemIndex;
			if (!this.itemStarted) {
				const inputError = inputErrors.get(itemIndex);
				if (inputError)
					this.items.push(inputErrorItem(inputError.error, itemIndex, routing, inputError.subject));
				this.itemStarted = true;
			}
			for (
				;
				this.request < plan.requests && plan.itemIndex(this.request) === itemIndex;
				this.request++
			) {
				const outcome = outcomes.get(plan.slot(this.request));
				if (outcome === undefined) return;
				const id = plan.id(this.request);
				if (outcome.failure && operation.failedIdStopsNode && !routing.continueOnFail) {
					this.stop = new NodeOperationError(
						context.getNode(),
						`${operation.ids.rule.field}: "${id}": ${outcome.failure.info}`,
						{
							itemIndex,
							...(outcome.failure.hint ? { description: outcome.failure.hint } : {}),
						},
					);
					return;
				}
				const json: IDataObject = operation.key
					? { [operation.key.outputName]: plan.key(this.request) }
					: {};
				json[operation.ids.outputName] = id;
				Object.assign(json, outcome.fields);
				const failure =
					outcome.failure && `Tencent Chat error ${outcome.failure.code}: ${outcome.failure.info}`;
				this.items.push(resultItem(json, itemIndex, routing, failure));
			}
			// The item's requests may not all be planned yet.
			if (this.request >= plan.requests && !plan.isFinished) return;
			this.itemIndex++;
			this.itemStarted = false;
		}
	}

	/** Every item, once every call is over. */
	finish(): INodeExecutionData[] {
		this.advance();
		if (this.stop) throw this.stop;
		const { context, itemCount, plan } = this.job;
		if (this.itemIndex < itemCount || this.request < plan.requests) {
			throw new NodeOperationError(
				context.getNode(),
				`The output stopped at item ${this.itemIndex}: an ID has no outcome`,
			);
		}
		return this.items;
	}
}
