import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteOfficialAccount } from './api';
import { TencentChatError } from '../../client';
import { clientOptionFields, optionsField, readId } from '../../fields';
import { parameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { OFFICIAL_ACCOUNT_ID, officialAccountIdField } from './fields';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Destroy an official account, with its subscribers and messages',
	action: 'Delete an official account',
} as const;

const properties: INodeProperties[] = [officialAccountIdField, optionsField(clientOptionFields)];

export const description = updateDisplayOptions(
	{ show: { resource: ['officialAccount'], operation: [option.value] } },
	properties,
);

/** Tencent's answer for an account that does not exist or was destroyed. */
const NO_SUCH_ACCOUNT = 130004;

export const operation: PerItemOperation<string> = {
	subject: (officialAccount) => ({ officialAccount }),
	read(context, itemIndex, items) {
		return readId(
			parameterReader(context, 'officialAccountId', items)(itemIndex),
			OFFICIAL_ACCOUNT_ID,
		);
	},
	async call(client, officialAccountId, options) {
		// A retry after an attempt that may have destroyed it finds it gone: this run's doing, most likely.
		const goneAlready = await deleteOfficialAccount(client, officialAccountId, options).then(
			() => false,
			(error: unknown) =>
				error instanceof TencentChatError &&
				error.code === NO_SUCH_ACCOUNT &&
				error.mayHaveBeenApplied
					? true
					: Promise.reject(error),
		);
		const officialAccount = officialAccountId;
		return goneAlready
			? { officialAccount, status: 'deleted', ambiguous: true }
			: { officialAccount, status: 'deleted' };
	},
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, operation);
}
