// Reading a group request the way the group service does: a missing or wrong field is 10004
// (the group service's "invalid parameter", not the 6017 of other services), too many accounts
// in one call is 10005, an account the app does not have is 10019.

import type { Command } from '../../../../nodes/TencentChat/client/commands';
import { type RequestBody, TencentFailure } from '../service';

export const BAD_PARAMETER = 10004;

export function bad(info: string): TencentFailure {
	return new TencentFailure(BAD_PARAMETER, info);
}

export function groupString(body: RequestBody, name: string): string {
	const value = body[name];
	if (typeof value !== 'string' || value === '')
		throw bad(`${name} is required and must be a string`);
	return value;
}

export function optionalString(
	body: RequestBody,
	name: string,
	maxBytes: number,
): string | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw bad(`${name} must be a string`);
	if (Buffer.byteLength(value, 'utf8') > maxBytes)
		throw bad(`${name} is longer than ${maxBytes} bytes`);
	return value;
}

export function optionalWhole(
	body: RequestBody,
	name: string,
	min: number,
	max: number,
): number | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
		throw bad(`${name} must be an integer from ${min} to ${max}`);
	return value;
}

export function oneOf<T extends string>(
	body: RequestBody,
	name: string,
	values: readonly T[],
): T | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || !(values as readonly string[]).includes(value))
		throw bad(`${name} must be one of ${values.join(', ')}`);
	return value as T;
}

/** A list of 1 up to the command's per-call maximum; past the maximum Tencent answers 10005. */
export function accountList(
	body: RequestBody,
	name: string,
	command: Command,
	field?: string,
): string[] {
	const value = body[name];
	if (!Array.isArray(value) || value.length === 0) throw bad(`${name} must be a non-empty list`);
	if (value.length > (command.maxPerCall ?? Number.POSITIVE_INFINITY))
		throw new TencentFailure(10005, `${name} holds more than ${command.maxPerCall} accounts`);
	return value.map((entry: unknown) => {
		const id = field === undefined ? entry : (entry as Record<string, unknown> | null)?.[field];
		if (typeof id !== 'string' || id === '') throw bad(`${field ?? name} must be a string`);
		return id;
	});
}

export function requireImported(
	isImported: (userId: string) => boolean,
	userIds: Iterable<string>,
): void {
	for (const userId of userIds)
		if (!isImported(userId))
			throw new TencentFailure(10019, `account ${userId.slice(0, 40)} does not exist`);
}

const CUSTOM_KEY = /^[A-Za-z0-9_]{1,16}$/;

/** AppDefinedData / AppMemberDefinedData: [{Key, Value}] within the counts and sizes of §1.0. */
export function customData(
	body: RequestBody,
	name: string,
	maxKeys: number,
	maxValueBytes: number,
): Record<string, string> | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.length > maxKeys)
		throw bad(`${name} must be a list of at most ${maxKeys} entries`);
	const data: Record<string, string> = {};
	for (const entry of value as unknown[]) {
		const { Key, Value } = (entry ?? {}) as Record<string, unknown>;
		if (typeof Key !== 'string' || !CUSTOM_KEY.test(Key))
			throw bad(`${name} keys must be 1 to 16 of A-Z, a-z, 0-9 and _`);
		if (typeof Value !== 'string' || Buffer.byteLength(Value, 'utf8') > maxValueBytes)
			throw bad(`${name} values must be strings of at most ${maxValueBytes} bytes`);
		data[Key] = Value;
	}
	return data;
}
