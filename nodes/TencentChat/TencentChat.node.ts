import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import * as account from './actions/account/Account.resource';
import * as group from './actions/group/Group.resource';
import * as message from './actions/message/Message.resource';
import * as officialAccount from './actions/officialAccount/OfficialAccount.resource';
import * as user from './actions/user/User.resource';
import { router } from './actions/router';
import {
	sendAndWaitWebhook,
	sendAndWaitWebhooks,
	WAITING_TOOLTIP,
} from './actions/sendAndWait/webhook';

/** The resources in the order the editor lists them: the headline one first. */
const RESOURCES = [
	{ name: 'Official Account', value: 'officialAccount', operations: officialAccount.operations },
	{ name: 'Group', value: 'group', operations: group.operations },
	{ name: 'Account', value: 'account', operations: account.operations },
	{ name: 'Message', value: 'message', operations: message.operations },
	{ name: 'User', value: 'user', operations: user.operations },
];

/** Subtitles that the rule below would make ambiguous or unclear, by resource and operation name. */
const SUBTITLE_OVERRIDES: Record<string, Record<string, string>> = {
	'Official Account': { 'Send Message': 'Broadcast Message' },
	Message: {
		Send: 'Send Message',
		'Send to Many': 'Send Message to Many',
		'Send and Wait for Response': 'Send and Wait',
	},
	Group: {
		'Get Many': 'Get Many Groups',
		'Send Message': 'Send Group Message',
		'Recall Messages': 'Recall Group Messages',
		'Get Messages': 'Get Group Messages',
		'Send and Wait for Response': 'Send to Group and Wait',
	},
};

/**
 * What the canvas shows under the node: the operation's name, with its resource when the name alone
 * does not say what it acts on ("Delete Accounts", not "delete: account"). Short enough not to be cut.
 */
function subtitleLabel(resource: string, operation: { name: string }): string {
	const override = SUBTITLE_OVERRIDES[resource]?.[operation.name];
	if (override !== undefined) return override;
	if (resource === 'Account') return `${operation.name} Accounts`;
	return operation.name.includes(' ') ? operation.name : `${operation.name} ${resource}`;
}

const SUBTITLES = Object.fromEntries(
	RESOURCES.map(({ name, value, operations }) => [
		value,
		Object.fromEntries(
			Object.values(operations).map((operation) => [
				operation.option.value,
				subtitleLabel(name, operation.option),
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
			...officialAccount.description,
			...account.description,
			...message.description,
			...group.description,
			...user.description,
		],
	};

	methods = { listSearch: { searchGroups: group.searchGroups } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	/** A person's answer to Send and Wait for Response: the links of its message lead here. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}
