// What a Tencent Chat command is, as data: where it lives, how often Tencent lets an app call it and
// on what that budget is counted, how many entries one call takes, how large an answer can honestly
// be, and what its service's error codes mean. The client paces, bounds and classifies calls from a
// command alone; each resource's `api/commands.ts` holds its table, and the fake server in the tests
// enforces the same numbers.

import { type ErrorCodes, type ErrorTable, indexErrorTable } from './errorCodes';

/** A Tencent Chat service: the first part of a command's path (`group_open_http_svc`, `openim`). */
export type ServiceName = string;

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
	/** What the service's own codes mean (the same number can mean two things in two services). */
	errors: ErrorCodes;
}

/** Tencent's answers are small: a base answer is ~100 bytes, a per-entry result list a few KB. */
const SMALL_ANSWER = 256 * 1024;
/** A page of up to 200 entries with custom strings of up to 3,000 bytes each. */
export const LIST_PAGE = 2 * 1024 * 1024;

/** Calls a second over the whole app: every command has such a budget, 200 unless its page says otherwise. */
export const perApp = (calls: number): Budget => ({ calls, per: 'second', on: 'app' });
export const perKey = (calls: number, per: Budget['per'] = 'second'): Budget => ({
	calls,
	per,
	on: 'key',
});

export type CommandLimits = Partial<Omit<Command, 'service' | 'name' | 'errors'>>;

/**
 * The commands of one service, as a resource's table writes them: `command('create_group', {...})`.
 * Every command of the service shares its error codes; the app's 200 a second is the default budget.
 */
export function serviceCommands(
	service: ServiceName,
	errors: ErrorTable = [],
): (name: string, limits?: CommandLimits) => Command {
	const codes = indexErrorTable(errors);
	return (name, limits = {}) => ({
		service,
		name,
		budgets: [perApp(200)],
		maxAnswerBytes: SMALL_ANSWER,
		errors: codes,
		...limits,
	});
}

/** The app's calls a second for `command`: what a second of a bulk job can send at most. */
export function appCallsPerSecond(command: Command): number {
	return (
		command.budgets.find((budget) => budget.on === 'app' && budget.per === 'second')?.calls ??
		Number.POSITIVE_INFINITY
	);
}

/** `service/command`, as in the URL path and in logs. */
export function commandPath(command: Command): string {
	return `${command.service}/${command.name}`;
}
