import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getJoinedGroupPage, GROUP_TYPES, type GroupType, type JoinedGroup } from './api';
import { clientOptionFields, InvalidInputError, isoTime, optionsField, readId } from '../../fields';
import { itemParameterReader, parameterReader } from '../../helpers/itemParameters';
import { listFields, type ListOperation, runList } from '../shapes/list';
import { executeAs } from '../shapes/execute';
import { groupJson } from './get.operation';
import { groupTypeFilterField, MEMBER_ID, memberIdField, mutedUntil } from './fields';

export const option = {
	name: 'Get Joined Groups',
	value: 'getJoinedGroups',
	description: 'List the groups one user is a member of',
	action: 'Get the groups of a user',
} as const;

const displayOptions = { show: { resource: ['group'], operation: [option.value] } };

export const description: INodeProperties[] = [
	...updateDisplayOptions(displayOptions, [memberIdField('The UserID whose groups to list')]),
	...listFields(displayOptions),
	...updateDisplayOptions(displayOptions, [groupTypeFilterField, optionsField(clientOptionFields)]),
];

/** Tencent takes up to 5,000 a page; a page of 1,000 with profiles stays well under its 1 MB answer bound. */
const PAGE = Math.min(1_000, COMMANDS.getJoinedGroupPage.maxPerCall ?? 1_000);

function joinedJson(member: string, entry: JoinedGroup): IDataObject {
	const { GroupId, SelfInfo, ...fields } = entry;
	const self = (typeof SelfInfo === 'object' && SelfInfo !== null ? SelfInfo : {}) as Record<
		string,
		unknown
	>;
	const { type, name, owner, memberCount, lastMsgTime, createTime } = groupJson(fields);
	return {
		member,
		group: GroupId,
		type: type ?? null,
		name: name ?? null,
		owner: owner ?? null,
		memberCount: memberCount ?? null,
		createTime: createTime ?? null,
		lastMsgTime: lastMsgTime ?? null,
		role: (self.Role as string | undefined) ?? null,
		joinTime: self.JoinTime === undefined ? null : isoTime(self.JoinTime),
		msgFlag: (self.MsgFlag as string | undefined) ?? null,
		mutedUntil: mutedUntil(self.ShutUpUntil),
		nameCard: (self.NameCard as string | undefined) ?? '',
	};
}

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): ListOperation<{ member: string; type?: GroupType }, number> {
	const memberOf = parameterReader(context, 'memberId', items);
	const filtersOf = itemParameterReader(context, 'filters', items);
	return {
		maxPageSize: PAGE,
		read(_, itemIndex) {
			const { groupType } = (filtersOf(itemIndex) ?? {}) as { groupType?: unknown };
			if (groupType !== undefined && !(GROUP_TYPES as readonly unknown[]).includes(groupType))
				throw new InvalidInputError(
					'Group Type',
					`Group Type must be one of ${GROUP_TYPES.join(', ')}`,
				);
			return {
				member: readId(memberOf(itemIndex), MEMBER_ID),
				type: groupType as GroupType | undefined,
			};
		},
		async page(client, { member, type }, cursor, pageSize, options) {
			const offset = cursor ?? 0;
			const page = await getJoinedGroupPage(
				client,
				member,
				{ limit: pageSize, offset, type },
				options,
			);
			const reached = offset + page.groups.length;
			const done =
				page.groups.length < pageSize || (page.total !== undefined && reached >= page.total);
			return {
				entries: page.groups.map((entry) => joinedJson(member, entry)),
				next: done ? undefined : reached,
			};
		},
	};
}

export const execute = executeAs(runList, operationFor);
