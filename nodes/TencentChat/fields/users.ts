import type { INodeProperties } from 'n8n-workflow';

import type { FieldLimit } from './field';
import { MAX_USER_ID_BYTES } from './ids';

// Users by UserID, for every resource that names them (Account, User, Message): one field and
// one rule for one user, one of each for several.

export const USER_ID: FieldLimit = { field: 'User ID', maxBytes: MAX_USER_ID_BYTES };
export const USER_IDS: FieldLimit = { field: 'User IDs', maxBytes: MAX_USER_ID_BYTES };

/** One user per item. */
export function userField(description: string): INodeProperties {
	return {
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. customer_1042',
		description,
	};
}

/** Several users per item. */
export function userIdsField(
	verb: string,
	placeholder = 'e.g. customer_1, customer_2',
): INodeProperties {
	return {
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description: `UserIDs to ${verb}: one ID, several separated by commas, or an expression that returns an array of IDs. Pass long numeric IDs as text.`,
	};
}
