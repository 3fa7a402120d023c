import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeApp, FakeTencentServer } from '../../fake-tencent/FakeTencentServer';
import type { FakeGroup } from '../../fake-tencent/services/group';
import { fakeApp } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';

// What the Group tests share: an app with imported users and a few groups of each type, and one
// way to run an operation of the resource through the engine.

export const USERS = Array.from({ length: 1_200 }, (_, i) => `u${i}`);

export function groupApp(
	groups: Record<string, FakeGroup> = {},
	accounts: string[] = ['owner', 'agent', ...USERS],
): FakeApp {
	return {
		...fakeApp({}, accounts),
		groups: {
			team: { type: 'Work', name: 'Team', owner: 'owner', members: ['u0', 'u1'] },
			lobby: { type: 'Public', name: 'Lobby', owner: 'owner', members: ['u0'] },
			live: { type: 'AVChatRoom', name: 'Live', owner: 'owner' },
			'@TGS#_course': { type: 'Community', name: 'Course', owner: 'owner' },
			...groups,
		},
	};
}

/** A locator as the editor saves it. */
export function byId(value: string): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value };
}

/** Runs `operation` of the Group resource: `run(items, fields, options, extra)`. */
export function groupRunner(server: FakeTencentServer, operation: string) {
	return (
		items: IDataObject[],
		fields: INodeParameters = {},
		options: INodeParameters = {},
		extra: RunExtra = {},
	) => runOperation('group', operation, fields, items, { server, options, ...extra });
}
