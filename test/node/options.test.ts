import { describe, expect, test } from '@jest/globals';

import { readWholeNumber } from '../../nodes/TencentChat/helpers/options';

const BATCH_SIZE = { name: 'batchSize', displayName: 'Batch Size', min: 1, max: 100, default: 100 };

describe('a numeric option from the editor or an expression', () => {
	test.each([
		[undefined, 100],
		[20, 20],
		['20', 20],
		[' 20 ', 20],
		[1, 1],
		[100, 100],
	])('%p is read as %p', (raw, expected) => {
		expect(readWholeNumber(raw, BATCH_SIZE)).toBe(expected);
	});

	test.each([
		0,
		-1,
		101,
		150,
		1.5,
		'1.5',
		Number.NaN,
		null,
		'',
		'twenty',
		Number.POSITIVE_INFINITY,
		2 ** 31,
		true,
		{},
	])('%p is refused with a message naming the option and the value', (raw) => {
		const verdict = readWholeNumber(raw, BATCH_SIZE);
		expect(typeof verdict).toBe('string');
		expect(verdict).toMatch(/^Batch Size must be a whole number from 1 to 100, got /);
	});
});

describe('the editor and the run-time check agree', () => {
	test("every client option's editor default and range are the ones checked at run time", async () => {
		const { CLIENT_OPTIONS, clientOptionFields } = await import(
			'../../nodes/TencentChat/actions/shapes/options'
		);
		for (const field of clientOptionFields) {
			const option = Object.values(CLIENT_OPTIONS).find(
				(candidate) => candidate.name === field.name,
			);
			expect([
				field.displayName,
				field.default,
				field.typeOptions?.minValue,
				field.typeOptions?.maxValue,
			]).toEqual([option?.displayName, option?.default, option?.min, option?.max]);
		}
	});
});
