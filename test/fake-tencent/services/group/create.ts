// create_group on the fake: the request checked as Tencent checks it (type, name, custom ID rules,
// members, owner) and the new group with its owner and first members; its callback.

import {
	type Answer,
	type CallContext,
	type CallbackEvents,
	ok,
	type RequestBody,
	TencentFailure,
} from '../service';
import {
	defaultMaxMembers,
	GROUP_TYPES,
	type Groups,
	type GroupType,
	joinedCount,
	joinMember,
	newGroup,
	OLD_TYPE_NAMES,
} from './state';
import {
	accountList,
	bad,
	customData,
	groupString,
	oneOf,
	optionalString,
	optionalWhole,
	requireImported,
} from './rules';

export const JOIN_OPTIONS = ['FreeAccess', 'NeedPermission', 'DisableApply'] as const;
// §1.0: UTF-8 byte limits of a group's profile.
export const LIMITS = { Name: 30, Introduction: 240, Notification: 300, FaceUrl: 100 } as const;
const MAX_GROUP_ID_BYTES = 48;
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

function readType(value: unknown): GroupType {
	const type = typeof value === 'string' ? (OLD_TYPE_NAMES[value] ?? value) : value;
	if (!GROUP_TYPES.includes(type as GroupType))
		throw bad(`Type must be one of ${GROUP_TYPES.join(', ')}, Private or ChatRoom`);
	return type as GroupType;
}

/** §1.0: printable ASCII, ≤48 bytes, no @TGS# prefix, except that a Community's own ID must start with @TGS#_. */
function readCustomGroupId(id: unknown, type: GroupType): string {
	if (
		typeof id !== 'string' ||
		id === '' ||
		!PRINTABLE_ASCII.test(id) ||
		id.length > MAX_GROUP_ID_BYTES
	) {
		throw new TencentFailure(10015, 'GroupId must be 1 to 48 printable ASCII characters');
	}
	if (type === 'Community' ? !id.startsWith('@TGS#_') : id.startsWith('@TGS#')) {
		throw new TencentFailure(
			10015,
			type === 'Community'
				? 'a Community group ID must start with @TGS#_'
				: 'a custom group ID must not start with @TGS#',
		);
	}
	return id;
}

export function createGroup(
	groups: Groups,
	body: RequestBody,
	{ command, nowSeconds, isImported }: CallContext,
): Answer {
	const type = readType(body.Type);
	const name = groupString(body, 'Name');
	if (Buffer.byteLength(name, 'utf8') > LIMITS.Name)
		throw bad(`Name is longer than ${LIMITS.Name} bytes`);
	const owner = optionalString(body, 'Owner_Account', 32) ?? '';
	const introduction = optionalString(body, 'Introduction', LIMITS.Introduction);
	const notification = optionalString(body, 'Notification', LIMITS.Notification);
	const faceUrl = optionalString(body, 'FaceUrl', LIMITS.FaceUrl);
	const maxMembers = optionalWhole(body, 'MaxMemberCount', 1, 1_000_000);
	const applyJoinOption = oneOf(body, 'ApplyJoinOption', JOIN_OPTIONS);
	const data = customData(body, 'AppDefinedData', 10, 512);
	const memberEntries =
		body.MemberList === undefined
			? []
			: accountList(body, 'MemberList', { ...command, maxPerCall: 100 }, 'Member_Account');
	if (memberEntries.length > 0 && type === 'AVChatRoom')
		throw new TencentFailure(10007, 'an AVChatRoom takes no MemberList');
	const roles =
		(body.MemberList as Array<Record<string, unknown>> | undefined)?.map((entry) => entry.Role) ??
		[];
	if (roles.some((role) => role !== undefined && role !== 'Admin'))
		throw bad('a MemberList Role can only be Admin');
	if (type === 'Work' && roles.includes('Admin')) throw bad('a Work group has no admins');
	requireImported(isImported, owner ? [owner, ...memberEntries] : memberEntries);

	let id: string;
	if (body.GroupId !== undefined) {
		id = readCustomGroupId(body.GroupId, type);
		const existing = groups.get(id);
		if (existing !== undefined) {
			throw existing.owner === owner
				? new TencentFailure(
						10025,
						'group ID already used by you: dissolve that group or pick another ID',
					)
				: new TencentFailure(10021, 'group ID already used by someone else');
		}
	} else {
		do
			id = `${type === 'Community' ? '@TGS#_' : type === 'AVChatRoom' ? '@TGS#a' : '@TGS#2'}FAKE${groups.nextGeneratedId++}`;
		while (groups.has(id));
	}
	const joining = new Set([...(owner ? [owner] : []), ...memberEntries]);
	const cap = maxMembers ?? defaultMaxMembers(type);
	if (joining.size > cap) throw new TencentFailure(10038, 'more members than the group may hold');
	for (const userId of joining) {
		if (type !== 'AVChatRoom' && joinedCount(groups, userId) >= groups.maxGroupsPerUser)
			throw new TencentFailure(10037, `${userId} has joined too many groups`);
	}

	groups.destroyed.delete(id);
	const group = newGroup(groups, id, type, name, owner, nowSeconds);
	group.introduction = introduction ?? '';
	group.notification = notification ?? '';
	group.faceUrl = faceUrl ?? '';
	group.maxMembers = cap;
	group.applyJoinOption = applyJoinOption ?? 'NeedPermission';
	group.customData = data ?? {};
	if (type !== 'AVChatRoom') {
		if (owner) joinMember(groups, group, owner, 'Owner', nowSeconds);
		memberEntries.forEach((userId, position) => {
			if (!group.members.has(userId))
				joinMember(
					groups,
					group,
					userId,
					roles[position] === 'Admin' ? 'Admin' : 'Member',
					nowSeconds,
				);
		});
	}
	return ok({ GroupId: id, Type: type });
}

// Callback bodies as Tencent's callback pages show them (linked from TC 34354; not in this
// project's reference: the field names are UNCONFIRMED).
export function createCallback(
	...[body, answer, { operator, nowMs }]: Parameters<CallbackEvents>
): ReturnType<CallbackEvents> {
	return [
		{
			command: 'Group.CallbackAfterCreateGroup',
			body: {
				CallbackCommand: 'Group.CallbackAfterCreateGroup',
				GroupId: answer.GroupId,
				Operator_Account: operator,
				Owner_Account: body.Owner_Account ?? '',
				Type: answer.Type,
				Name: body.Name,
				MemberList: Array.isArray(body.MemberList)
					? (body.MemberList as Array<{ Member_Account: string }>).map(({ Member_Account }) => ({
							Member_Account,
						}))
					: [],
				EventTime: nowMs,
			},
		},
	];
}
