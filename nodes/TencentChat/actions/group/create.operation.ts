import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createGroup, GROUP_TYPES, type GroupType, type NewGroup } from './api';
import { TencentChatError } from '../../client';
import {
	clientOptionFields,
	InvalidInputError,
	MAX_USER_ID_BYTES,
	optionsField,
	readId,
	readIdList,
	readText,
} from '../../fields';
import { itemParameterReader, parameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import {
	byDisplayName,
	checkGroupId,
	GROUP_ID,
	groupProfileFields,
	GROUP_TYPE_OPTIONS,
	readGroupProfile,
	TEXT,
} from './fields';

export const option = {
	name: 'Create',
	value: 'create',
	description: 'Create a group, with up to 100 members to start with',
	action: 'Create a group',
} as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Group Type',
		name: 'groupType',
		type: 'options',
		options: GROUP_TYPE_OPTIONS,
		default: 'Work',
		description: 'What the group can do is decided by its type, and it cannot be changed later',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Deal 42',
		description: 'The group name, up to 30 bytes',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: byDisplayName([
			...groupProfileFields({
				customData:
					'Group custom fields as a JSON object of key → text (AppDefinedData), at most 10 keys; the keys must be set up in the Chat console first',
				faceUrl: "The URL of the group's picture, up to 100 bytes",
				joinOption: 'Who may join by applying (not for Work groups)',
				maxMembers:
					"At most your edition's cap for the type (e.g. 200 on Standard, 2,000 on Premium)",
			}),
			{
				displayName: 'Group ID',
				name: 'customGroupId',
				type: 'string',
				default: '',
				placeholder: 'e.g. deal_42',
				description:
					"An ID of your own, up to 48 printable ASCII characters: a Community's must start with @TGS#_, any other type's must not start with @TGS#. With it, running the node again cannot make a second group.",
			},
			{
				displayName: 'Member IDs',
				name: 'memberIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. user_1, user_2',
				description:
					'Up to 100 UserIDs (imported accounts) who are members from the start; not for AVChatRoom. Add more with Add Members.',
			},
			{
				displayName: 'Owner ID',
				name: 'ownerId',
				type: 'string',
				default: '',
				placeholder: 'e.g. agent_7',
				description:
					'The UserID of the owner (an imported account), who joins at once; left empty, the group has no owner',
			},
		]),
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

const OWNER = { field: 'Owner ID', maxBytes: MAX_USER_ID_BYTES };
const MEMBERS = { field: 'Member IDs', maxBytes: MAX_USER_ID_BYTES };
const MAX_INITIAL_MEMBERS = 100;

function readType(value: unknown): GroupType {
	if ((GROUP_TYPES as readonly unknown[]).includes(value)) return value as GroupType;
	throw new InvalidInputError(
		'Group Type',
		`Group Type must be one of ${GROUP_TYPES.join(', ')}, not ${JSON.stringify(value)?.slice(0, 40)}`,
	);
}

/** §1.0: a Community's own ID starts with @TGS#_; any other type's must not start with @TGS#. */
function readOwnGroupId(value: unknown, type: GroupType): string | undefined {
	if (value === undefined || value === '') return undefined;
	const id = checkGroupId(readId(value, { ...GROUP_ID, field: 'Group ID' }));
	if (type === 'Community' && (!id.startsWith('@TGS#_') || id.length === 6)) {
		throw new InvalidInputError(
			'Group ID',
			`Group ID "${id}" must start with @TGS#_ for a Community, e.g. @TGS#_course_12`,
		);
	}
	if (type !== 'Community' && id.startsWith('@TGS#'))
		throw new InvalidInputError(
			'Group ID',
			`Group ID "${id}" must not start with @TGS#: Tencent keeps that prefix for its own IDs`,
		);
	return id;
}

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<NewGroup> {
	const typeOf = itemParameterReader(context, 'groupType', items);
	const nameOf = parameterReader(context, 'name', items);
	const fieldsOf = itemParameterReader(context, 'additionalFields', items);
	return {
		subject: ({ groupId, owner }) => ({
			...(groupId !== undefined ? { group: groupId } : {}),
			...(owner !== undefined ? { owner } : {}),
		}),
		read(_, itemIndex) {
			const type = readType(typeOf(itemIndex));
			const name = readText(nameOf(itemIndex), TEXT.name);
			if (name.trim() === '')
				throw new InvalidInputError('Name', 'Name is empty: a group needs a name');
			const fields = (fieldsOf(itemIndex) ?? {}) as Record<string, unknown>;
			const members =
				fields.memberIds === undefined || fields.memberIds === ''
					? undefined
					: [...new Set(readIdList(fields.memberIds, MEMBERS))];
			if (members !== undefined && type === 'AVChatRoom')
				throw new InvalidInputError(
					'Member IDs',
					'An AVChatRoom keeps no member list: leave Member IDs empty for this type',
				);
			if (members !== undefined && members.length > MAX_INITIAL_MEMBERS) {
				throw new InvalidInputError(
					'Member IDs',
					`Member IDs holds ${members.length} IDs; a new group takes at most ${MAX_INITIAL_MEMBERS}: add the rest with Add Members`,
				);
			}
			return {
				type,
				name,
				owner:
					fields.ownerId === undefined || fields.ownerId === ''
						? undefined
						: readId(fields.ownerId, OWNER),
				groupId: readOwnGroupId(fields.customGroupId, type),
				...readGroupProfile(fields),
				members,
			};
		},
		async call(client, group, options) {
			const output = {
				type: group.type,
				name: group.name,
				owner: group.owner ?? null,
				status: 'created',
			};
			const created = await createGroup(client, group, options).catch((error: unknown) =>
				// 10025: the item's own ID is taken by its owner: by an earlier attempt of this very call, when one may have been carried out.
				error instanceof TencentChatError &&
				error.code === 10025 &&
				error.mayHaveBeenApplied &&
				group.groupId !== undefined
					? { groupId: group.groupId, mayHaveBeenAppliedBefore: true }
					: Promise.reject(error),
			);
			// Without an ID of the item's own, a retry after an attempt that may have been carried out may have made a second group.
			// An OK answer without a usable GroupId: created, but under an ID Tencent did not say.
			return {
				group: created.groupId ?? null,
				...output,
				...(created.mayHaveBeenAppliedBefore ? { ambiguous: true } : {}),
			};
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
