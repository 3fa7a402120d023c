import type { INodeProperties } from 'n8n-workflow';

import { type FieldLimit, MAX_USER_ID_BYTES } from '../../fields';

// Fields and ID rules that the Account operations share, so that they read alike.

export const USER_IDS: FieldLimit = { field: 'User IDs', maxBytes: MAX_USER_ID_BYTES };

export function userIdsField(verb: string): INodeProperties {
	return {
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1, user_2',
		description: `UserIDs to ${verb}: one ID, several separated by commas, or an expression that returns an array of IDs. Pass long numeric IDs as text.`,
	};
}
