import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getAppGroupPage, getGroups, GROUP_TYPES, type GroupType } from './api';
import { type CallOptions, describeErrorCode, type TencentChatClient } from '../../client';
import { clientOptionFields, InvalidInputError, optionsField } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { listFields, type ListOperation, runList } from '../shapes/list';
import { executeAs } from '../shapes/execute';
import { groupJson } from './get.operation';
import { groupTypeFilterField, isOn } from './fields';

/** The name alone would not say what it acts on. */
export const subtitle = 'Get Many Groups';

export const option = {
	name: 'Get Many',
	value: 'getMany',
	description: "List the app's groups (Tencent allows one call a second)",
	action: 'Get many groups',
} as const;

const displayOptions = { show: { resource: ['group'], operation: [option.value] } };

export const description: INodeProperties[] = [
	...listFields(displayOptions),
	...updateDisplayOptions(displayOptions, [
		groupTypeFilterField,
		optionsField([
			{
				displayName: 'Include Profile',
				name: 'includeProfile',
				type: 'boolean',
				default: false,
				description:
					"Whether to add each group's profile (name, type, owner, member count...): one more call per 50 groups",
			},
			...clientOptionFields,
		]),
	]),
];

/** A page of IDs as Tencent gives up to 10,000; the node asks for at most this many at once, for answers it reads whole. */
const PAGE = COMMANDS.getAppGroupPage.maxPerCall ?? 10_000;

/** A listed group whose profile Tencent refused (destroyed in between, say): its code and what it means. */
function profileFailure(code: number): IDataObject {
	const errorInfo =
		describeErrorCode(COMMANDS.getGroups, code).hint ?? 'Tencent gave this error for the group';
	return { errorCode: code, errorInfo };
}

async function withProfiles(
	client: TencentChatClient,
	ids: string[],
	options: CallOptions,
): Promise<IDataObject[]> {
	const chunks: string[][] = [];
	for (let start = 0; start < ids.length; start += 50) chunks.push(ids.slice(start, start + 50));
	const answers = await Promise.all(chunks.map((chunk) => getGroups(client, chunk, {}, options)));
	return ids.map((group, index) => {
		const info = answers[Math.floor(index / 50)].results.get(group);
		// Listed, but its profile not given: the group, and nothing said of it that is not known.
		if (info === undefined) return { group };
		if ('errorCode' in info) return { group, ...profileFailure(info.errorCode) };
		return { group, ...groupJson(info.fields, info.customData) };
	});
}

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): ListOperation<{ type?: GroupType; profiles: boolean }, number> {
	const filtersOf = itemParameterReader(context, 'filters', items);
	const { includeProfile } = (context.getNodeParameter('options', 0, {}) ?? {}) as {
		includeProfile?: unknown;
	};
	return {
		maxPageSize: PAGE,
		read(_, itemIndex) {
			const { groupType } = (filtersOf(itemIndex) ?? {}) as { groupType?: unknown };
			if (groupType !== undefined && !(GROUP_TYPES as readonly unknown[]).includes(groupType)) {
				throw new InvalidInputError(
					'Group Type',
					`Group Type must be one of ${GROUP_TYPES.join(', ')}`,
				);
			}
			return { type: groupType as GroupType | undefined, profiles: isOn(includeProfile) };
		},
		async page(client, { type, profiles }, cursor, pageSize, options) {
			const page = await getAppGroupPage(
				client,
				{ limit: pageSize, next: cursor ?? 0, type },
				options,
			);
			const entries = profiles
				? await withProfiles(client, page.groupIds, options)
				: page.groupIds.map((group) => ({ group }));
			return { entries, next: page.next };
		},
	};
}

export const execute = executeAs(runList, operationFor);
