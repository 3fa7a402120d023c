import { afterEach, describe, expect, test } from '@jest/globals';

import { COMMANDS } from '../../nodes/TencentChat/client/commands';
import { limiterFor, resetProcessState } from '../../nodes/TencentChat/client/processState';

const APP = 1400000001;

afterEach(async () => await resetProcessState());

/** Takes every place a limiter has now (the calls stay in flight): how many were granted. */
async function fill(acquire: () => Promise<unknown>): Promise<number> {
	let granted = 0;
	for (;;) {
		let turn = false;
		void acquire().then(() => (turn = true));
		await new Promise((resolve) => setImmediate(resolve));
		if (!turn) return granted;
		granted++;
	}
}

describe('the budgets Tencent counts separately are paced separately', () => {
	test("an app's add_subscriber calls filling their second leave multiaccount_import its own 100", async () => {
		const addSubscriber = limiterFor(APP, COMMANDS.addSubscriber, 100);
		const importAccounts = limiterFor(APP, COMMANDS.importAccounts, 100);

		expect(await fill(() => addSubscriber.acquire())).toBe(200);
		expect(await fill(() => importAccounts.acquire())).toBe(100);
	});

	test('one command shares one budget across executions, and other apps have their own', async () => {
		expect(limiterFor(APP, COMMANDS.addSubscriber, 100)).toBe(limiterFor(APP, COMMANDS.addSubscriber, 100));
		expect(await fill(() => limiterFor(APP, COMMANDS.addSubscriber, 100).acquire())).toBe(200);
		expect(await fill(() => limiterFor(APP + 1, COMMANDS.addSubscriber, 100).acquire())).toBe(200);
	});

	test("a command counted per official account has a budget per account, each the app's share of Tencent's", async () => {
		const news = limiterFor(APP, COMMANDS.sendOfficialAccountMessage, 50, '@TOA#_news');
		const deals = limiterFor(APP, COMMANDS.sendOfficialAccountMessage, 50, '@TOA#_deals');
		const perAccount = Math.max(1, Math.floor((COMMANDS.sendOfficialAccountMessage.callsPerSecond * 50) / 100));

		expect(await fill(() => news.acquire())).toBe(perAccount);
		expect(await fill(() => deals.acquire())).toBe(perAccount);
	});
});
