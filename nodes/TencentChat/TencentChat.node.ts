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
import { router } from './actions/router';
import { sendAndWaitWebhook, sendAndWaitWebhooks, WAITING_TOOLTIP } from './actions/sendAndWait/webhook';

export class TencentChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Chat',
		name: 'tencentChat',
		icon: { light: 'file:../../icons/tencentChat.svg', dark: 'file:../../icons/tencentChat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
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
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Group', value: 'group' },
					{ name: 'Message', value: 'message' },
					{ name: 'Official Account', value: 'officialAccount' },
				],
				default: 'officialAccount',
			},
			...officialAccount.description,
			...account.description,
			...message.description,
			...group.description,
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
