import type { Command } from '../../../client/commands';
import type { CallOptions } from '../../../client/TencentChatClient';
import { TencentChatError } from '../../../client/TencentChatError';

// The five group types and what each cannot do: the matrix of
// ../shared/reference/tencent-chat-groups-users.md §1.0, as data. Tencent answers such a call with a
// bare 10007 (10004 or 10033 for some commands); the client looks the group's type up and says it.

export const GROUP_TYPES = ['Work', 'Public', 'Meeting', 'AVChatRoom', 'Community'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/** What the wire calls each type in requests: the old names, which every version of the API takes (§1.0). */
export const WIRE_TYPE: Readonly<Record<GroupType, string>> = {
	Work: 'Private',
	Public: 'Public',
	Meeting: 'ChatRoom',
	AVChatRoom: 'AVChatRoom',
	Community: 'Community',
};

/** A type as an answer names it, old name or new, in the new names; anything else as it came. */
export function typeFromWire(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	if (value === 'Private') return 'Work';
	if (value === 'ChatRoom') return 'Meeting';
	return value;
}

interface Refusal {
	types: readonly GroupType[];
	/** What the type cannot do, for the message. */
	why: string;
	/** The codes Tencent answers with (10007 unless said). */
	codes?: readonly number[];
}

const NO_MEMBER_LIST = 'an AVChatRoom keeps no member list';

/** By command name (§1.0). */
const UNSUPPORTED: Readonly<Record<string, Refusal>> = {
	add_group_member: { types: ['AVChatRoom'], why: `members cannot be added: ${NO_MEMBER_LIST}` },
	delete_group_member: {
		types: ['AVChatRoom'],
		why: `members cannot be removed: ${NO_MEMBER_LIST}`,
		codes: [10004, 10007],
	},
	get_group_member_info: {
		types: ['AVChatRoom'],
		why: `members cannot be listed: ${NO_MEMBER_LIST}`,
	},
	modify_group_member_info: {
		types: ['AVChatRoom', 'Work'],
		why: 'an AVChatRoom member has no name card, flags or mute of their own, and a Work group has no admins and no mutes',
	},
	change_group_owner: { types: ['AVChatRoom'], why: 'an AVChatRoom has no owner to change' },
	forbid_send_msg: { types: ['Work'], why: 'a Work group cannot mute members' },
	group_msg_recall: {
		types: ['AVChatRoom'],
		why: 'an AVChatRoom keeps no history to recall from',
		codes: [10007, 10033],
	},
	group_msg_get_simple: { types: ['AVChatRoom'], why: 'an AVChatRoom keeps no message history' },
	send_group_system_notification: {
		types: ['AVChatRoom'],
		why: 'an AVChatRoom takes notifications for everyone only',
	},
};

/**
 * Runs a call on one group; if Tencent refuses it with a code that means "not for this type" and
 * the group's type is one the matrix rules out, the error names the type. Finding the type is one
 * more call (get_group_info), made only after such a refusal; if it fails, the first error stands.
 */
export async function explainingGroupType<T>(
	command: Command,
	groupId: string,
	options: CallOptions,
	call: () => Promise<T>,
	typeOf: (groupId: string) => Promise<string | undefined>,
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		const refusal = UNSUPPORTED[command.name];
		if (
			!(error instanceof TencentChatError) ||
			refusal === undefined ||
			!(refusal.codes ?? [10007]).includes(error.code as number)
		)
			throw error;
		if (options.signal?.aborted) throw error;
		const type = await typeOf(groupId).catch(() => undefined);
		if (type === undefined || !(refusal.types as readonly string[]).includes(type)) throw error;
		const explained = new TencentChatError(
			error.code,
			`${groupId} is ${type === 'AVChatRoom' ? 'an' : 'a'} ${type} group: ${refusal.why} (Tencent: ${error.info})`,
			{
				action: 'reject',
				hint: 'Group types differ in what they allow; see "Group types" in the node\'s docs.',
				mayHaveBeenApplied: error.mayHaveBeenApplied,
			},
		);
		explained.attempts = error.attempts;
		throw explained;
	}
}
