import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type MemberChanges, updateGroupMember } from './api';
import {
	clientOptionFields,
	InvalidInputError,
	optionsField,
	readId,
	readOptionalText,
	readWholeNumber,
} from '../../fields';
import { itemParameterReader, parameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import {
	groupIdField,
	groupIdReader,
	MEMBER_ID,
	memberIdField,
	readCustomData,
	someChanges,
	TEXT,
	updatedFields,
	updateFieldsField,
	muteSecondsOption,
} from './fields';

export const option = {
	name: 'Update Member',
	value: 'updateMember',
	description: "Change one member's role, name card, mute, message flag or custom data",
	action: 'Update a member of a group',
} as const;

export const MSG_FLAGS = [
	{ name: 'Receive and Notify', value: 'AcceptAndNotify' },
	{ name: 'Receive Without Notifying', value: 'AcceptNotNotify' },
	{ name: 'Do Not Receive', value: 'Discard' },
];

const properties: INodeProperties[] = [
	groupIdField,
	memberIdField('The UserID of the member'),
	updateFieldsField([
		{
			displayName: 'Custom Data',
			name: 'customData',
			type: 'json',
			default: '{}',
			description:
				'Member custom fields as a JSON object of key → text (at most 5 keys, 64 bytes a value); an empty text deletes the key',
		},
		{
			displayName: 'Message Flag',
			name: 'msgFlag',
			type: 'options',
			options: MSG_FLAGS,
			default: 'AcceptAndNotify',
			description: "How the member's devices take the group's messages",
		},
		{
			displayName: 'Mute Seconds',
			name: 'muteSeconds',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 4_294_967_295 },
			default: 0,
			description:
				'Mute the member for this long; 0 unmutes, 4294967295 is for ever. Not in Work groups.',
		},
		{
			displayName: 'Name Card',
			name: 'nameCard',
			type: 'string',
			default: '',
			description: "The member's name in this group, up to 50 bytes",
		},
		{
			displayName: 'Role',
			name: 'role',
			type: 'options',
			options: [
				{ name: 'Admin', value: 'Admin' },
				{ name: 'Member', value: 'Member' },
			],
			default: 'Member',
			description:
				'Make the member an admin, or an admin a plain member again (Work groups have no admins)',
		},
	]),
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

const MUTE = muteSecondsOption(0);

function readChanges(fields: Record<string, unknown>): MemberChanges {
	const changes: MemberChanges = {};
	if (fields.role !== undefined) {
		if (fields.role !== 'Admin' && fields.role !== 'Member')
			throw new InvalidInputError(
				'Role',
				`Role must be Admin or Member, not ${JSON.stringify(fields.role)?.slice(0, 40)}`,
			);
		changes.Role = fields.role;
	}
	const nameCard = readOptionalText(fields.nameCard, TEXT.nameCard);
	if (nameCard !== undefined) changes.NameCard = nameCard;
	if (fields.msgFlag !== undefined) {
		if (!MSG_FLAGS.some((flag) => flag.value === fields.msgFlag))
			throw new InvalidInputError(
				'Message Flag',
				'Message Flag must be AcceptAndNotify, AcceptNotNotify or Discard',
			);
		changes.MsgFlag = fields.msgFlag as string;
	}
	if (fields.muteSeconds !== undefined)
		changes.ShutUpTime = readWholeNumber(fields.muteSeconds, MUTE);
	const customData = readCustomData(fields.customData, 'Custom Data', {
		maxKeys: 5,
		maxValueBytes: 64,
	});
	if (customData !== undefined) changes.AppMemberDefinedData = customData;
	return someChanges(changes);
}

const OUTPUT_NAMES: Record<keyof MemberChanges, string> = {
	Role: 'role',
	NameCard: 'nameCard',
	MsgFlag: 'msgFlag',
	ShutUpTime: 'muteSeconds',
	AppMemberDefinedData: 'customData',
};

type Input = { group: string; member: string; changes: MemberChanges };

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<Input> {
	const groupOf = groupIdReader(context, items);
	const memberOf = parameterReader(context, 'memberId', items);
	const fieldsOf = itemParameterReader(context, 'updateFields', items);
	return {
		read: (_, itemIndex) => ({
			group: groupOf(itemIndex),
			member: readId(memberOf(itemIndex), MEMBER_ID),
			changes: readChanges((fieldsOf(itemIndex) ?? {}) as Record<string, unknown>),
		}),
		async call(client, { group, member, changes }, options) {
			await updateGroupMember(client, group, member, changes, options);
			return {
				group,
				member,
				status: 'updated',
				updatedFields: updatedFields(changes, OUTPUT_NAMES),
			};
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
