import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	COMMANDS,
	CUSTOM_TAG_PREFIX,
	getProfiles,
	type ProfileResult,
	STANDARD_TAGS,
	TAG_BY_NAME,
} from './api';
import { batchSizeField, clientOptionFields, InvalidInputError, optionsField } from '../../fields';
import { type BulkOperation, freeze, type Outcome, runBulk } from '../shapes/bulk';
import { codeOutcomes } from '../shapes/codeOutcomes';
import { executeAs } from '../shapes/execute';
import { profileJson, readCustomKey, standardTagOptions } from './fields';
import { USER_IDS, userIdsField } from '../../fields/users';

export const option = {
	name: 'Get Profile',
	value: 'getProfile',
	description: "Get users' profiles (nickname, avatar, gender, custom tags, ...), 100 to a call",
	action: 'Get user profiles',
} as const;

const properties: INodeProperties[] = [
	userIdsField('get the profiles of'),
	optionsField([
		batchSizeField(COMMANDS.getProfiles, 'Accounts'),
		{
			displayName: 'Custom Tags',
			name: 'customTags',
			type: 'string',
			default: '',
			placeholder: 'e.g. Tier, Plan',
			description:
				'Keys of custom profile tags to return as customTags (the part after Tag_Profile_Custom_), separated by commas. Each must have been created in the Chat console.',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			default: [],
			description: 'The standard profile fields to return; none chosen returns them all',
			options: standardTagOptions,
		},
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: [option.value] } },
	properties,
);

const NOT_IMPORTED = freeze({ found: false, status: 'notImported' });
const failed = codeOutcomes(COMMANDS.getProfiles, 'Tencent could not read this profile', () => ({
	found: false,
}));

/** The tags to ask for and the custom keys, from the Options (the same for every item), checked before any call. */
function readTagList(context: IExecuteFunctions): { tags: string[]; customKeys: string[] } {
	const { fields, customTags } = (context.getNodeParameter('options', 0, {}) ?? {}) as {
		fields?: unknown;
		customTags?: unknown;
	};
	const chosen = Array.isArray(fields)
		? fields.filter((name) => TAG_BY_NAME.has(name as string))
		: [];
	const names = chosen.length > 0 ? chosen : STANDARD_TAGS.map((tag) => tag.name);
	const tags = names.map((name) => (TAG_BY_NAME.get(name as string) as { tag: string }).tag);
	const customKeys: string[] = [];
	try {
		const given =
			customTags === undefined || customTags === ''
				? []
				: Array.isArray(customTags)
					? customTags
					: String(customTags).split(',');
		for (const key of given) {
			const checked = readCustomKey(key, 'Custom Tags');
			if (!customKeys.includes(checked)) customKeys.push(checked);
		}
	} catch (error) {
		const description =
			error instanceof InvalidInputError
				? 'Fix "Custom Tags" in the Options. No call was made to Tencent.'
				: undefined;
		throw new NodeOperationError(context.getNode(), error as Error, { description });
	}
	return { tags: [...tags, ...customKeys.map((key) => `${CUSTOM_TAG_PREFIX}${key}`)], customKeys };
}

function operationFor(context: IExecuteFunctions): BulkOperation<ProfileResult> {
	const { tags, customKeys } = readTagList(context);
	return {
		command: COMMANDS.getProfiles,
		ids: { parameter: 'userIds', outputName: 'userId', rule: USER_IDS, noun: 'accounts' },
		send: (client, _key, ids, options) => getProfiles(client, ids, tags, options),
		outcome(result): Outcome {
			if (result === 40003) return NOT_IMPORTED;
			if (typeof result === 'number') return failed(result);
			return { fields: { found: true, ...profileJson(result, customKeys) } };
		},
		rerun: 'Getting profiles changes nothing: running the node again is safe.',
	};
}

export const execute = executeAs(runBulk, operationFor);
