import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

/**
 * The way a user builds this by hand today: n8n's HTTP Request node with this credential sends one
 * request per item, one after another, each through n8n's own request helper (a new connection
 * each). This node does exactly that, so the two run side by side in the same engine.
 */
export class HandBuiltAddSubscriber implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hand-built Add Subscriber',
		name: 'handBuiltAddSubscriber',
		group: ['output'],
		version: 1,
		description: 'One HTTP request per subscriber',
		defaults: { name: 'Hand-built' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentChatApi', required: true }],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const { officialAccount, subscribers } = items[itemIndex].json as { officialAccount: string; subscribers: string };
			const answer = await this.helpers.httpRequestWithAuthentication.call(this, 'tencentChatApi', {
				method: 'POST',
				url: this.getNodeParameter('url', itemIndex) as string,
				body: { Official_Account: officialAccount, SubscriberList: [{ Subscriber_Account: subscribers }] },
				json: true,
			});
			output.push({ json: answer, pairedItem: { item: itemIndex } });
		}
		return [output];
	}
}

/**
 * "n8n holding the same items": a node that emits the same output items as Add Subscribers
 * without doing any of its work. The difference in peak RSS is what the node itself adds.
 */
export class PassThroughOutput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pass-through output',
		name: 'passThroughOutput',
		group: ['output'],
		version: 1,
		description: 'Emits one Add Subscribers-shaped item per input item',
		defaults: { name: 'Pass-through' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, itemIndex) => ({
				json: {
					officialAccount: item.json.officialAccount,
					subscriberAccount: item.json.subscribers,
					result: 1,
					status: 'added',
				},
				pairedItem: { item: itemIndex },
			})),
		];
	}
}
