// The User resource: profiles (`profile/portrait_get`, `portrait_set`: `profiles.ts`) and presence
// (`openim/query_online_status`: `presence.ts`), on the accounts of the Account module.

import type { COMMANDS } from '../../../../nodes/TencentChat/actions/user/api/commands';
import { type Accounts, accountsOf } from '../account';
import { defineService } from '../service';
import { type Presence, presenceCommands, setPresence } from './presence';
import { customTagsOf, profileCommands, profileEntryLists, profileOf } from './profiles';

/** What this module reads of `FakeApp`. */
export interface UserSetup {
	/** Custom profile tags the app has created in the console, by key (`Tier`) or in full (`Tag_Profile_Custom_Tier`). */
	customProfileTags?: string[];
}

export interface Users {
	accounts: Accounts;
	customTags: ReadonlySet<string>;
	/** Each account's tags besides nickname and avatar. */
	tags: Map<string, Map<string, string | number>>;
	/** Who is online: nobody is until a test says so. */
	presence: Map<string, Presence>;
}

/** What tests read and set: `server.inspect('profile', app, userId)`. */
const INSPECTIONS = {
	setPresence,
	/** An account's profile tags (nickname and avatar included), or null when it does not exist. */
	profile: (users: Users, userId: string): Record<string, string | number> | null =>
		profileOf(users, userId) ?? null,
};

export const userModule = defineService<
	Users,
	keyof typeof COMMANDS,
	UserSetup,
	typeof INSPECTIONS
>({
	createState: (app, stateOf) => ({
		accounts: accountsOf(stateOf),
		customTags: customTagsOf(app),
		tags: new Map(),
		presence: new Map(),
	}),
	commands: { ...profileCommands, ...presenceCommands },
	entryLists: profileEntryLists,
	inspections: INSPECTIONS,
});
