import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { addSubscribers, LIMITS, MAX_CONNECTIONS_PER_ORIGIN, TencentChatError } from '../../client';
import {
	type Batch,
	OutcomeBook,
	outcomeFromError,
	outcomesFromAnswer,
	planBatches,
	type SubscriptionOutcome,
	type SubscriptionRequest,
} from '../../helpers/batchPlan';
import { parameterReader } from '../../helpers/itemParameters';
import { InvalidInputError, readOfficialAccountId, readSubscriberIds } from '../../helpers/subscriberInput';
import { createClient, toNodeApiError } from '../../transport';

const displayOptions = { show: { resource: ['officialAccount'], operation: ['addSubscribers'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Official Account ID',
		name: 'officialAccountId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '@TOA#_@TOA#dOEF',
		description: 'The OfficialAccountUserID that Tencent returned when the official account was created',
		displayOptions,
	},
	{
		displayName: 'Subscriber IDs',
		name: 'subscriberIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1, user_2',
		description:
			'UserIDs to subscribe: one ID, several separated by commas, or an expression that returns an array of IDs',
		displayOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: LIMITS.addSubscriberMaxPerCall },
				default: 100,
				description: 'Subscribers sent in one call to Tencent (at most 100)',
			},
			{
				displayName: 'Max Concurrent Requests',
				name: 'maxConcurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONNECTIONS_PER_ORIGIN },
				default: 200,
				description:
					"Calls in flight at once from this n8n process. The default lets a whole second's budget be in flight, even at a distant data centre's latency.",
			},
			{
				displayName: 'Max Requests per Second',
				name: 'maxRequestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 200,
				description:
					"Tencent allows 200 calls per second per app. When several n8n workers use the same app, give each a share, e.g. 100 for two workers.",
			},
			{
				displayName: 'Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 5,
				description:
					'How often to retry a call that failed in a way that may pass (network errors, timeouts, busy service), with growing pauses',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10_000,
				description: "How long to wait for one answer. Tencent's own backend gives up after 3,000 ms.",
			},
		],
	},
];

interface Options {
	batchSize?: number;
	maxConcurrency?: number;
	maxRequestsPerSecond?: number;
	maxRetries?: number;
	timeoutMs?: number;
}

/**
 * Reads every item first, so that bad input stops the node before any call is made; then sends
 * each official account's subscribers in as few calls as the API allows, all paced by the client;
 * then gives one output item per subscriber asked for, in input order.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const { batchSize = LIMITS.addSubscriberMaxPerCall, ...clientOptions } = this.getNodeParameter(
		'options',
		0,
		{},
	) as Options;

	const officialAccountOf = parameterReader(this, 'officialAccountId', items);
	const subscribersOf = parameterReader(this, 'subscriberIds', items);
	const requests: SubscriptionRequest[] = [];
	const inputErrors = new Map<number, NodeOperationError>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const officialAccount = readOfficialAccountId(officialAccountOf(itemIndex));
			for (const subscriberId of readSubscriberIds(subscribersOf(itemIndex))) {
				requests.push({ itemIndex, officialAccount, subscriberId });
			}
		} catch (error) {
			const nodeError = asInputError.call(this, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			inputErrors.set(itemIndex, nodeError);
		}
	}

	const { batches, slotOfRequest, slots } = planBatches(requests, batchSize);
	const outcomes = new OutcomeBook(slots);
	if (batches.length > 0) {
		const client = await createClient.call(this, clientOptions);
		const failure = await sendBatches(batches, outcomes, {
			node: this.getNode(),
			continueOnFail,
			send: (batch, signals) => addSubscribers(client, batch.officialAccount, batch.subscriberIds, signals),
			signal: this.getExecutionCancelSignal(),
		});
		if (failure) {
			const inFailedCall = new Set(failure.batch.subscriberIds);
			const itemIndex = requests.find(
				(request) => request.officialAccount === failure.batch.officialAccount && inFailedCall.has(request.subscriberId),
			)?.itemIndex;
			throw toNodeApiError(this.getNode(), failure.error, {
				itemIndex,
				description: `The node stopped after ${outcomes.size} of ${slots} distinct subscribers had been processed; no further calls were started.`,
			});
		}
	}

	return buildOutput(items.length, requests, (request) => outcomes.get(slotOfRequest[request]), inputErrors);
}

interface SendOptions {
	node: INode;
	continueOnFail: boolean;
	send: (batch: Batch, signals: { signal?: AbortSignal; stopStarting: AbortSignal }) => ReturnType<typeof addSubscribers>;
	signal?: AbortSignal;
}

/**
 * Sends every batch at once and lets the client pace them. A failed call becomes failed outcomes
 * (Continue On Fail) or stops the run: no new call starts, calls in flight finish and are kept.
 */
async function sendBatches(
	batches: Batch[],
	outcomes: OutcomeBook,
	{ node, continueOnFail, send, signal }: SendOptions,
): Promise<{ batch: Batch; error: TencentChatError } | undefined> {
	const stop = new AbortController();
	let failure: { batch: Batch; error: TencentChatError } | undefined;

	await Promise.all(
		batches.map(async (batch) => {
			try {
				const answer = await send(batch, { signal, stopStarting: stop.signal });
				outcomes.recordBatch(batch, outcomesFromAnswer(batch, answer));
			} catch (error) {
				if (stop.signal.aborted && !(error instanceof TencentChatError)) return;
				if (!(error instanceof TencentChatError)) throw new NodeOperationError(node, error as Error);
				if (continueOnFail) {
					outcomes.recordBatch(batch, outcomeFromError(error));
					return;
				}
				failure ??= { batch, error };
				stop.abort();
			}
		}),
	);
	return failure;
}

function buildOutput(
	itemCount: number,
	requests: SubscriptionRequest[],
	outcomeOf: (requestIndex: number) => SubscriptionOutcome | undefined,
	inputErrors: Map<number, NodeOperationError>,
): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	let next = 0;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const inputError = inputErrors.get(itemIndex);
		if (inputError) {
			output.push({ json: { error: inputError.message }, error: inputError, pairedItem: { item: itemIndex } });
			continue;
		}
		for (; next < requests.length && requests[next].itemIndex === itemIndex; next++) {
			const { officialAccount, subscriberId } = requests[next];
			const outcome = outcomeOf(next) as SubscriptionOutcome;
			output.push({ json: toJson(officialAccount, subscriberId, outcome), pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

function toJson(officialAccount: string, subscriberAccount: string, outcome: SubscriptionOutcome): IDataObject {
	return { officialAccount, subscriberAccount, ...outcome };
}

function asInputError(this: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(this.getNode(), `Item ${itemIndex}: ${error.message}`, {
			itemIndex,
			description:
				error.field === 'officialAccountId'
					? 'Set "Official Account ID" to the OfficialAccountUserID of the account, e.g. {{ $json.officialAccountId }}'
					: 'Set "Subscriber IDs" to a UserID, a comma-separated list, or an expression returning an array of UserIDs',
		});
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}
