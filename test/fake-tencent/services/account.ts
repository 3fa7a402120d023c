// The Account resource: accounts of an app, as far as the package needs them (`im_open_login_svc`).

import type { COMMANDS } from '../../../nodes/TencentChat/actions/account/api/commands';
import {
	type Answer,
	type CallContext,
	type CoreApp,
	defineService,
	isValidUserId,
	ok,
	type RequestBody,
	requiredList,
	type StateOf,
	stringsOf,
} from './service';

export interface AccountProfile {
	nick?: string;
	faceUrl?: string;
	/** Imports that named the account since the app was set up: a run that imports it once adds one. */
	imports?: number;
}

/** The accounts that exist: the app's admins, its `accounts`, and those imported since, with their profiles. */
export type Accounts = Map<string, AccountProfile>;

/** What this module reads of `FakeApp`. */
export interface AccountSetup {
	/** Accounts that exist for account_check (the admins always do). */
	accounts?: string[];
}

/** Tencent's per-entry code for an account that does not exist. */
export const ACCOUNT_MISSING = 70107;

/** The app's accounts, for the modules that read them (a recipient, a sender, a profile must exist). */
export function accountsOf(stateOf: StateOf): Accounts {
	return stateOf(accountModule) as Accounts;
}

/** What tests read: `server.inspect('account', app, userId)`. */
const INSPECTIONS = {
	/** An account as the app holds it (its nickname, avatar and how often it was imported), or null when it does not exist. */
	account: (accounts: Accounts, userId: string): AccountProfile | null =>
		accounts.get(userId) ?? null,
};

export const accountModule = defineService<
	Accounts,
	keyof typeof COMMANDS,
	AccountSetup,
	typeof INSPECTIONS
>({
	createState: (app: CoreApp & AccountSetup) =>
		new Map<string, AccountProfile>([...app.admins, ...(app.accounts ?? [])].map((id) => [id, {}])),
	commands: { importAccounts, checkAccounts, deleteAccounts },
	entryLists: {
		checkAccounts: { list: 'ResultItem', id: 'UserID', result: 'ResultCode' },
		deleteAccounts: { list: 'ResultItem', id: 'UserID', result: 'ResultCode' },
	},
	inspections: INSPECTIONS,
});

function checkAccounts(accounts: Accounts, body: RequestBody, { command }: CallContext): Answer {
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

/** An account that exists is updated: the nickname and avatar given replace those it had. */
function importAccounts(accounts: Accounts, body: RequestBody, { command }: CallContext): Answer {
	const list = requiredList(body, 'AccountList', command);
	const ids = stringsOf(list, 'UserID');
	const FailAccounts: string[] = [];
	ids.forEach((id, position) => {
		if (!isValidUserId(id)) return void FailAccounts.push(id);
		const entry = list[position] as Record<string, unknown>;
		const profile = { ...accounts.get(id) };
		profile.imports = (profile.imports ?? 0) + 1;
		if (typeof entry.Nick === 'string') profile.nick = entry.Nick;
		if (typeof entry.FaceUrl === 'string') profile.faceUrl = entry.FaceUrl;
		accounts.set(id, profile);
	});
	return ok({ FailAccounts });
}

function deleteAccounts(accounts: Accounts, body: RequestBody, { command }: CallContext): Answer {
	const ids = stringsOf(requiredList(body, 'DeleteItem', command), 'UserID');
	return ok({
		ResultItem: ids.map((id) =>
			accounts.delete(id)
				? { UserID: id, ResultCode: 0, ResultInfo: '' }
				: {
						UserID: id,
						ResultCode: ACCOUNT_MISSING,
						ResultInfo: 'Err_TLS_PT_Open_Login_Account_Not_Exist',
					},
		),
	});
}

/** Whether the app has `userId`: for other services' checks (an official account's owner). */
export function isImported(state: unknown, userId: string): boolean {
	return (state as Accounts | undefined)?.has(userId) ?? false;
}
