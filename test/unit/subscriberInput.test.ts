import { describe, expect, test } from '@jest/globals';

import { readOfficialAccountId, readSubscriberIds } from '../../nodes/TencentChat/helpers/subscriberInput';

describe('Subscriber IDs: what is accepted', () => {
	test.each([
		['a single ID', 'user_1', ['user_1']],
		['an ID with spaces around it, trimmed', '  user_1 ', ['user_1']],
		['a comma-separated list', 'a, b,c', ['a', 'b', 'c']],
		['a number, as its digits', 107867, ['107867']],
		['an array of IDs and numbers', ['a', 966582476], ['a', '966582476']],
		['a non-ASCII ID, left for Tencent to judge', '用户_1', ['用户_1']],
		['an over-long ID, left for Tencent to judge', 'x'.repeat(200), ['x'.repeat(200)]],
		['the same ID twice, kept twice', 'a,a', ['a', 'a']],
	])('%s', (_case, value, expected) => {
		expect(readSubscriberIds(value)).toEqual(expected);
	});
});

describe('Subscriber IDs: what is rejected before any call', () => {
	test.each([
		['an empty string', '', 'Subscriber IDs is empty'],
		['whitespace', '   ', 'Subscriber IDs is empty'],
		['null', null, 'Subscriber IDs is missing'],
		['a missing field', undefined, 'Subscriber IDs is missing'],
		['a boolean', true, 'Subscriber IDs must be an ID (text or number), not a boolean'],
		['an object', { id: 'a' }, 'Subscriber IDs must be an ID (text or number), not an object'],
		['an empty array', [], 'Subscriber IDs is an empty list'],
		['an array with an empty member', ['a', ''], 'Subscriber IDs: entry 2 of 2 is empty'],
		['an array with a null member', ['a', null, 'c'], 'Subscriber IDs: entry 2 of 3 is missing'],
		['an array with a nested array', [['a']], 'Subscriber IDs: entry 1 of 1 is a list, not an ID'],
		['a list with an empty entry', 'a,,b', 'Subscriber IDs: entry 2 of 3 is empty'],
		['a list with a trailing comma', 'a,b,', 'Subscriber IDs: entry 3 of 3 is empty'],
		['NaN', Number.NaN, 'Subscriber IDs is not a usable ID (NaN)'],
	])('%s', (_case, value, message) => {
		expect(() => readSubscriberIds(value)).toThrow(message);
	});
});

describe('Official Account ID', () => {
	test('is trimmed', () => {
		expect(readOfficialAccountId(' @TOA#_news ')).toBe('@TOA#_news');
	});

	test.each([
		['empty', '', 'Official Account ID is empty'],
		['missing', undefined, 'Official Account ID is missing'],
		['an array', ['@TOA#_a'], 'Official Account ID is a list, not an ID'],
	])('is rejected when %s', (_case, value, message) => {
		expect(() => readOfficialAccountId(value)).toThrow(message);
	});
});
