import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

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
					subscriber: item.json.subscribers,
					result: 1,
					status: 'added',
				},
				pairedItem: { item: itemIndex },
			})),
		];
	}
}
