// The one list of resources. The node's Resource options and fields, the router, the editor's list
// searches, the merged command table and the fake server's services are all derived from it: a new
// resource is its folder and one line here.

import type { Command } from '../client';
import { resource as account } from './account/Account.resource';
import { resource as group } from './group/Group.resource';
import { resource as message } from './message/Message.resource';
import { resource as officialAccount } from './officialAccount/OfficialAccount.resource';
import type { ListSearch, Resource } from './shapes/resource';
import { resource as user } from './user/User.resource';
import { commandPath } from '../client';

/** In the order the editor lists them: the headline one first. */
export const RESOURCES = [officialAccount, group, account, message, user] as const;

type Union<T> = T extends unknown ? (whole: T) => void : never;
type Intersection<T> = Union<T> extends (whole: infer I) => void ? I : never;

/** Every command of every resource, by the name of the client function that sends it. */
export const COMMANDS = Object.assign(
	{},
	...RESOURCES.map((resource) => resource.commands),
) as Intersection<(typeof RESOURCES)[number]['commands']>;

export type CommandKey = keyof typeof COMMANDS;

/** The resource of a value, as saved workflows hold it. */
export function resourceOf(value: string): Resource | undefined {
	return (RESOURCES as readonly Resource[]).find((resource) => resource.value === value);
}

/** Every resource's list searches, for the node's `methods.listSearch`. */
export const LIST_SEARCH: Record<string, ListSearch> = Object.assign(
	{},
	...RESOURCES.map((resource) => resource.listSearch ?? {}),
);

/** The command at `service/command`, for the fake server and tests. */
export function commandAt(path: string): Command | undefined {
	return (Object.values(COMMANDS) as Command[]).find(
		(candidate) => commandPath(candidate) === path,
	);
}
