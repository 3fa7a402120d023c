import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getOnlineStatus, type PresenceResult } from './api';
import { serviceText } from '../../client';
import { type BulkOperation, freeze, type Outcome, runBulk } from '../shapes/bulk';
import { codeOutcomes } from '../shapes/codeOutcomes';
import { batchSizeField, clientOptionFields, optionsField } from '../../fields';
import { executeAs } from '../shapes/execute';
import { USER_IDS, userIdsField } from '../../fields/users';

export const option = {
	name: 'Get Online Status',
	value: 'getOnlineStatus',
	description: 'Whether users are online, reachable by push only, or offline, 500 to a call',
	action: 'Get online status of users',
} as const;

const properties: INodeProperties[] = [
	userIdsField('look up'),
	optionsField([
		batchSizeField(COMMANDS.getOnlineStatus, 'Accounts'),
		{
			displayName: 'Include Platforms',
			name: 'includePlatforms',
			type: 'boolean',
			default: false,
			description:
				"Whether to list each platform the user is logged in on (Tencent's IsNeedDetail)",
		},
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: [option.value] } },
	properties,
);

/** Tencent's states as the node names them. */
const STATES: Record<string, string> = {
	Online: 'online',
	PushOnline: 'pushOnline',
	Offline: 'offline',
};
const shared = new Map<string, Outcome>(
	Object.entries(STATES).map(([state, status]) => [state, freeze({ status })]),
);
const NOT_IMPORTED = freeze({ status: 'notImported' });
const failed = codeOutcomes(
	COMMANDS.getOnlineStatus,
	'Tencent could not tell the online status of this account',
);

/** A state Tencent adds later is no state the node knows: `unknown`, with Tencent's word for it, bounded. */
function unknownState(state: unknown): IDataObject {
	return { status: 'unknown', tencentStatus: serviceText(state, 64) };
}

function outcome(result: PresenceResult): Outcome {
	if (result === 70107) return NOT_IMPORTED;
	if (typeof result === 'number') return failed(result);
	if (typeof result === 'string') return shared.get(result) ?? { fields: unknownState(result) };
	const platforms = result.detail.map(({ platform, status }) => ({
		platform: typeof platform === 'string' ? serviceText(platform, 64) : null,
		...(typeof status === 'string' && STATES[status] !== undefined
			? { status: STATES[status] }
			: unknownState(status)),
	}));
	const state =
		STATES[result.state] !== undefined
			? { status: STATES[result.state] }
			: unknownState(result.state);
	return { fields: { ...state, platforms } };
}

function operationFor(context: IExecuteFunctions): BulkOperation<PresenceResult> {
	const { includePlatforms } = (context.getNodeParameter('options', 0, {}) ?? {}) as {
		includePlatforms?: unknown;
	};
	const detail = includePlatforms === true || includePlatforms === 'true';
	return {
		command: COMMANDS.getOnlineStatus,
		ids: { parameter: 'userIds', outputName: 'userId', rule: USER_IDS, noun: 'accounts' },
		send: (client, _key, ids, options) => getOnlineStatus(client, ids, detail, options),
		outcome,
		rerun: 'Getting online status changes nothing: running the node again is safe.',
	};
}

export const execute = executeAs(runBulk, operationFor);
