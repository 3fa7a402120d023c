import { afterAll, beforeAll } from '@jest/globals';

import { FakeTencentServer } from '../fake-tencent/FakeTencentServer';

/** A fake server for this test file: started before its tests, stopped after them. (Jest only.) */
export function useFakeServer(): FakeTencentServer {
	const server = new FakeTencentServer();
	beforeAll(() => server.start());
	afterAll(() => server.stop());
	return server;
}
