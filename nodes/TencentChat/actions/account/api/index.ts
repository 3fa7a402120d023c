import { COMMANDS } from './commands';
import { readEntryResults } from '../../../client/entryResults';
import { type BulkAnswer, checkCount } from '../../../client/entryResults';
import type {
	CallOptions,
	TencentChatAnswer,
	TencentChatClient,
} from '../../../client/TencentChatClient';

// The account service's commands, one function each: the request Tencent documents and what its
// answer says, nothing of n8n. https://www.tencentcloud.com/document/product/1047/34954 ff.

/** An account to import: its UserID and, if given, its nickname and avatar URL. */
export interface AccountProfile {
	userId: string;
	nick?: string;
	faceUrl?: string;
}

/** multiaccount_import names only the accounts it could not import; the others are imported. */
export type ImportResult = 'imported' | 'failed';

/** account_check: Tencent's AccountStatus, or the entry's ResultCode when it is not 0. */
export type CheckResult = 'Imported' | 'NotImported' | number;

/** account_delete: the entry's ResultCode (0 deleted, 70107 did not exist). */
export type DeleteResult = number;

/** `multiaccount_import` (AccountList form): an account that exists already is updated. */
export async function importAccounts(
	client: TencentChatClient,
	accounts: AccountProfile[],
	options: CallOptions = {},
): Promise<BulkAnswer<ImportResult>> {
	checkCount(COMMANDS.importAccounts, accounts.length);
	const { body, mayHaveBeenAppliedBefore, attempts } = await client.call<
		TencentChatAnswer & { FailAccounts?: unknown }
	>(
		COMMANDS.importAccounts,
		() => ({
			AccountList: accounts.map(({ userId, nick, faceUrl }) => ({
				UserID: userId,
				...(nick ? { Nick: nick } : {}),
				...(faceUrl ? { FaceUrl: faceUrl } : {}),
			})),
		}),
		options,
	);
	const failed = new Set(
		Array.isArray(body.FailAccounts)
			? body.FailAccounts.filter((id) => typeof id === 'string')
			: [],
	);
	const results = new Map<string, ImportResult>(
		accounts.map(({ userId }) => [userId, failed.has(userId) ? 'failed' : 'imported']),
	);
	return { results, mayHaveBeenAppliedBefore, attempts };
}

/** `account_check`: whether each UserID is an imported account. */
export async function checkAccounts(
	client: TencentChatClient,
	userIds: string[],
	options: CallOptions = {},
): Promise<BulkAnswer<CheckResult>> {
	checkCount(COMMANDS.checkAccounts, userIds.length);
	const { body, mayHaveBeenAppliedBefore, attempts } = await client.call<
		TencentChatAnswer & { ResultItem?: unknown }
	>(COMMANDS.checkAccounts, () => ({ CheckItem: userIds.map((id) => ({ UserID: id })) }), options);
	const results = readEntryResults<CheckResult>(body.ResultItem, new Set(userIds), (entry) => ({
		id: entry.UserID,
		result: checkResult(entry),
	}));
	return { results, mayHaveBeenAppliedBefore, attempts };
}

function checkResult(entry: Record<string, unknown>): CheckResult | undefined {
	const code = entry.ResultCode;
	if (typeof code === 'number' && code !== 0) return code;
	if (code !== 0 && code !== undefined) return undefined;
	return entry.AccountStatus === 'Imported' || entry.AccountStatus === 'NotImported'
		? entry.AccountStatus
		: undefined;
}

/** `account_delete`: a ResultCode per UserID. */
export async function deleteAccounts(
	client: TencentChatClient,
	userIds: string[],
	options: CallOptions = {},
): Promise<BulkAnswer<DeleteResult>> {
	checkCount(COMMANDS.deleteAccounts, userIds.length);
	const { body, mayHaveBeenAppliedBefore, attempts } = await client.call<
		TencentChatAnswer & { ResultItem?: unknown }
	>(
		COMMANDS.deleteAccounts,
		() => ({ DeleteItem: userIds.map((id) => ({ UserID: id })) }),
		options,
	);
	const results = readEntryResults<DeleteResult>(body.ResultItem, new Set(userIds), (entry) => ({
		id: entry.UserID,
		result: Number.isInteger(entry.ResultCode) ? (entry.ResultCode as number) : undefined,
	}));
	return { results, mayHaveBeenAppliedBefore, attempts };
}
export { COMMANDS } from './commands';
