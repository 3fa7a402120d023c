// The user commands: profiles (profile, CN 1639-1640) and presence (openim, TC 35477); reference
// ../shared/reference/tencent-chat-groups-users.md §3-§4. A key is the name of the client function
// that sends the command.

import { LIST_PAGE, serviceCommands } from '../../../client/commands';
// query_online_status is an openim command: its codes are those of the message service.
import { MESSAGE_ERRORS } from '../../message/api/errorCodes';
import { PROFILE_ERRORS } from './errorCodes';

const profileCommand = serviceCommands('profile', PROFILE_ERRORS);
const openimCommand = serviceCommands('openim', MESSAGE_ERRORS);

export const COMMANDS = {
	getProfiles: profileCommand('portrait_get', { maxPerCall: 100, maxAnswerBytes: LIST_PAGE }),
	setProfile: profileCommand('portrait_set'),
	getOnlineStatus: openimCommand('query_online_status', {
		maxPerCall: 500,
		maxAnswerBytes: LIST_PAGE,
	}),
};
