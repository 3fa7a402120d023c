import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as group from './group/Group.resource';
import * as message from './message/Message.resource';
import * as officialAccount from './officialAccount/OfficialAccount.resource';
import * as user from './user/User.resource';

type Operation = {
	execute: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
};

/** Every resource's operations, by value: the same maps the node's description is built from. */
const resources: Record<string, Record<string, Operation>> = {
	officialAccount: officialAccount.operations,
	account: account.operations,
	message: message.operations,
	group: group.operations,
	user: user.operations,
};

/** Reads resource and operation once; each operation handles all input items together. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (handler === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await handler.execute.call(this, this.getInputData())];
}
