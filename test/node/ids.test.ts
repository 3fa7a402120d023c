import { describe, expect, test } from '@jest/globals';

import { type FieldLimit, readId, readIdList } from '../../nodes/TencentChat/fields';

const SUBSCRIBERS: FieldLimit = { field: 'Subscriber IDs', maxBytes: 32 };

describe('IDs: what is accepted', () => {
	test.each([
		['a single ID', 'user_1', ['user_1']],
		['an ID with spaces around it, trimmed', '  user_1 ', ['user_1']],
		['a comma-separated list', 'a, b,c', ['a', 'b', 'c']],
		['a whole number, as its digits', 107867, ['107867']],
		['the largest number JavaScript holds exactly', Number.MAX_SAFE_INTEGER, ['9007199254740991']],
		['a bigint, as its digits', 12345678901234567890n, ['12345678901234567890']],
		['an array of IDs and numbers', ['a', 966582476], ['a', '966582476']],
		['a non-ASCII ID of 32 bytes', '用户'.repeat(5) + 'ab', ['用户'.repeat(5) + 'ab']],
		['the same ID twice, kept twice', 'a,a', ['a', 'a']],
		['a long numeric ID given as text', '12345678901234567890', ['12345678901234567890']],
	])('%s', (_case, value, expected) => {
		expect(readIdList(value, SUBSCRIBERS)).toEqual(expected);
	});
});

describe('IDs: what is refused before any call, and how it is said', () => {
	test.each([
		['an empty string', '', 'Subscriber IDs is empty'],
		['whitespace', '   ', 'Subscriber IDs is empty'],
		['null', null, 'Subscriber IDs is missing'],
		['a missing field', undefined, 'Subscriber IDs is missing'],
		['a boolean', true, 'Subscriber IDs must be an ID (text or a whole number), not a boolean'],
		[
			'an object',
			{ id: 'a' },
			'Subscriber IDs must be an ID (text or a whole number), not an object',
		],
		['an empty array', [], 'Subscriber IDs is an empty list'],
		['an array with an empty member', ['a', ''], 'Subscriber IDs: entry 2 of 2 is empty'],
		['an array with a null member', ['a', null, 'c'], 'Subscriber IDs: entry 2 of 3 is missing'],
		['an array with a nested array', [['a']], 'Subscriber IDs: entry 1 of 1 is a list, not an ID'],
		['a list with an empty entry', 'a,,b', 'Subscriber IDs: entry 2 of 3 is empty'],
		['a list with a trailing comma', 'a,b,', 'Subscriber IDs: entry 3 of 3 is empty'],
		['NaN', Number.NaN, 'Subscriber IDs is the number NaN, too large to be read exactly'],
		[
			'a number past 2^53, which has lost digits',
			Number('12345678901234567890'),
			'pass IDs as text',
		],
		['1e21', 1e21, 'Subscriber IDs is the number 1e+21, too large to be read exactly'],
		['a fraction', 1.5, 'Subscriber IDs is 1.5, not a whole number'],
		['an ID of 33 bytes', 'x'.repeat(33), 'is 33 bytes long; Tencent allows at most 32'],
		['zero-width spaces only', '\u200b\u200b', 'Subscriber IDs holds only invisible characters'],
		['a Hangul filler', '\u3164', 'Subscriber IDs holds only invisible characters'],
		[
			'a word joiner and a zero-width joiner',
			'\u2060\u200d',
			'Subscriber IDs holds only invisible characters',
		],
		[
			'a byte-order mark and a no-break space, trimmed away',
			'\ufeff\u00a0',
			'Subscriber IDs is empty',
		],
	])('%s', (_case, value, message) => {
		expect(() => readIdList(value, SUBSCRIBERS)).toThrow(message);
	});

	test('two 19-digit IDs that a number would merge stay apart when given as text', () => {
		expect(readIdList(['12345678901234567890', '12345678901234567891'], SUBSCRIBERS)).toEqual([
			'12345678901234567890',
			'12345678901234567891',
		]);
	});

	test('names the field it reads', () => {
		expect(() => readId('', { field: 'Official Account ID', maxBytes: 48 })).toThrow(
			'Official Account ID is empty',
		);
	});
});
