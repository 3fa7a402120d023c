import { describe, expect, test } from '@jest/globals';

import { configurationErrorCodes, describeErrorCode } from '../../nodes/TencentChat/client/errorCodes';

describe('error classification', () => {
	test.each([
		[60004, 'retry'],
		[60008, 'retry'],
		[10004, 'retry'],
		[20005, 'retry'],
		[60007, 'slowDown'],
		[60018, 'slowDown'],
		[70001, 'renewUserSig'],
		[70009, 'configuration'],
		[70016, 'configuration'],
		[131000, 'configuration'],
		[130004, 'reject'],
		[6017, 'reject'],
		[99999, 'reject'],
	])('code %i is %s', (code, action) => {
		expect(describeErrorCode(code).action).toBe(action);
	});

	test.each([
		[70016, 'region'],
		[70020, 'region'],
		[60026, 'region'],
		[70009, 'secretKey'],
		[60016, 'identifier'],
		[60006, 'sdkAppId'],
	])('code %i points at the credential field %s', (code, field) => {
		expect(describeErrorCode(code).field).toBe(field);
	});

	test('hints tell the subscriber limit and a disabled feature apart', () => {
		expect(describeErrorCode(130006).hint).toMatch(/MaxSubscriberNum/);
		expect(describeErrorCode(131000).hint).toMatch(/not enabled/);
	});

	test('the credential test knows every configuration code, each with a hint', () => {
		const codes = configurationErrorCodes().map(({ code }) => code);
		expect(codes).toEqual(expect.arrayContaining([60006, 60016, 60026, 70009, 70016, 70020, 131000]));
		expect(codes).not.toContain(20005);
	});
});
