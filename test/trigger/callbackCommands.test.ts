import { describe, expect, test } from '@jest/globals';

import {
	ALL_EVENTS,
	CALLBACK_AREAS,
	eventOptions,
	isEventSelected,
} from '../../nodes/TencentChatTrigger/callbackCommands';

describe('isEventSelected', () => {
	test('"*" selects every command, listed or not', () => {
		expect(isEventSelected('OfficialAccount.CallbackAfterAddSubscriber', [ALL_EVENTS])).toBe(true);
		expect(isEventSelected('Sns.CallbackFriendAdd', [ALL_EVENTS])).toBe(true);
	});

	test("an area's wildcard selects that area's commands only", () => {
		const selected = ['OfficialAccount.*'];
		expect(isEventSelected('OfficialAccount.CallbackBeforeAddSubscriber', selected)).toBe(true);
		expect(isEventSelected('OfficialAccount.CallbackAfterMsgWithDraw', selected)).toBe(true);
		expect(isEventSelected('C2C.CallbackAfterSendMsg', selected)).toBe(false);
		expect(isEventSelected('OfficialAccountX.CallbackAfterSendMsg', selected)).toBe(false);
	});

	test('a command selects itself and nothing else', () => {
		const selected = ['OfficialAccount.CallbackAfterAddSubscriber', 'State.StateChange'];
		expect(isEventSelected('OfficialAccount.CallbackAfterAddSubscriber', selected)).toBe(true);
		expect(isEventSelected('State.StateChange', selected)).toBe(true);
		expect(isEventSelected('OfficialAccount.CallbackAfterDeleteSubscriber', selected)).toBe(false);
		expect(isEventSelected('OfficialAccount.CallbackAfterAddSubscriberX', selected)).toBe(false);
	});

	test('nothing selected selects nothing', () => {
		expect(isEventSelected('State.StateChange', [])).toBe(false);
	});
});

describe('the command list', () => {
	test('has the five areas, each command under its own prefix, none twice', () => {
		expect(CALLBACK_AREAS.map((area) => area.prefix)).toEqual([
			'OfficialAccount',
			'C2C',
			'Group',
			'State',
			'Alert',
		]);
		const commands = CALLBACK_AREAS.flatMap((area) => area.commands.map((entry) => entry.command));
		expect(new Set(commands).size).toBe(commands.length);
		for (const area of CALLBACK_AREAS) {
			for (const { command } of area.commands)
				expect(command.startsWith(`${area.prefix}.`)).toBe(true);
		}
	});

	test('marks exactly the commands Tencent waits for as "before" callbacks', () => {
		const before = CALLBACK_AREAS.flatMap((area) =>
			area.commands.filter((entry) => entry.before).map((entry) => entry.command),
		);
		expect(before).toEqual([
			'OfficialAccount.CallbackBeforeCreateOfficialAccount',
			'OfficialAccount.CallbackBeforeAddSubscriber',
			'OfficialAccount.CallbackBeforeSendMsg',
			'C2C.CallbackBeforeSendMsg',
			'Group.CallbackBeforeCreateGroup',
			'Group.CallbackBeforeApplyJoinGroup',
			'Group.CallbackBeforeInviteJoinGroup',
			'Group.CallbackBeforeSendMsg',
			'Group.CallbackBeforeCreateTopic',
		]);
	});

	test('the Events option offers all, each area and each command, named as events', () => {
		const options = eventOptions();
		const commandCount = CALLBACK_AREAS.reduce((sum, area) => sum + area.commands.length, 0);
		expect(options).toHaveLength(1 + CALLBACK_AREAS.length + commandCount);
		expect(options[0]).toMatchObject({ name: 'Any Event', value: '*' });
		expect(options).toContainEqual(
			expect.objectContaining({ name: 'Any Official Account Event', value: 'OfficialAccount.*' }),
		);
		expect(options).toContainEqual(
			expect.objectContaining({
				name: 'Subscriber Added',
				value: 'OfficialAccount.CallbackAfterAddSubscriber',
			}),
		);
		expect(options).toContainEqual(
			expect.objectContaining({ name: 'User Online State Changed', value: 'State.StateChange' }),
		);
		// n8n lists each as a trigger action, "On <name>": distinct, and saying the event once.
		const names = options.map((option) => option.name);
		expect(new Set(names).size).toBe(names.length);
		for (const name of names) expect(name).not.toMatch(/:|Callback|Before |After /);
		// Every value the option offers selects what it names.
		for (const area of CALLBACK_AREAS) {
			expect(isEventSelected(`${area.prefix}.CallbackSomethingNew`, [`${area.prefix}.*`])).toBe(
				true,
			);
			for (const { command } of area.commands)
				expect(isEventSelected(command, [command])).toBe(true);
		}
	});
});
