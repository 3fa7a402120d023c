import { describe, expect, test } from '@jest/globals';

import { COMMANDS } from '../../nodes/TencentChat/actions/resources';
import {
	configurationErrorCodes,
	describeErrorCode,
	transientErrorCodes,
} from '../../nodes/TencentChat/client/errorCodes';

// Any command of a service carries that service's codes.
const OA = COMMANDS.addSubscribers;
const MESSAGE = COMMANDS.sendMessage;

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
		expect(describeErrorCode(OA, code).action).toBe(action);
	});

	test.each([
		[70016, 'region'],
		[70020, 'region'],
		[60026, 'region'],
		[70009, 'secretKey'],
		[60016, 'identifier'],
		[60006, 'sdkAppId'],
	])('code %i points at the credential field %s', (code, field) => {
		expect(describeErrorCode(OA, code).field).toBe(field);
	});

	test('hints tell the subscriber limit and a disabled feature apart', () => {
		expect(describeErrorCode(OA, 130006).hint).toMatch(/MaxSubscriberNum/);
		expect(describeErrorCode(OA, 131000).hint).toMatch(/not enabled/);
	});

	test("a service's own code means nothing in another service: 10004 is retried only for official accounts", () => {
		expect(describeErrorCode(OA, 10004).action).toBe('retry');
		expect(describeErrorCode(MESSAGE, 10004).action).toBe('reject');
		expect(describeErrorCode(MESSAGE, 70009).field).toBe('secretKey');
	});

	test('the credential test says to try again for busy codes', () => {
		const transient = transientErrorCodes();
		expect(transient.find(({ code }) => code === 60004)?.hint).toMatch(/busy/);
		expect(transient.map(({ code }) => code)).not.toContain(70009);
	});

	test('the credential test knows every configuration code, each with a hint', () => {
		const codes = configurationErrorCodes().map(({ code }) => code);
		expect(codes).toEqual(expect.arrayContaining([60006, 60016, 60026, 70009, 70016, 70020]));
		// The test calls an account command: official account codes are not its business.
		expect(codes).not.toContain(131000);
		expect(codes).not.toContain(20005);
	});
});

describe('every command carries the codes of its own service', () => {
	test('two commands of one service share one table, whichever resource sends them', () => {
		// query_online_status (User) is an openim command, as sendmsg (Message) is.
		expect(COMMANDS.getOnlineStatus.errors).toEqual(COMMANDS.sendMessage.errors);
		expect(describeErrorCode(COMMANDS.getOnlineStatus, 90009).field).toBe('identifier');
	});

	test('a code of one service is not read in another', () => {
		expect(describeErrorCode(COMMANDS.getProfiles, 90009).action).toBe('reject');
		expect(describeErrorCode(COMMANDS.getProfiles, 90009).field).toBeUndefined();
	});
});
