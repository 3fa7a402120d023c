// The one-to-one message commands (openim): Tencent's pages 34919-34920 and
// ../shared/reference/tencent-chat-groups-users.md §5. A key is the name of the client function
// that sends the command; Get Unread Count's two functions (total, per peer) share one.

import { LIST_PAGE, serviceCommands } from '../../../client/commands';
import { MESSAGE_ERRORS } from './errorCodes';

const command = serviceCommands('openim', MESSAGE_ERRORS);

export const COMMANDS = {
	sendMessage: command('sendmsg'),
	sendMessageToMany: command('batchsendmsg', { maxPerCall: 500 }),
	// One conversation's roaming history; Tencent cuts a page at about 13 KB. MaxCnt's maximum is
	// UNCONFIRMED: 100 a page, and the paging carries on where Tencent stops sooner.
	getHistoryPage: command('admin_getroammsg', { maxPerCall: 100, maxAnswerBytes: LIST_PAGE }),
	recallMessage: command('admin_msgwithdraw'),
	markRead: command('admin_set_msg_read'),
	getUnreadCount: command('get_c2c_unread_msg_num', { maxPerCall: 10 }),
};
