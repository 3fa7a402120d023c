import type { INodeProperties } from 'n8n-workflow';

import { type IdRule, MAX_OFFICIAL_ACCOUNT_ID_BYTES, MAX_USER_ID_BYTES } from '../../helpers/ids';

// Fields and ID rules that several Official Account operations share, so that they read alike.

export const OFFICIAL_ACCOUNT_ID: IdRule = { field: 'Official Account ID', maxBytes: MAX_OFFICIAL_ACCOUNT_ID_BYTES };
export const SUBSCRIBER_IDS: IdRule = { field: 'Subscriber IDs', maxBytes: MAX_USER_ID_BYTES };

export const officialAccountIdField: INodeProperties = {
	displayName: 'Official Account ID',
	name: 'officialAccountId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '@TOA#_@TOA#dOEF',
	description: 'The OfficialAccountUserID that Tencent returned when the official account was created',
};

export function subscriberIdsField(verb: string): INodeProperties {
	return {
		displayName: 'Subscriber IDs',
		name: 'subscriberIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_1, user_2',
		description: `UserIDs to ${verb}: one ID, several separated by commas, or an expression that returns an array of IDs. Pass long numeric IDs as text.`,
	};
}
