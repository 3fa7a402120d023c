import { describe, expect, test } from '@jest/globals';

import { InvalidInputError, readWholeNumber } from '../../nodes/TencentChat/fields';

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
	])('%p is refused with an error naming the option and the value', (raw) => {
		let refusal: unknown;
		try {
			readWholeNumber(raw, BATCH_SIZE);
		} catch (error) {
			refusal = error;
		}
		expect(refusal).toBeInstanceOf(InvalidInputError);
		expect((refusal as InvalidInputError).field).toBe('Batch Size');
		expect((refusal as InvalidInputError).message).toMatch(
			/^Batch Size must be a whole number from 1 to 100, got /,
		);
	});

	test('the refusal shows the value as it came, text in quotes and cut at 40 characters', () => {
		expect(() => readWholeNumber('twenty', BATCH_SIZE)).toThrow(
			'Batch Size must be a whole number from 1 to 100, got "twenty"',
		);
		expect(() => readWholeNumber(150, BATCH_SIZE)).toThrow(
			'Batch Size must be a whole number from 1 to 100, got 150',
		);
		expect(() => readWholeNumber('9'.repeat(50), BATCH_SIZE)).toThrow(
			`Batch Size must be a whole number from 1 to 100, got "${'9'.repeat(40)}…"`,
		);
	});
});

describe('the editor and the run-time check agree', () => {
	test("every client option's editor default and range are the ones checked at run time", async () => {
		const { CLIENT_OPTIONS, clientOptionFields } = await import('../../nodes/TencentChat/fields');
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
