import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { LIST_SEARCH, RESOURCES } from './actions/resources';
import type { Operation } from './actions/shapes/resource';
import { router } from './router';
import {
	sendAndWaitWebhook,
	sendAndWaitWebhooks,
	WAITING_TOOLTIP,
} from './actions/sendAndWait/webhook';

/**
 * What the canvas shows under the node: the operation's name, with its resource when the name alone
 * does not say what it acts on ("Delete Accounts", not "delete: account"). Short enough not to be cut.
 */
function subtitleLabel(resource: string, operation: Operation): string {
	const { name } = operation.option;
	return operation.subtitle ?? (name.includes(' ') ? name : `${name} ${resource}`);
}

const SUBTITLES = Object.fromEntries(
	RESOURCES.map(({ name, value, operations }) => [
		value,
		Object.fromEntries(
			Object.values(operations as Record<string, Operation>).map((operation) => [
				operation.option.value,
				subtitleLabel(name, operation),
			]),
		),
	]),
);

export class TencentChat implements INodeType {
	// The rule knows only a literal subtitle; this one is built from the operations (SUBTITLES), so
	// that the canvas reads "Add Subscribers", not "addSubscribers: officialAccount".
	// eslint-disable-next-line n8n-nodes-base/node-class-description-missing-subtitle
	description: INodeTypeDescription = {
		displayName: 'Tencent Chat',
		name: 'tencentChat',
		icon: {
			light: 'file:../../icons/tencentChat.svg',
			dark: 'file:../../icons/tencentChat.dark.svg',
		},
		group: ['output'],
		version: 1,
		// No "}}" inside: it would end the expression.
		subtitle: `={{ (${JSON.stringify(SUBTITLES).replace(/}/g, '} ')}[$parameter["resource"]] || {})[$parameter["operation"]] || $parameter["operation"] }}`,
		description: "Use Tencent Cloud Chat's server REST API",
		defaults: { name: 'Tencent Chat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentChatApi', required: true }],
		webhooks: sendAndWaitWebhooks,
		waitingNodeTooltip: WAITING_TOOLTIP,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map(({ name, value }) => ({ name, value })),
				default: 'officialAccount',
			},
			...RESOURCES.flatMap((resource) => resource.description),
		],
	};

	methods = { listSearch: LIST_SEARCH };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	/** A person's answer to Send and Wait for Response: the links of its message lead here. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}
