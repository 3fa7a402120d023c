// What a service module is (the fake's side of one node resource), and the helpers its commands
// share to read a request the way Tencent does: a missing or wrong-typed field is 6017, "invalid
// parameter".

import type { Command } from '../../../nodes/TencentChat/client/commands';

export type RequestBody = Record<string, unknown>;

/**
 * What every app has, whatever its resources: the core's part of `FakeApp`. The rest of it is what
 * each module reads (its `Setup`), so that the core names no resource.
 */
export interface CoreApp {
	sdkAppId: number;
	secretKey: string;
	/** The identifiers allowed to call (60016 for any other); the first is `server.seed`'s operator. */
	admins: string[];
}

/** A service's answer: `ActionStatus`, `ErrorCode`, `ErrorInfo` and the command's own fields. */
export type Answer = { ActionStatus: 'OK' | 'FAIL'; ErrorCode: number; ErrorInfo: string } & Record<
	string,
	unknown
>;

export interface CallContext {
	/** The command's row in the client's table: its per-call maximum and limits. */
	command: Command;
	/** Unix seconds, as the server's (test-movable) clock has it. */
	nowSeconds: number;
	/** Whether the app has the UserID (an admin, a configured account, or one imported since): the Account module's answer. */
	isImported(userId: string): boolean;
	/** The admin that made the call (the URL's identifier): a message's sender when From_Account is absent. */
	operator: string;
}

/** One command: carries the call out on the app's state and answers, or throws a `TencentFailure`. */
export type CommandHandler<State> = (
	state: State,
	body: RequestBody,
	context: CallContext,
) => Answer;

/** Where an answer lists one outcome per entry: what scripted transforms act on. */
export interface EntryList {
	list: string;
	id: string;
	result?: string;
}

/** A webhook a command's success makes Tencent send: its CallbackCommand and body. */
export interface CallbackEvent {
	command: string;
	body: Record<string, unknown>;
}

/** The callbacks one command's success sends, from its request and answer. */
export type CallbackEvents = (
	body: RequestBody,
	answer: Answer,
	context: { operator: string; nowMs: number },
) => CallbackEvent[];

/**
 * Another module's state for the same app, made on first ask: how a module reads another's (the
 * accounts) whatever the order of the module list.
 */
export type StateOf = (module: ServiceModule<unknown>) => unknown;

/**
 * What a test or the e2e run reads of an app's state of one module (or, for a test's setup, sets
 * that no command sets: who is online), through `server.inspect` or `/_fake/inspect`. Its
 * arguments and result cross HTTP, so they are JSON-plain: null, not undefined, for something that
 * does not exist.
 */
export type Inspection<State> = (state: State, ...args: never[]) => unknown;

/**
 * What the fake serves of one resource: `Key` is the resource's command keys (`addSubscribers`),
 * `Setup` the fields of `FakeApp` it reads besides the core's (`groups`), `Inspections` what tests
 * may read of its state, by a name no other module uses.
 */
export interface ServiceModule<
	State,
	Key extends string = string,
	Setup extends object = object,
	Inspections extends Record<string, Inspection<never>> = Record<string, Inspection<never>>,
> {
	/** The module's state for a newly added app. */
	createState(app: CoreApp & Setup, stateOf: StateOf): State;
	/** A handler for every command of the resource's table, by the command's key. */
	commands: Record<Key, CommandHandler<State>>;
	entryLists?: Partial<Record<Key, EntryList>>;
	/** What each command's success sends to the app's callback URL, if it has one. */
	callbacks?: Partial<Record<Key, CallbackEvents>>;
	inspections?: Inspections;
}

/** A FAIL answer, thrown from anywhere inside a command. */
export class TencentFailure extends Error {
	constructor(
		readonly errorCode: number,
		readonly errorInfo: string,
	) {
		super(errorInfo);
	}
}

export const INVALID_PARAMETER = 6017;
const MAX_USER_ID_BYTES = 32;

export function ok(fields: Record<string, unknown> = {}): Answer {
	return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...fields };
}

export function failed(errorCode: number, errorInfo: string): Answer {
	return { ActionStatus: 'FAIL', ErrorCode: errorCode, ErrorInfo: errorInfo };
}

export function invalid(errorInfo: string): TencentFailure {
	return new TencentFailure(INVALID_PARAMETER, errorInfo);
}

export function requiredString(body: RequestBody, name: string): string {
	const value = body[name];
	if (typeof value !== 'string' || value === '')
		throw invalid(`${name} is required and must be a string`);
	return value;
}

/** A list of 1 up to the command's per-call maximum (from the command table) entries. */
export function requiredList(body: RequestBody, name: string, command: Command): unknown[] {
	const value = body[name];
	const max = command.maxPerCall ?? Number.POSITIVE_INFINITY;
	if (!Array.isArray(value) || value.length < 1 || value.length > max) {
		throw invalid(`${name} must be a list of 1 to ${max} entries`);
	}
	return value;
}

/** The string `field` of every object in `list`. */
export function stringsOf(list: unknown[], field: string): string[] {
	return list.map((entry) => {
		const value = (entry as Record<string, unknown> | null)?.[field];
		if (typeof value !== 'string') throw invalid(`${field} must be a string`);
		return value;
	});
}

export function strings(list: unknown[], name: string): string[] {
	if (!list.every((value): value is string => typeof value === 'string'))
		throw invalid(`${name} must hold strings`);
	return list;
}

/** The fake's stand-in for Tencent's own judgement of a UserID: at most 32 bytes. */
export function isValidUserId(id: string): boolean {
	return Buffer.byteLength(id, 'utf8') <= MAX_USER_ID_BYTES;
}

/**
 * Erases a module's state type, for the one module list; its command keys, its setup and its
 * inspections stay checked, and typed for `server.inspect`.
 */
export function defineService<
	State,
	Key extends string,
	Setup extends object = object,
	Inspections extends Record<string, Inspection<State>> = Record<never, Inspection<State>>,
>(
	definition: ServiceModule<State, Key, Setup, Inspections>,
): ServiceModule<unknown, Key, Setup, Inspections> {
	return definition as unknown as ServiceModule<unknown, Key, Setup, Inspections>;
}
