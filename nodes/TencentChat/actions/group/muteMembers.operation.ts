import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, muteGroupMembers } from './api';
import {
	batchSizeField,
	clientOptionFields,
	optionsField,
	readIdList,
	readWholeNumber,
} from '../../fields';
import { itemParameterReader, parameterReader } from '../../helpers/itemParameters';
import { type BulkOperation, freeze, runBulk } from '../shapes/bulk';
import { executeAs } from '../shapes/execute';
import {
	GROUP_ID,
	groupIdField,
	groupIdReader,
	MEMBER_IDS,
	memberIdsField,
	muteSecondsOption,
} from './fields';

export const option = {
	name: 'Mute Members',
	value: 'muteMembers',
	description: 'Mute or unmute members of a group, 500 to a call',
	action: 'Mute members of a group',
} as const;

const properties: INodeProperties[] = [
	groupIdField,
	memberIdsField('mute or unmute'),
	{
		displayName: 'Mute Seconds',
		name: 'muteSeconds',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 4_294_967_295 },
		required: true,
		default: 3600,
		description:
			'How long the members may not send: 0 unmutes them, 4294967295 is for ever. Not in Work groups.',
	},
	optionsField([batchSizeField(COMMANDS.muteGroupMembers, 'Members'), ...clientOptionFields]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

const MUTE = muteSecondsOption(3600);
const MUTED = freeze({ status: 'muted' });
const UNMUTED = freeze({ status: 'unmuted' });
// A group ID is printable ASCII: a line break cannot be part of one.
const SEPARATOR = '\n';

/** The key of a call is (seconds, group): items asking the same of the same group share calls. */
function splitKey(key: string): { muteSeconds: number; group: string } {
	const at = key.indexOf(SEPARATOR);
	return { muteSeconds: Number(key.slice(0, at)), group: key.slice(at + 1) };
}

/** Each output item names its group and seconds apart, as every other operation names its group. */
function withGroup(json: IDataObject): IDataObject {
	if (typeof json.group !== 'string' || !json.group.includes(SEPARATOR)) return json;
	const { group: key, member, ...rest } = json;
	const { group, muteSeconds } = splitKey(key);
	return { group, member, muteSeconds, ...rest };
}

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): BulkOperation<boolean> {
	const groupOf = groupIdReader(context, items);
	const membersOf = itemParameterReader(context, 'memberIds', items);
	const secondsOf = parameterReader(context, 'muteSeconds', items);
	return {
		command: COMMANDS.muteGroupMembers,
		key: { parameter: 'groupId', outputName: 'group', rule: GROUP_ID },
		ids: { parameter: 'memberIds', outputName: 'member', rule: MEMBER_IDS, noun: 'members' },
		readItem: (_, itemIndex) => {
			const group = groupOf(itemIndex);
			const ids = readIdList(membersOf(itemIndex), MEMBER_IDS);
			return { key: `${readWholeNumber(secondsOf(itemIndex), MUTE)}${SEPARATOR}${group}`, ids };
		},
		async send(client, key, memberIds, options) {
			const { group, muteSeconds } = splitKey(key);
			const answer = await muteGroupMembers(client, group, memberIds, muteSeconds, options);
			return {
				...answer,
				results: new Map([...answer.results.keys()].map((id) => [id, muteSeconds > 0])),
			};
		},
		// Muting again for the same time leaves the same state: a retry is no ambiguity.
		outcome: (muted) => (muted ? MUTED : UNMUTED),
		rerun:
			'Running the node again is safe: it mutes (or unmutes) the same members again, from now.',
	};
}

const mute = executeAs(runBulk, operationFor);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const output = await mute.call(this, items);
	for (const item of output) {
		const details = item.json.details;
		if (typeof details === 'object' && details !== null && !Array.isArray(details))
			item.json.details = withGroup(details as IDataObject);
		else item.json = withGroup(item.json);
	}
	return output;
}
