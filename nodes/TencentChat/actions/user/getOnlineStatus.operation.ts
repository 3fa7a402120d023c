import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getOnlineStatus, type PresenceResult, SERVICES } from '../../client';
import { type BulkOperation, freeze, type Outcome, runBulk } from '../shapes/bulk';
import { codeOutcomes } from '../shapes/codeOutcomes';
import { batchSizeField, clientOptionFields, optionsField } from '../shapes/options';
import { USER_IDS, userIdsField } from './fields';

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
			description: "Whether to list each platform the user is logged in on (Tencent's IsNeedDetail)",
		},
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: [option.value] } }, properties);

/** Tencent's states as the node names them; a state Tencent adds is passed through as it comes. */
const STATES: Record<string, string> = { Online: 'online', PushOnline: 'pushOnline', Offline: 'offline' };
const shared = new Map<string, Outcome>(Object.entries(STATES).map(([state, status]) => [state, freeze({ status })]));
const NOT_IMPORTED = freeze({ status: 'notImported' });
const failed = codeOutcomes(SERVICES.message, 'Tencent could not tell the online status of this account');

function outcome(result: PresenceResult): Outcome {
	if (result === 70107) return NOT_IMPORTED;
	if (typeof result === 'number') return failed(result);
	if (typeof result === 'string') return shared.get(result) ?? { fields: { status: result } };
	const status = STATES[result.state] ?? result.state;
	const platforms = result.detail.map(({ platform, status: state }) => ({
		platform: platform as string,
		status: typeof state === 'string' ? (STATES[state] ?? state) : (state as string),
	}));
	return { fields: { status, platforms } };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { includePlatforms } = (this.getNodeParameter('options', 0, {}) ?? {}) as { includePlatforms?: unknown };
	const detail = includePlatforms === true || includePlatforms === 'true';
	const operation: BulkOperation<PresenceResult> = {
		command: COMMANDS.getOnlineStatus,
		ids: { parameter: 'userIds', outputName: 'userId', rule: USER_IDS, noun: 'accounts' },
		send: (client, _key, ids, options) => getOnlineStatus(client, ids, detail, options),
		outcome,
		rerun: 'Getting online status changes nothing: running the node again is safe.',
	};
	return await runBulk.call(this, items, operation);
}
