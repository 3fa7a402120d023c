// Every Tencent Chat command the package calls, as data: where it lives, how often Tencent lets an
// app call it and on what that budget is counted, how many entries one call takes, and how large
// an answer can honestly be. The client paces and bounds calls from this table alone; the fake
// server in the tests enforces the same numbers.
//
// Sources: Tencent Cloud Chat's server API pages (https://www.tencentcloud.com/document/product/1047),
// one per command: Official Account 60755-60763 and 60810-60812, accounts 34953-34956, messages
// 34919-34920.

export const SERVICES = {
	officialAccount: 'official_account_open_http_svc',
	account: 'im_open_login_svc',
	message: 'openim',
	group: 'group_open_http_svc',
	profile: 'profile',
} as const;

export type ServiceName = (typeof SERVICES)[keyof typeof SERVICES];

/**
 * One limit Tencent counts a command's calls against: `calls` in any `per` window, over the whole
 * app or over one entity of it (an official account, a group), which the call names as its budget
 * key. A call leaves only when every budget of its command has room for it.
 */
export interface Budget {
	calls: number;
	per: 'second' | 'hour';
	on: 'app' | 'key';
}

export interface Command {
	service: ServiceName;
	name: string;
	/** Every budget a call counts against: the app's rate, and any per entity or per hour. */
	budgets: readonly Budget[];
	/** The request field naming the entity a budget `on: 'key'` is counted on (the fake server reads it). */
	keyField?: string;
	/** Entries one call takes at most (subscribers, accounts, recipients, message keys). */
	maxPerCall?: number;
	/** The largest answer read; past it the answer is refused unread. */
	maxAnswerBytes: number;
}

/** Tencent's answers are small: a base answer is ~100 bytes, a per-entry result list a few KB. */
const SMALL_ANSWER = 256 * 1024;
/** A page of up to 200 entries with custom strings of up to 3,000 bytes each. */
const LIST_PAGE = 2 * 1024 * 1024;

/** Calls a second over the whole app: every command has such a budget, 200 unless its page says otherwise. */
const perApp = (calls: number): Budget => ({ calls, per: 'second', on: 'app' });
const perKey = (calls: number, per: Budget['per'] = 'second'): Budget => ({
	calls,
	per,
	on: 'key',
});

function command(
	service: ServiceName,
	name: string,
	limits: Partial<Omit<Command, 'service' | 'name'>> = {},
): Command {
	return { service, name, budgets: [perApp(200)], maxAnswerBytes: SMALL_ANSWER, ...limits };
}

/** The app's calls a second for `command`: what a second of a bulk job can send at most. */
export function appCallsPerSecond(command: Command): number {
	return (
		command.budgets.find((budget) => budget.on === 'app' && budget.per === 'second')?.calls ??
		Number.POSITIVE_INFINITY
	);
}

const OA = SERVICES.officialAccount;

// Groups (../shared/reference/tencent-chat-groups-users.md §1.1, §8): a key is the name of the
// client function that sends the command.
const G = SERVICES.group;
const GROUP_COMMANDS = {
	createGroup: command(G, 'create_group', { maxPerCall: 100 }),
	getGroups: command(G, 'get_group_info', { maxPerCall: 50, maxAnswerBytes: LIST_PAGE }),
	// One call a second for the whole app; Limit up to 10,000 IDs a page.
	getAppGroupPage: command(G, 'get_appid_group_list', {
		budgets: [perApp(1)],
		maxPerCall: 10_000,
		maxAnswerBytes: LIST_PAGE,
	}),
	updateGroup: command(G, 'modify_group_base_info'),
	deleteGroup: command(G, 'destroy_group'),
	addGroupMembers: command(G, 'add_group_member', { maxPerCall: 300 }),
	removeGroupMembers: command(G, 'delete_group_member', { maxPerCall: 100 }),
	// The page says at most 200 a call (100 advised), its field table 6000 (UNCONFIRMED): 100.
	getGroupMemberPage: command(G, 'get_group_member_info', {
		maxPerCall: 100,
		maxAnswerBytes: LIST_PAGE,
	}),
	getJoinedGroupPage: command(G, 'get_joined_group_list', {
		maxPerCall: 5_000,
		maxAnswerBytes: LIST_PAGE,
	}),
	updateGroupMember: command(G, 'modify_group_member_info'),
	muteGroupMembers: command(G, 'forbid_send_msg', { maxPerCall: 500 }),
	changeGroupOwner: command(G, 'change_group_owner'),
	// The app's 200 a second, and 40 messages a second for each group (Limits, TC 34381).
	sendGroupMessage: command(G, 'send_group_msg', {
		budgets: [perApp(200), perKey(40)],
		keyField: 'GroupId',
	}),
	// ToMembers_Account at most 500 (OAS only: UNCONFIRMED).
	sendGroupNotification: command(G, 'send_group_system_notification', { maxPerCall: 500 }),
	recallGroupMessages: command(G, 'group_msg_recall', { maxPerCall: 10 }),
	getGroupMessagePage: command(G, 'group_msg_get_simple', {
		maxPerCall: 20,
		maxAnswerBytes: LIST_PAGE,
	}),
} as const satisfies Record<string, Command>;

