import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { COMMANDS, getGroupMemberPage, type GroupMember } from './api';
import { clientOptionFields, InvalidInputError, isoTime, optionsField } from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { listFields, type ListOperation, runList } from '../shapes/list';
import { executeAs } from '../shapes/execute';
import { customDataJson, groupIdField, groupIdReader, mutedUntil } from './fields';

export const option = {
	name: 'Get Members',
	value: 'getMembers',
	description: 'List the members of a group, 100 to a call',
	action: 'Get members of a group',
} as const;

const ROLES = ['Owner', 'Admin', 'Member'];

const displayOptions = { show: { resource: ['group'], operation: [option.value] } };

export const description: INodeProperties[] = [
	...updateDisplayOptions(displayOptions, [groupIdField]),
	...listFields(displayOptions),
	...updateDisplayOptions(displayOptions, [
		optionsField([
			{
				displayName: 'Roles',
				name: 'roles',
				type: 'multiOptions',
				default: [],
				options: ROLES.map((role) => ({ name: role, value: role })),
				description: 'Only members with these roles; none chosen lists everyone',
			},
			...clientOptionFields,
		]),
	]),
];

export function memberJson(group: string, member: GroupMember): IDataObject {
	return {
		group,
		member: member.Member_Account,
		role: (member.Role as string | undefined) ?? null,
		joinTime: member.JoinTime === undefined ? null : isoTime(member.JoinTime),
		nameCard: (member.NameCard as string | undefined) ?? '',
		msgFlag: (member.MsgFlag as string | undefined) ?? null,
		mutedUntil: mutedUntil(member.ShutUpUntil),
		lastSendMsgTime: member.LastSendMsgTime === undefined ? null : isoTime(member.LastSendMsgTime),
		customData: customDataJson(member.AppMemberDefinedData),
	};
}

/** Offset for most types; a Community's `Next`, which its answers carry (§1.1). */
type Cursor = { offset: number } | { next: string };

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): ListOperation<{ group: string; roles: string[] }, Cursor> {
	const groupOf = groupIdReader(context, items);
	const optionsOf = itemParameterReader(context, 'options', items);
	return {
		maxPageSize: COMMANDS.getGroupMemberPage.maxPerCall ?? 100,
		read(_, itemIndex) {
			const { roles = [] } = (optionsOf(itemIndex) ?? {}) as { roles?: unknown };
			if (!Array.isArray(roles) || roles.some((role) => !ROLES.includes(role as string)))
				throw new InvalidInputError('Roles', 'Roles must list Owner, Admin or Member');
			return { group: groupOf(itemIndex), roles: roles as string[] };
		},
		async page(client, { group, roles }, cursor, pageSize, options) {
			const position =
				cursor === undefined
					? {}
					: 'next' in cursor
						? { next: cursor.next }
						: { offset: cursor.offset };
			const page = await getGroupMemberPage(
				client,
				group,
				{ limit: pageSize, roles, ...position },
				options,
			);
			const entries = page.members.map((member) => memberJson(group, member));
			let next: Cursor | undefined;
			// The end of a Community's pages is an empty or absent Next (UNCONFIRMED which, §6a); of others', a short page or the total reached.
			if (page.next !== undefined) next = page.next === '' ? undefined : { next: page.next };
			else {
				const offset =
					(cursor !== undefined && 'offset' in cursor ? cursor.offset : 0) + page.members.length;
				next =
					page.members.length < pageSize || (page.total !== undefined && offset >= page.total)
						? undefined
						: { offset };
			}
			return { entries, next };
		},
	};
}

export const execute = executeAs(runList, operationFor);
