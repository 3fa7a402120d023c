// The fake's modules against the node's resources: it serves exactly the commands the resources'
// tables define, each by the module of its resource.

import { describe, expect, test } from '@jest/globals';

import { commandAt, RESOURCES } from '../../nodes/TencentChat/actions/resources';
import { commandPath } from '../../nodes/TencentChat/client/commands';
import { createStates, routeOf, SERVICE_MODULES } from '../fake-tencent/services';
import { accountModule } from '../fake-tencent/services/account';
import { messageModule } from '../fake-tencent/services/message';
import { userModule } from '../fake-tencent/services/user';
import { APP } from './signedCall';

const COMMANDS_OF_RESOURCES = RESOURCES.flatMap((resource) =>
	Object.entries(resource.commands).map(([key, command]) => ({
		resource: resource.value,
		key,
		command,
	})),
);

describe('every command of every resource', () => {
	test.each(COMMANDS_OF_RESOURCES)(
		'$resource.$key has a handler in the $resource module',
		({ resource, key, command }) => {
			const route = routeOf(command);

			expect(route).toMatchObject({ resource, key });
			expect(typeof route?.handler).toBe('function');
			expect(route?.module.commands[key]).toBe(route?.handler);
		},
	);

	test.each(COMMANDS_OF_RESOURCES)(
		"$resource.$key is routed by its path to its resource's module",
		({ resource, key, command }) => {
			const atPath = commandAt(commandPath(command));

			expect(atPath && routeOf(atPath)).toMatchObject({ resource, key });
		},
	);
});

test('each resource has one module, and a module serves no command its resource does not send', () => {
	expect(SERVICE_MODULES).toHaveLength(RESOURCES.length);
	RESOURCES.forEach((resource, index) =>
		expect(Object.keys(SERVICE_MODULES[index].commands).sort()).toEqual(
			Object.keys(resource.commands).sort(),
		),
	);
});

test("the modules that read the accounts share the account module's, whatever the modules' order", () => {
	const states = createStates(APP, [...SERVICE_MODULES].reverse());
	const accounts = states.get(accountModule);

	expect(accounts).toBeInstanceOf(Map);
	expect((states.get(messageModule) as { accounts: unknown }).accounts).toBe(accounts);
	expect((states.get(userModule) as { accounts: unknown }).accounts).toBe(accounts);
	expect(states.size).toBe(RESOURCES.length);
});
