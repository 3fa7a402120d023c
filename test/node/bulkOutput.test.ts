import { describe, expect, test } from '@jest/globals';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	type BulkOperation,
	freeze,
	type Outcome,
} from '../../nodes/TencentChat/actions/shapes/bulk';
import type { BulkJob } from '../../nodes/TencentChat/actions/shapes/bulk/job';
import { BulkOutput } from '../../nodes/TencentChat/actions/shapes/bulk/output';
import { type Batch, BatchPlan, OutcomeBook } from '../../nodes/TencentChat/helpers/batchPlan';

const node = {
	name: 'Tencent Chat',
	type: 'tencentChat',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const context = { getNode: () => node } as unknown as IExecuteFunctions;

const ADDED = freeze({ status: 'added' });
const FAILED = freeze(
	{ status: 'failed', errorCode: 10004 },
	{ code: 10004, info: 'no such account' },
);

function operation(failedIdStopsNode = false): BulkOperation<number> {
	return {
		command: { name: 'add_subscriber' } as BulkOperation<number>['command'],
		key: {
			parameter: 'officialAccountId',
			outputName: 'officialAccount',
			rule: { field: 'Official Account', maxBytes: 32 },
		},
		ids: {
			parameter: 'subscriberIds',
			outputName: 'subscriber',
			rule: { field: 'Subscriber IDs', maxBytes: 32 },
			noun: 'subscribers',
		},
		send: () => Promise.reject(new Error('not sent in this test')),
		outcome: () => ADDED,
		failedIdStopsNode,
		rerun: '',
	};
}

const routing = { continueOnFail: false, toErrorOutput: false };

/** A job of `itemCount` items that all read, under On Error "Stop Workflow", unless `changes` say otherwise. */
function job(
	itemCount: number,
	plan: BatchPlan,
	outcomes: OutcomeBook<Outcome>,
	changes: Partial<BulkJob<number>> = {},
): BulkJob<number> {
	return {
		context,
		itemCount,
		plan,
		outcomes,
		inputErrors: new Map(),
		operation: operation(),
		routing,
		...changes,
	};
}

function answer(outcomes: OutcomeBook<Outcome>, batch: Batch, outcome: Outcome = ADDED): void {
	batch.ids.forEach((_, position) => outcomes.record(batch, position, outcome));
}

describe('BulkOutput', () => {
	test('makes items in input order as far as the plan and the answers go, and the rest once they come', () => {
		const plan = new BatchPlan(2);
		const outcomes = new OutcomeBook<Outcome>();
		const inputError = new NodeOperationError(node as never, 'Subscriber IDs must be an ID', {
			itemIndex: 1,
		});
		const output = new BulkOutput(
			job(4, plan, outcomes, { inputErrors: new Map([[1, { error: inputError, subject: {} }]]) }),
		);

		// Items 0 and 2 are planned (1 could not be read), item 3 not yet: the full call is answered.
		expect(plan.add(0, 'K', ['a'])).toEqual([]);
		const [full] = plan.add(2, 'K', ['b', 'a']);
		answer(outcomes, full);
		output.advance();
		// Item 3 is not planned yet: the output must wait for it, not pass over it.
		plan.add(3, 'K', ['c']);
		const [last] = plan.finish();
		answer(outcomes, last);

		expect(
			output.finish().map((item) => [item.pairedItem, item.json.subscriber ?? item.json.errorInfo]),
		).toEqual([
			[{ item: 0 }, 'a'],
			[{ item: 1 }, 'Subscriber IDs must be an ID'],
			[{ item: 2 }, 'b'],
			[{ item: 2 }, 'a'],
			[{ item: 3 }, 'c'],
		]);
	});

	test('waits at the first request whose call has not come back', () => {
		const plan = new BatchPlan(1);
		const outcomes = new OutcomeBook<Outcome>();
		const output = new BulkOutput(job(3, plan, outcomes));
		const calls = [0, 1, 2].flatMap((item) => plan.add(item, 'K', [`u${item}`]));
		plan.finish();
		answer(outcomes, calls[1]);
		output.advance();
		expect(() => output.finish()).toThrow('The output stopped at item 0: an ID has no outcome');
		answer(outcomes, calls[0]);
		answer(outcomes, calls[2]);
		expect(output.finish().map((item) => item.json)).toEqual([
			{ officialAccount: 'K', subscriber: 'u0', status: 'added' },
			{ officialAccount: 'K', subscriber: 'u1', status: 'added' },
			{ officialAccount: 'K', subscriber: 'u2', status: 'added' },
		]);
	});

	test('a failed ID that stops the node is thrown once the calls are over, naming the ID and its item', () => {
		const plan = new BatchPlan(10);
		const outcomes = new OutcomeBook<Outcome>();
		const output = new BulkOutput(job(2, plan, outcomes, { operation: operation(true) }));
		plan.add(0, 'K', ['fine']);
		plan.add(1, 'K', ['missing']);
		const [call] = plan.finish();
		outcomes.record(call, 0, ADDED);
		outcomes.record(call, 1, FAILED);
		output.advance();

		let error: NodeOperationError | undefined;
		try {
			output.finish();
		} catch (thrown) {
			error = thrown as NodeOperationError;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect([error?.message, error?.context.itemIndex]).toEqual([
			'Subscriber IDs: "missing": no such account',
			1,
		]);
	});
});
