// The User resource: profiles (`profile/portrait_get`, `portrait_set`: `profiles.ts`) and presence
// (`openim/query_online_status`: `presence.ts`), on the accounts of the Account module.

import type { COMMANDS } from '../../../../nodes/TencentChat/actions/user/api/commands';
import { type Accounts, accountsOf } from '../account';
import { defineService } from '../service';
import { type Presence, presenceCommands } from './presence';
import { customTagsOf, profileCommands, profileEntryLists } from './profiles';

export interface Users {
	accounts: Accounts;
	customTags: ReadonlySet<string>;
	/** Each account's tags besides nickname and avatar. */
	tags: Map<string, Map<string, string | number>>;
	/** Who is online: nobody is until a test says so. */
	presence: Map<string, Presence>;
}

export const userModule = defineService<Users, keyof typeof COMMANDS>({
	createState: (app, stateOf) => ({
		accounts: accountsOf(stateOf),
		customTags: customTagsOf(app),
		tags: new Map(),
		presence: new Map(),
	}),
	commands: { ...profileCommands, ...presenceCommands },
	entryLists: profileEntryLists,
});
