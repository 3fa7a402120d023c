// The account commands (im_open_login_svc): Tencent's pages 34953-34956. A key is the name of the
// client function that sends the command.

import { perApp, serviceCommands } from '../../../client/commands';
import { ACCOUNT_ERRORS } from './errorCodes';

const command = serviceCommands('im_open_login_svc', ACCOUNT_ERRORS);

export const COMMANDS = {
	importAccounts: command('multiaccount_import', { budgets: [perApp(100)], maxPerCall: 100 }),
	checkAccounts: command('account_check', { budgets: [perApp(100)], maxPerCall: 100 }),
	deleteAccounts: command('account_delete', { maxPerCall: 100 }),
};
