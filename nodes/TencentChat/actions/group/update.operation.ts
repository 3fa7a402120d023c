import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type GroupChanges, updateGroup } from './api';
import {
	clientOptionFields,
	InvalidInputError,
	optionsField,
	readOptionalText,
} from '../../fields';
import { itemParameterReader } from '../../helpers/itemParameters';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import {
	byDisplayName,
	groupIdField,
	groupIdReader,
	groupProfileFields,
	isOn,
	readGroupProfile,
	someChanges,
	TEXT,
	updatedFields,
	updateFieldsField,
} from './fields';

export const option = {
	name: 'Update',
	value: 'update',
	description: "Change a group's profile: only the fields given change",
	action: 'Update a group',
} as const;

const properties: INodeProperties[] = [
	groupIdField,
	updateFieldsField(
		byDisplayName([
			...groupProfileFields({
				customData:
					'Group custom fields to set, as a JSON object of key → text; an empty text deletes the key',
				faceUrl: 'Up to 100 bytes',
				joinOption: 'Who may join by applying',
				maxMembers: "At most your edition's cap; not below the member count",
			}),
			{
				displayName: 'Mute All',
				name: 'muteAll',
				type: 'boolean',
				default: false,
				description: 'Whether only the owner and admins may send (ShutUpAllMember)',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Up to 30 bytes',
			},
		]),
	),
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

function readChanges(fields: Record<string, unknown>): GroupChanges {
	const changes: GroupChanges = {};
	const name = readOptionalText(fields.name, TEXT.name);
	if (name !== undefined) {
		if (name.trim() === '')
			throw new InvalidInputError('Name', 'Name is empty: a group needs a name');
		changes.Name = name;
	}
	const profile = readGroupProfile(fields);
	if (profile.introduction !== undefined) changes.Introduction = profile.introduction;
	if (profile.notification !== undefined) changes.Notification = profile.notification;
	if (profile.faceUrl !== undefined) changes.FaceUrl = profile.faceUrl;
	if (profile.maxMembers !== undefined) changes.MaxMemberNum = profile.maxMembers;
	if (profile.joinOption !== undefined) changes.ApplyJoinOption = profile.joinOption;
	if (fields.muteAll !== undefined) changes.ShutUpAllMember = isOn(fields.muteAll) ? 'On' : 'Off';
	if (profile.customData !== undefined) changes.AppDefinedData = profile.customData;
	return someChanges(changes);
}

const OUTPUT_NAMES: Record<keyof GroupChanges, string> = {
	Name: 'name',
	Introduction: 'introduction',
	Notification: 'notification',
	FaceUrl: 'faceUrl',
	MaxMemberNum: 'maxMembers',
	ApplyJoinOption: 'joinOption',
	ShutUpAllMember: 'muteAll',
	AppDefinedData: 'customData',
};

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): PerItemOperation<{ group: string; changes: GroupChanges }> {
	const groupOf = groupIdReader(context, items);
	const fieldsOf = itemParameterReader(context, 'updateFields', items);
	return {
		read: (_, itemIndex) => ({
			group: groupOf(itemIndex),
			changes: readChanges((fieldsOf(itemIndex) ?? {}) as Record<string, unknown>),
		}),
		async call(client, { group, changes }, options) {
			// Setting the same fields again leaves the same profile: a retry is no ambiguity.
			await updateGroup(client, group, changes, options);
			return {
				group,
				status: 'updated',
				updatedFields: updatedFields(changes, OUTPUT_NAMES),
			};
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
