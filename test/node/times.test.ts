import { describe, expect, test } from '@jest/globals';

import { InvalidInputError, isoTime, readTime } from '../../nodes/TencentChat/fields';

describe('a time Tencent gives, as the output shows it', () => {
	test('Unix seconds become an ISO 8601 date', () => {
		expect(isoTime(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
	});

	test("Tencent's 0, never, becomes null", () => {
		expect(isoTime(0)).toBeNull();
	});

	test.each([
		['a number past what a date can hold', 1e13],
		['a negative number', -5],
		['text', 'soon'],
		['a missing value', undefined],
	])('%s comes as it came', (_, value) => {
		expect(isoTime(value)).toBe(value);
	});
});

describe('a time an item gives, as Unix seconds', () => {
	test.each([
		['an ISO date', '2026-12-01T09:00:00Z', 1_796_115_600],
		['a Date', new Date('2026-12-01T09:00:00Z'), 1_796_115_600],
		["Luxon's DateTime", { toMillis: () => 1_796_115_600_500 }, 1_796_115_600],
		['Unix seconds', 1_796_115_600, 1_796_115_600],
		['Unix seconds as text', ' 1796115600 ', 1_796_115_600],
		['milliseconds, as Date.now() gives them', 1_796_115_600_999, 1_796_115_600],
	])('%s is read', (_, value, seconds) => {
		expect(readTime(value, 'End Time')).toBe(seconds);
	});

	test.each([
		['text that is no date', 'tomorrow', 'End Time is not a date: got "tomorrow".'],
		['a negative number', -1, 'End Time is not a date: got -1.'],
		['a missing value', undefined, 'End Time is not a date: got undefined.'],
	])('%s is refused, naming the field', (_, value, message) => {
		expect(() => readTime(value, 'End Time')).toThrow(InvalidInputError);
		expect(() => readTime(value, 'End Time')).toThrow(message);
	});
});
