// The fake's modules, one per node resource, derived from the resource list: a resource's module
// serves exactly the commands of its table, by their keys. A resource without a module, or a
// command without a handler, fails here, when the server loads.

import { RESOURCES } from '../../../nodes/TencentChat/actions/resources';
import type { Resource } from '../../../nodes/TencentChat/actions/shapes/resource';
import type { Command } from '../../../nodes/TencentChat/client/commands';
import { accountModule } from './account';
import { groupModule } from './group';
import { messageModule } from './message';
import { officialAccountModule } from './officialAccount';
import type { FakeApp } from '../config';
import type { CommandHandler, ServiceModule } from './service';
import { userModule } from './user';

type ModuleOf<R> =
	R extends Resource<infer Commands> ? ServiceModule<unknown, keyof Commands & string> : never;
type ModulesOf<Resources extends readonly Resource[]> = {
	readonly [Index in keyof Resources]: ModuleOf<Resources[Index]>;
};

/** One per resource, in the order of RESOURCES: the compiler holds each to every command of its resource. */
const MODULES: ModulesOf<typeof RESOURCES> = [
	officialAccountModule,
	groupModule,
	accountModule,
	messageModule,
	userModule,
];

/** Every module: each has its own state for each app. */
export const SERVICE_MODULES: ReadonlyArray<ServiceModule<unknown>> = MODULES;

/**
 * Each module's state for a newly added app. A module that reads another's state (the accounts)
 * has that one made first, whatever the modules' order.
 */
export function createStates(
	app: FakeApp,
	modules: ReadonlyArray<ServiceModule<unknown>> = SERVICE_MODULES,
): Map<ServiceModule<unknown>, unknown> {
	const states = new Map<ServiceModule<unknown>, unknown>();
	const stateOf = (module: ServiceModule<unknown>): unknown => {
		if (!states.has(module)) states.set(module, module.createState(app, stateOf));
		return states.get(module);
	};
	for (const module of modules) stateOf(module);
	return states;
}

/** Where the fake serves one command: the module of its resource and the handler of its key. */
export interface Route {
	resource: string;
	module: ServiceModule<unknown>;
	/** The command's key in its resource's table (`addSubscribers`). */
	key: string;
	handler: CommandHandler<unknown>;
}

const ROUTES = new Map<Command, Route>(
	(RESOURCES as readonly Resource[]).flatMap((resource, index) =>
		routesOf(resource, SERVICE_MODULES[index]),
	),
);

/** The module and handler that serve `command`; undefined for a command no resource has. */
export function routeOf(command: Command): Route | undefined {
	return ROUTES.get(command);
}

function routesOf(
	resource: Resource,
	module: ServiceModule<unknown> | undefined,
): Array<[Command, Route]> {
	if (module === undefined)
		throw new Error(`the fake server has no module for the ${resource.value} resource`);
	const strays = Object.keys(module.commands).filter((key) => !(key in resource.commands));
	if (strays.length > 0) {
		throw new Error(
			`the fake's ${resource.value} module serves ${strays.join(', ')}, which the resource does not send`,
		);
	}
	return Object.entries(resource.commands).map(([key, command]) => {
		const handler = module.commands[key];
		if (typeof handler !== 'function')
			throw new Error(`the fake's ${resource.value} module has no handler for ${key}`);
		return [command, { resource: resource.value, module, key, handler }];
	});
}
