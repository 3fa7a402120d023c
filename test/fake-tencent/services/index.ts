// Every service the fake server answers: adding one is a module and a line here.

import { accountService } from './account';
import { groupService } from './group';
import { messageService } from './message';
import { officialAccountService } from './officialAccount';
import type { ServiceModule } from './service';
import { profileService } from './userProfile';

export const SERVICE_MODULES: ReadonlyArray<ServiceModule<unknown>> = [
	officialAccountService,
	// Before the message service, which reads its accounts.
	accountService,
	messageService,
	groupService,
	profileService,
];
