// The fake's modules, one per node resource, derived from the resource list: a resource's module
// serves exactly the commands of its table, by their keys. A resource without a module, or a
// command without a handler, fails here, when the server loads. What an app is (`FakeApp`) and
// what tests may inspect of it (`server.inspect`) are derived from the modules too, so the core
// names no resource.

import { RESOURCES } from '../../../nodes/TencentChat/actions/resources';
import type { Resource } from '../../../nodes/TencentChat/actions/shapes/resource';
import type { Command } from '../../../nodes/TencentChat/client/commands';
import { accountModule, isImported } from './account';
import { groupModule } from './group';
import { messageModule } from './message';
import { officialAccountModule } from './officialAccount';
import type { CommandHandler, Inspection, ServiceModule } from './service';
import { userModule } from './user';

type ModuleOf<R> =
	R extends Resource<infer Commands> ? ServiceModule<unknown, keyof Commands & string> : never;
type ModulesOf<Resources extends readonly Resource[]> = {
	readonly [Index in keyof Resources]: ModuleOf<Resources[Index]>;
};

/** One per resource, in the order of RESOURCES: the compiler holds each to every command of its resource. */
const MODULES = [
	officialAccountModule,
	groupModule,
	accountModule,
	messageModule,
	userModule,
] as const satisfies ModulesOf<typeof RESOURCES>;

/** Every module: each has its own state for each app. */
export const SERVICE_MODULES: ReadonlyArray<ServiceModule<unknown>> = MODULES;

type Module = (typeof MODULES)[number];
type Intersection<Union> = (Union extends unknown ? (value: Union) => void : never) extends (
	value: infer All,
) => void
	? All
	: never;

/** An app as a test sets it up: the core's fields and every module's (`officialAccounts`, `groups`, …). */
export type FakeApp = Intersection<Parameters<Module['createState']>[0]>;

/** Every module's inspections in one record, by name. */
type Inspections = Intersection<
	Module extends ServiceModule<unknown, string, object, infer Declared> ? Declared : never
>;
/** The name of an inspection some module declares: `server.inspect` takes no other. */
export type InspectionName = keyof Inspections & string;
/** What an inspection takes after the app: `server.inspect('group', sdkAppId, groupId)`. */
export type InspectionArgs<Name extends InspectionName> = Inspections[Name] extends (
	state: never,
	...args: infer Args
) => unknown
	? Args
	: never;
export type InspectionResult<Name extends InspectionName> = Inspections[Name] extends (
	...args: never[]
) => infer Result
	? Result
	: never;

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

/** Whether the app has `userId`, as its Account module says: every command's `isImported`. */
export function isImportedIn(
	states: Map<ServiceModule<unknown>, unknown>,
	userId: string,
): boolean {
	return isImported(states.get(accountModule), userId);
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

/** Where an inspection is: the module whose state it reads, named by its resource. */
export interface InspectionRoute {
	resource: string;
	module: ServiceModule<unknown>;
	inspect: Inspection<never>;
}

/** Every module's inspections by name; two modules may not declare the same one. */
export function inspectionRoutes(
	modules: ReadonlyArray<{ resource: string; module: ServiceModule<unknown> }>,
): Map<string, InspectionRoute> {
	const routes = new Map<string, InspectionRoute>();
	for (const { resource, module } of modules) {
		for (const [name, inspect] of Object.entries(module.inspections ?? {})) {
			const other = routes.get(name);
			if (other !== undefined)
				throw new Error(
					`the fake's ${other.resource} and ${resource} modules both declare the inspection ${name}`,
				);
			routes.set(name, { resource, module, inspect });
		}
	}
	return routes;
}

const INSPECTIONS = inspectionRoutes(
	SERVICE_MODULES.map((module, index) => ({ resource: RESOURCES[index].value, module })),
);

/** The module and function of the inspection `name`; undefined for a name no module declares. */
export function inspectionRouteOf(name: string): InspectionRoute | undefined {
	return INSPECTIONS.get(name);
}

/** Every inspection's name, for an error that says which there are. */
export const INSPECTION_NAMES: readonly string[] = [...INSPECTIONS.keys()];
