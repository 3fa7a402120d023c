// Accounts of an app, as far as the package needs them: `im_open_login_svc`.

import { SERVICES } from '../../../nodes/TencentChat/client/commands';
import type { FakeApp } from '../config';
import { type Answer, type CallContext, defineService, isValidUserId, ok, type RequestBody, requiredList, stringsOf } from './service';

/** The UserIDs that exist: the app's admins, its `accounts`, and those imported since. */
type Accounts = Set<string>;

export const accountService = defineService<Accounts>({
	service: SERVICES.account,
	createState: (app: FakeApp) => new Set([...app.admins, ...(app.accounts ?? [])]),
	commands: {
		account_check: accountCheck,
		multiaccount_import: importAccounts,
	},
	entryLists: {
		account_check: { list: 'ResultItem', id: 'UserID', result: 'ResultCode' },
	},
});

function accountCheck(accounts: Accounts, body: RequestBody, { command }: CallContext): Answer {
	const ids = stringsOf(requiredList(body, 'CheckItem', command), 'UserID');
	return ok({
		ResultItem: ids.map((id) => ({
			UserID: id,
			ResultCode: 0,
			ResultInfo: '',
			AccountStatus: accounts.has(id) ? 'Imported' : 'NotImported',
		})),
	});
}

function importAccounts(accounts: Accounts, body: RequestBody, { command }: CallContext): Answer {
	const ids = stringsOf(requiredList(body, 'AccountList', command), 'UserID');
	const FailAccounts = ids.filter((id) => !isValidUserId(id));
	for (const id of ids) if (isValidUserId(id)) accounts.add(id);
	return ok({ FailAccounts });
}

/** Whether the app has `userId`: for other services' checks (an official account's owner). */
export function isImported(state: unknown, userId: string): boolean {
	return (state as Accounts | undefined)?.has(userId) ?? false;
}
