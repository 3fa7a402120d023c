import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import * as account from './actions/account/Account.resource';
import * as message from './actions/message/Message.resource';
import * as officialAccount from './actions/officialAccount/OfficialAccount.resource';
import * as user from './actions/user/User.resource';
import { router } from './actions/router';

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
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Message', value: 'message' },
					{ name: 'Official Account', value: 'officialAccount' },
					{ name: 'User', value: 'user' },
				],
				default: 'officialAccount',
			},
			...officialAccount.description,
			...account.description,
			...message.description,
			...user.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
