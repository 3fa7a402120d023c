import { expect, test } from '@jest/globals';

import { COMMANDS } from '../../nodes/TencentChat/actions/resources';
import { appBudgetFor, CallWindows } from '../fake-tencent/callWindows';
import { DEFAULT_FAULTS } from '../fake-tencent/config';

const send = COMMANDS.sendOfficialAccountMessage;

test('the default faults leave every command at the rate in the command table', () => {
	expect(appBudgetFor(COMMANDS.addSubscribers, DEFAULT_FAULTS)).toBe(200);
	expect(appBudgetFor(COMMANDS.checkAccounts, DEFAULT_FAULTS)).toBe(100);
});

test('a command counted on a key has a window per key', () => {
	const windows = new CallWindows();
	const admitted = (key: string, at: number) =>
		windows.admit(send, key, DEFAULT_FAULTS, at).admitted;

	expect([admitted('@TOA#_a', 0), admitted('@TOA#_a', 500), admitted('@TOA#_b', 500)]).toEqual([
		true,
		false,
		true,
	]);
});

test("a command counted on a key is also counted on the app: 200 accounts' broadcasts fill the app's second", () => {
	const windows = new CallWindows();
	const admitted = Array.from(
		{ length: 201 },
		(_, i) => windows.admit(send, `@TOA#_${i}`, DEFAULT_FAULTS, i).admitted,
	);

	expect(admitted.filter(Boolean)).toHaveLength(200);
	expect(admitted[200]).toBe(false);
	expect(windows.admit(send, '@TOA#_200', DEFAULT_FAULTS, 1_000).admitted).toBe(true);
});

test('a command with an hourly budget is refused past it, however slowly it is called', () => {
	const windows = new CallWindows();
	const admitted = (at: number) => windows.admit(send, '@TOA#_a', DEFAULT_FAULTS, at).admitted;

	expect([admitted(0), admitted(2_000), admitted(4_000), admitted(3_600_001)]).toEqual([
		true,
		true,
		false,
		true,
	]);
});

test('the span of a budget plus one calls is reported once there were so many', () => {
	const windows = new CallWindows();
	const faults = { ...DEFAULT_FAULTS, callsPerSecond: 2 };
	const spans = [0, 400, 1_100, 1_450].map(
		(at) => windows.admit(COMMANDS.addSubscribers, undefined, faults, at).spanMs,
	);
	expect(spans).toEqual([undefined, undefined, 1_100, 1_050]);
});
