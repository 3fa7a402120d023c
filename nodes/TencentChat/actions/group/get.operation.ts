import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	COMMANDS,
	GROUP_FIELDS,
	type GroupField,
	type GroupInfo,
	getGroups,
	typeFromWire,
} from './api';
import { clientOptionFields, isoTime, optionsField, readIdList } from '../../fields';
import { type BulkOperation, type Outcome, runBulk } from '../shapes/bulk';
import { codeOutcomes } from '../shapes/codeOutcomes';
import { executeAs } from '../shapes/execute';
import { customDataJson, GROUP_ID, groupIdField, groupIdReader } from './fields';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get the profile of a group per item, 50 groups to a call',
	action: 'Get a group',
} as const;

const FIELD_NAMES: Record<GroupField, string> = {
	Type: 'Type',
	Name: 'Name',
	Introduction: 'Introduction',
	Notification: 'Notification',
	FaceUrl: 'Face URL',
	Owner_Account: 'Owner',
	CreateTime: 'Create Time',
	InfoSeq: 'Info Seq',
	LastInfoTime: 'Last Info Time',
	LastMsgTime: 'Last Message Time',
	NextMsgSeq: 'Next Message Seq',
	MemberNum: 'Member Count',
	MaxMemberNum: 'Max Members',
	ApplyJoinOption: 'Join Option',
	ShutUpAllMember: 'Mute All',
};

const properties: INodeProperties[] = [
	groupIdField,
	optionsField([
		{
			displayName: 'Custom Data Keys',
			name: 'customDataKeys',
			type: 'string',
			default: '',
			placeholder: 'e.g. deal, region',
			description:
				'The group custom fields to return (AppDefinedData), separated by commas; none returns none',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			default: [],
			description: "The fields to return (Tencent's ResponseFilter); none chosen returns them all",
			options: GROUP_FIELDS.map((field) => ({ name: FIELD_NAMES[field], value: field })),
		},
		...clientOptionFields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: [option.value] } },
	properties,
);

/** A group's fields as the node's outputs name them; times as ISO dates, null for never. */
export function groupJson(fields: Record<string, unknown>, customData?: unknown): IDataObject {
	const json: IDataObject = {};
	const put = (name: string, value: unknown) => {
		if (value !== undefined) json[name] = value as IDataObject[string];
	};
	put('type', typeFromWire(fields.Type));
	put('name', fields.Name);
	put(
		'owner',
		fields.Owner_Account === undefined
			? undefined
			: fields.Owner_Account === ''
				? null
				: fields.Owner_Account,
	);
	put('introduction', fields.Introduction);
	put('notification', fields.Notification);
	put('faceUrl', fields.FaceUrl);
	put('memberCount', fields.MemberNum);
	put('maxMembers', fields.MaxMemberNum);
	put('joinOption', fields.ApplyJoinOption);
	put(
		'muteAll',
		fields.ShutUpAllMember === undefined ? undefined : fields.ShutUpAllMember === 'On',
	);
	put('createTime', fields.CreateTime === undefined ? undefined : isoTime(fields.CreateTime));
	put('lastInfoTime', fields.LastInfoTime === undefined ? undefined : isoTime(fields.LastInfoTime));
	put('lastMsgTime', fields.LastMsgTime === undefined ? undefined : isoTime(fields.LastMsgTime));
	put('infoSeq', fields.InfoSeq);
	put('nextMsgSeq', fields.NextMsgSeq);
	if (customData !== undefined) json.customData = customDataJson(customData);
	return json;
}

const failed = codeOutcomes(COMMANDS.getGroups, 'Tencent gave this error for the group', () => ({
	found: false,
}));

function outcome(info: GroupInfo): Outcome {
	if ('errorCode' in info) return failed(info.errorCode);
	return { fields: { found: true, ...groupJson(info.fields, info.customData) } };
}

function readLookup(context: IExecuteFunctions): {
	fields: GroupField[];
	customDataKeys?: string[];
} {
	const { fields, customDataKeys } = (context.getNodeParameter('options', 0, {}) ?? {}) as {
		fields?: unknown;
		customDataKeys?: unknown;
	};
	const chosen = Array.isArray(fields)
		? fields.filter((field): field is GroupField =>
				(GROUP_FIELDS as readonly unknown[]).includes(field),
			)
		: [];
	if (customDataKeys === undefined || customDataKeys === '') return { fields: chosen };
	try {
		return {
			fields: chosen,
			customDataKeys: readIdList(customDataKeys, { field: 'Custom Data Keys', maxBytes: 16 }),
		};
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Fix "Custom Data Keys" in the Options. No call was made to Tencent.',
		});
	}
}

function operationFor(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
): BulkOperation<GroupInfo> {
	const lookup = readLookup(context);
	const groupOf = groupIdReader(context, items);
	return {
		command: COMMANDS.getGroups,
		ids: { parameter: 'groupId', outputName: 'group', rule: GROUP_ID, noun: 'groups' },
		readItem: (_, itemIndex) => ({ key: '', ids: [groupOf(itemIndex)] }),
		send: (client, _key, groupIds, options) => getGroups(client, groupIds, lookup, options),
		outcome,
		failedIdStopsNode: true,
		rerun: 'Getting groups changes nothing: running the node again is safe.',
	};
}

export const execute = executeAs(runBulk, operationFor);
