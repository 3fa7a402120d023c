import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type GroupChanges, updateGroup } from './api';
import { InvalidInputError } from '../../helpers/ids';
import { itemParameterReader } from '../../helpers/itemParameters';
import { clientOptionFields, optionsField } from '../shapes/options';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { executeAs } from '../shapes/execute';
import {
	groupIdField,
	groupIdReader,
	isOn,
	JOIN_OPTIONS,
	readCount,
	readCustomData,
	readJoinOption,
	readOptionalText,
	TEXT,
} from './fields';

export const option = {
	name: 'Update',
	value: 'update',
	description: "Change a group's profile: only the fields given change",
	action: 'Update a group',
} as const;

const properties: INodeProperties[] = [
	groupIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Custom Data',
				name: 'customData',
				type: 'json',
				default: '{}',
				description:
					'Group custom fields to set, as a JSON object of key → text; an empty text deletes the key',
			},
			{
				displayName: 'Face URL',
				name: 'faceUrl',
				type: 'string',
				default: '',
				description: 'Up to 100 bytes',
			},
			{
				displayName: 'Introduction',
				name: 'introduction',
				type: 'string',
				default: '',
				description: 'Up to 240 bytes',
			},
			{
				displayName: 'Join Option',
				name: 'joinOption',
				type: 'options',
				options: JOIN_OPTIONS,
				default: 'NeedPermission',
				description: 'Who may join by applying',
			},
			{
				displayName: 'Max Members',
				name: 'maxMembers',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100_000 },
				default: 200,
				description: "At most your edition's cap; not below the member count",
			},
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
			{
				displayName: 'Notification',
				name: 'notification',
				type: 'string',
				default: '',
				description: 'The group notice, up to 300 bytes',
			},
		],
	},
	optionsField(clientOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

const MAX_MEMBERS = {
	name: 'maxMembers',
	displayName: 'Max Members',
	min: 1,
	max: 100_000,
	default: 200,
};

function readChanges(fields: Record<string, unknown>): GroupChanges {
	const changes: GroupChanges = {};
	const name = readOptionalText(fields.name, TEXT.name);
	if (name !== undefined) {
		if (name.trim() === '')
			throw new InvalidInputError('Name', 'Name is empty: a group needs a name');
		changes.Name = name;
	}
	const introduction = readOptionalText(fields.introduction, TEXT.introduction);
	if (introduction !== undefined) changes.Introduction = introduction;
	const notification = readOptionalText(fields.notification, TEXT.notification);
	if (notification !== undefined) changes.Notification = notification;
	const faceUrl = readOptionalText(fields.faceUrl, TEXT.faceUrl);
	if (faceUrl !== undefined) changes.FaceUrl = faceUrl;
	if (fields.maxMembers !== undefined)
		changes.MaxMemberNum = readCount(fields.maxMembers, MAX_MEMBERS);
	const joinOption = readJoinOption(fields.joinOption);
	if (joinOption !== undefined) changes.ApplyJoinOption = joinOption;
	if (fields.muteAll !== undefined) changes.ShutUpAllMember = isOn(fields.muteAll) ? 'On' : 'Off';
	const customData = readCustomData(fields.customData, 'Custom Data', {
		maxKeys: 10,
		maxValueBytes: 512,
	});
	if (customData !== undefined) changes.AppDefinedData = customData;
	if (Object.keys(changes).length === 0)
		throw new InvalidInputError(
			'Update Fields',
			'Update Fields is empty: add the fields to change',
		);
	return changes;
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
				updatedFields: (Object.keys(changes) as Array<keyof GroupChanges>).map(
					(key) => OUTPUT_NAMES[key],
				),
			};
		},
	};
}

export const execute = executeAs(runPerItem, operationFor);
