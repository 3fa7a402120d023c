import { afterAll, beforeAll, beforeEach } from '@jest/globals';

import type { FakeApp } from '../fake-tencent/config';
import { FakeTencentServer } from '../fake-tencent/FakeTencentServer';

/**
 * A fake server for this test file: started before its tests, stopped after them. With `app`,
 * every test starts from that app, fresh, with no faults and no stats. (Jest only.)
 */
export function useFakeServer(app?: () => FakeApp): FakeTencentServer {
	const server = new FakeTencentServer();
	beforeAll(() => server.start());
	afterAll(() => server.stop());
	if (app) {
		beforeEach(() => {
			server.addApp(app());
			server.setFaults({});
			server.resetStats();
		});
	}
	return server;
}
