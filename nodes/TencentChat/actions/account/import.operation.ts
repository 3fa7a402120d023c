import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type AccountProfile, COMMANDS, type ImportResult, importAccounts } from './api';
import { batchSizeField, clientOptionFields, optionsField, readId, readText } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
import { executeAs } from '../shapes/execute';
import { USER_ID, userField } from '../../fields/users';

/** The name alone would not say what it acts on. */
export const subtitle = 'Import Accounts';

export const option = {
	name: 'Import',
	value: 'import',
	description: 'Create accounts (or update their nickname and avatar), 100 to a call',
	action: 'Import accounts',
} as const;

const properties: INodeProperties[] = [
	userField("The account's UserID, up to 32 bytes: one per item. Pass long numeric IDs as text."),
	{
		displayName: 'Nickname',
		name: 'nick',
		type: 'string',
		default: '',
		description: "The account's nickname; left empty, the account keeps the one it has",
	},
	{
		displayName: 'Avatar URL',
		name: 'faceUrl',
		type: 'string',
		default: '',
		description:
			"The URL of the account's profile picture; left empty, the account keeps the one it has",
	},
	optionsField([batchSizeField(COMMANDS.importAccounts, 'Accounts'), ...clientOptionFields]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: [option.value] } },
	properties,
);

// Tencent answers 40601 for a field over 500 bytes (account_import's page; UNCONFIRMED for these two fields alone).
const NICK = { field: 'Nickname', maxBytes: 500 };
const FACE_URL = { field: 'Avatar URL', maxBytes: 500 };

const IMPORTED = freeze({ status: 'imported' });
const FAILED_INFO =
	'Tencent listed this account in FailAccounts without a reason; check the UserID';
const FAILED = freeze(
	{ status: 'failed', errorCode: 'IMPORT_FAILED', errorInfo: FAILED_INFO },
	{ code: 'IMPORT_FAILED', info: FAILED_INFO },
);

/**
 * One run's operation: it reads each item's nickname and avatar, and an account asked for twice is
 * imported once, as its first item has it.
 */
function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): BulkOperation<ImportResult> {
	const profiles = new Map<string, AccountProfile>();
	const userIdOf = itemParameterReader(context, 'userId', items);
	const nickOf = itemParameterReader(context, 'nick', items);
	const faceUrlOf = itemParameterReader(context, 'faceUrl', items);
	return {
		command: COMMANDS.importAccounts,
		ids: { parameter: 'userId', outputName: 'userId', rule: USER_ID, noun: 'accounts' },
		readItem(_, itemIndex) {
			const userId = readId(userIdOf(itemIndex), USER_ID);
			const nick = readText(nickOf(itemIndex) ?? '', NICK).trim();
			const faceUrl = readText(faceUrlOf(itemIndex) ?? '', FACE_URL).trim();
			if (!profiles.has(userId)) profiles.set(userId, { userId, nick, faceUrl });
			return { key: '', ids: [userId] };
		},
		send: (client, _key, ids, options) =>
			importAccounts(
				client,
				ids.map((id) => profiles.get(id) ?? { userId: id }),
				options,
			),
		// Importing sets the account: a retry after a call that may have been carried out imports it all the same.
		outcome: (result) => (result === 'imported' ? IMPORTED : FAILED),
		rerun:
			'Running the node again is safe: importing an account that exists updates its nickname and avatar.',
	};
}

export const execute = executeAs(runBulk, operationFor);
