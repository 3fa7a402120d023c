import { afterAll, beforeAll, expect, test } from '@jest/globals';

import { FakeTencentServer } from '../fake-tencent/FakeTencentServer';
import { runNode } from '../helpers/engine';
import { addSubscribersParameters, credentialsFor, fakeApp } from '../helpers/fixtures';

const server = new FakeTencentServer([fakeApp({ '@TOA#_news': {} })]);
beforeAll(() => server.start());
afterAll(() => server.stop());

test('smoke', async () => {
	const result = await runNode({
		parameters: addSubscribersParameters(),
		items: [{ officialAccount: '@TOA#_news', subscribers: 'a,b' }],
		credentials: credentialsFor(server),
	});
	console.log(JSON.stringify(result.output), result.error);
	expect(result.output).toHaveLength(2);
});
