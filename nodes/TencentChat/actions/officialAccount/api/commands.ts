// The Official Account commands (official_account_open_http_svc): Tencent's pages 60755-60763 and
// 60810-60812. A key is the name of the client function that sends the command.

import { LIST_PAGE, perApp, perKey, serviceCommands } from '../../../client/commands';
import { OFFICIAL_ACCOUNT_ERRORS } from './errorCodes';

const command = serviceCommands('official_account_open_http_svc', OFFICIAL_ACCOUNT_ERRORS);

export const COMMANDS = {
	createOfficialAccount: command('create_official_account'),
	deleteOfficialAccount: command('destroy_official_account'),
	updateOfficialAccount: command('modify_official_account_base_info'),
	getOfficialAccounts: command('get_official_account_info', {
		maxPerCall: 50,
		maxAnswerBytes: LIST_PAGE,
	}),
	getSubscriberPage: command('get_subscriber_info', { maxPerCall: 200, maxAnswerBytes: LIST_PAGE }),
	addSubscribers: command('add_subscriber', { maxPerCall: 100 }),
	// Tencent's page states no per-call maximum; 100, as for add_subscriber, until it does.
	removeSubscribers: command('delete_subscriber', { maxPerCall: 100 }),
	updateSubscriber: command('modify_subscriber_info'),
	getSubscriptionPage: command('get_subscribed_official_account_list', {
		maxPerCall: 200,
		maxAnswerBytes: LIST_PAGE,
	}),
	// The app's 200 a second, and per official account 1 message a second and 2 broadcasts an hour.
	sendOfficialAccountMessage: command('send_official_account_msg', {
		budgets: [perApp(200), perKey(1), perKey(2, 'hour')],
		keyField: 'Official_Account',
	}),
	recallOfficialAccountMessages: command('official_account_msg_recall', { maxPerCall: 10 }),
	// About 20 messages a pull, as Tencent truncates a longer range (IsFinished 0).
	getOfficialAccountMessagePage: command('official_account_msg_get_simple', {
		maxPerCall: 20,
		maxAnswerBytes: LIST_PAGE,
	}),
};
