// The group commands (group_open_http_svc): ../shared/reference/tencent-chat-groups-users.md §1.1,
// §8. A key is the name of the client function that sends the command.

import { LIST_PAGE, perApp, perKey, serviceCommands } from '../../../client/commands';
import { GROUP_ERRORS } from './errorCodes';

const command = serviceCommands('group_open_http_svc', GROUP_ERRORS);

export const COMMANDS = {
	createGroup: command('create_group', { maxPerCall: 100 }),
	getGroups: command('get_group_info', { maxPerCall: 50, maxAnswerBytes: LIST_PAGE }),
	// One call a second for the whole app; Limit up to 10,000 IDs a page.
	getAppGroupPage: command('get_appid_group_list', {
		budgets: [perApp(1)],
		maxPerCall: 10_000,
		maxAnswerBytes: LIST_PAGE,
	}),
	updateGroup: command('modify_group_base_info'),
	deleteGroup: command('destroy_group'),
	addGroupMembers: command('add_group_member', { maxPerCall: 300 }),
	removeGroupMembers: command('delete_group_member', { maxPerCall: 100 }),
	// The page says at most 200 a call (100 advised), its field table 6000 (UNCONFIRMED): 100.
	getGroupMemberPage: command('get_group_member_info', {
		maxPerCall: 100,
		maxAnswerBytes: LIST_PAGE,
	}),
	getJoinedGroupPage: command('get_joined_group_list', {
		maxPerCall: 5_000,
		maxAnswerBytes: LIST_PAGE,
	}),
	updateGroupMember: command('modify_group_member_info'),
	muteGroupMembers: command('forbid_send_msg', { maxPerCall: 500 }),
	changeGroupOwner: command('change_group_owner'),
	// The app's 200 a second, and 40 messages a second for each group (Limits, TC 34381).
	sendGroupMessage: command('send_group_msg', {
		budgets: [perApp(200), perKey(40)],
		keyField: 'GroupId',
	}),
	// ToMembers_Account at most 500 (OAS only: UNCONFIRMED).
	sendGroupNotification: command('send_group_system_notification', { maxPerCall: 500 }),
	recallGroupMessages: command('group_msg_recall', { maxPerCall: 10 }),
	getGroupMessagePage: command('group_msg_get_simple', {
		maxPerCall: 20,
		maxAnswerBytes: LIST_PAGE,
	}),
};