export const COMMANDS = {
	createOfficialAccount: command(OA, 'create_official_account'),
	destroyOfficialAccount: command(OA, 'destroy_official_account'),
	modifyOfficialAccount: command(OA, 'modify_official_account_base_info'),
	getOfficialAccountInfo: command(OA, 'get_official_account_info', {
		maxPerCall: 50,
		maxAnswerBytes: LIST_PAGE,
	}),
	getSubscriberInfo: command(OA, 'get_subscriber_info', {
		maxPerCall: 200,
		maxAnswerBytes: LIST_PAGE,
	}),
	addSubscriber: command(OA, 'add_subscriber', { maxPerCall: 100 }),
	// Tencent's page states no per-call maximum; 100, as for add_subscriber, until it does.
	deleteSubscriber: command(OA, 'delete_subscriber', { maxPerCall: 100 }),
	modifySubscriber: command(OA, 'modify_subscriber_info'),
	getSubscribedOfficialAccounts: command(OA, 'get_subscribed_official_account_list', {
		maxPerCall: 200,
		maxAnswerBytes: LIST_PAGE,
	}),
	// The app's 200 a second, and per official account 1 message a second and 2 broadcasts an hour.
	sendOfficialAccountMessage: command(OA, 'send_official_account_msg', {
		budgets: [perApp(200), perKey(1), perKey(2, 'hour')],
		keyField: 'Official_Account',
	}),
	recallOfficialAccountMessages: command(OA, 'official_account_msg_recall', { maxPerCall: 10 }),
	// About 20 messages a pull, as Tencent truncates a longer range (IsFinished 0).
	getOfficialAccountMessages: command(OA, 'official_account_msg_get_simple', {
		maxPerCall: 20,
		maxAnswerBytes: LIST_PAGE,
	}),

	importAccounts: command(SERVICES.account, 'multiaccount_import', {
		budgets: [perApp(100)],
		maxPerCall: 100,
	}),
	checkAccounts: command(SERVICES.account, 'account_check', {
		budgets: [perApp(100)],
		maxPerCall: 100,
	}),
	deleteAccounts: command(SERVICES.account, 'account_delete', { maxPerCall: 100 }),

	sendMessage: command(SERVICES.message, 'sendmsg'),
	sendMessageToMany: command(SERVICES.message, 'batchsendmsg', { maxPerCall: 500 }),

	...GROUP_COMMANDS,
	// One conversation's roaming history; Tencent cuts a page at about 13 KB. MaxCnt's maximum is
	// UNCONFIRMED: 100 a page, and the paging carries on where Tencent stops sooner.
	getHistory: command(SERVICES.message, 'admin_getroammsg', {
		maxPerCall: 100,
		maxAnswerBytes: LIST_PAGE,
	}),
	recallMessage: command(SERVICES.message, 'admin_msgwithdraw'),
	markRead: command(SERVICES.message, 'admin_set_msg_read'),
	getUnreadCount: command(SERVICES.message, 'get_c2c_unread_msg_num', { maxPerCall: 10 }),
	getOnlineStatus: command(SERVICES.message, 'query_online_status', {
		maxPerCall: 500,
		maxAnswerBytes: LIST_PAGE,
	}),

	getProfiles: command(SERVICES.profile, 'portrait_get', {
		maxPerCall: 100,
		maxAnswerBytes: LIST_PAGE,
	}),
	setProfile: command(SERVICES.profile, 'portrait_set'),
} as const satisfies Record<string, Command>;

export type CommandKey = keyof typeof COMMANDS;

/** `service/command`, as in the URL path and in logs. */
export function commandPath(command: Command): string {
	return `${command.service}/${command.name}`;
}

/** The command at `service/command`, for the fake server and tests. */
export function commandAt(path: string): Command | undefined {
	return Object.values(COMMANDS).find((candidate) => commandPath(candidate) === path);
}
