import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteOfficialAccount } from './api';
import { TencentChatError } from '../../client';
import { clientOptionFields, optionsField, readId } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { executeAs } from '../shapes/execute';
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

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<string> {
	const officialAccountOf = itemParameterReader(context, 'officialAccountId', items);
	return {
		subject: (officialAccount) => ({ officialAccount }),
		read: (_, itemIndex) => readId(officialAccountOf(itemIndex), OFFICIAL_ACCOUNT_ID),
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
}

export const execute = executeAs(runPerItem, operationFor);
