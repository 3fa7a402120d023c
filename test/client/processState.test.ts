import { afterEach, describe, expect, test } from '@jest/globals';

import { COMMANDS } from '../../nodes/TencentChat/actions/resources';
import { budgetsFor, resetProcessState } from '../../nodes/TencentChat/client/processState';

const APP = 1400000001;
/** The one pacer of a command counted on the app only. */
const limiterFor = (
	app: number,
	command: (typeof COMMANDS)[keyof typeof COMMANDS],
	share: number,
) => budgetsFor(app, command, share).pacers[0];

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
		const addSubscriber = limiterFor(APP, COMMANDS.addSubscribers, 100);
		const importAccounts = limiterFor(APP, COMMANDS.importAccounts, 100);

		expect(await fill(() => addSubscriber.acquire())).toBe(200);
		expect(await fill(() => importAccounts.acquire())).toBe(100);
	});

	test('one command shares one budget across executions, and other apps have their own', async () => {
		expect(limiterFor(APP, COMMANDS.addSubscribers, 100)).toBe(
			limiterFor(APP, COMMANDS.addSubscribers, 100),
		);
		expect(await fill(() => limiterFor(APP, COMMANDS.addSubscribers, 100).acquire())).toBe(200);
		expect(await fill(() => limiterFor(APP + 1, COMMANDS.addSubscribers, 100).acquire())).toBe(200);
	});

	test("a command counted per official account has a budget per account, each the app's share of Tencent's, and the app's own budget above them", async () => {
		const news = budgetsFor(APP, COMMANDS.sendOfficialAccountMessage, 50, '@TOA#_news');
		const deals = budgetsFor(APP, COMMANDS.sendOfficialAccountMessage, 50, '@TOA#_deals');

		expect(news.pacers).toHaveLength(2);
		expect(await fill(() => news.pacers[0].acquire())).toBe(1);
		expect(await fill(() => deals.pacers[0].acquire())).toBe(1);
		// Both accounts count on one app budget: half of Tencent's 200 a second.
		expect(news.pacers[1]).toBe(deals.pacers[1]);
		expect(await fill(() => news.pacers[1].acquire())).toBe(100);
		expect(news.hourly).toHaveLength(1);
		expect(news.hourly[0]).not.toBe(deals.hourly[0]);
	});

	test("a budget on a key is one row of data: a command listing one gets a pacer per key besides the app's", async () => {
		const perGroup = {
			...COMMANDS.sendMessage,
			name: 'send_group_msg',
			budgets: [
				{ calls: 200, per: 'second', on: 'app' },
				{ calls: 40, per: 'second', on: 'key' },
			],
		} as const;
		const group1 = budgetsFor(APP, perGroup, 100, 'group1');
		const group2 = budgetsFor(APP, perGroup, 100, 'group2');

		expect(await fill(() => group1.pacers[0].acquire())).toBe(40);
		expect(await fill(() => group2.pacers[0].acquire())).toBe(40);
		expect(group1.pacers[1]).toBe(group2.pacers[1]);
	});
});
