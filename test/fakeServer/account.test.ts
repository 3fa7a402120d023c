import { beforeEach, expect, test } from '@jest/globals';

import { APP, call, useServer } from './signedCall';

const server = useServer();
beforeEach(() => server.addApp({ ...APP, accounts: ['alice'] }));

const check = async (...userIds: string[]) => {
	const { json } = await call(server, 'im_open_login_svc/account_check', {
		CheckItem: userIds.map((UserID) => ({ UserID })),
	});
	return (json?.ResultItem as Array<{ UserID: string; AccountStatus: string }>).map(
		(item) => `${item.UserID} ${item.AccountStatus}`,
	);
};

test('account_check finds the admins and the accounts the app was set up with', async () => {
	expect(await check('administrator', 'alice', 'bob')).toEqual([
		'administrator Imported',
		'alice Imported',
		'bob NotImported',
	]);
});

test('multiaccount_import imports every valid UserID and lists those over 32 bytes as failed', async () => {
	const long = 'y'.repeat(33);
	const { json } = await call(server, 'im_open_login_svc/multiaccount_import', {
		AccountList: [{ UserID: 'bob', Nick: 'Bob' }, { UserID: long }],
	});

	expect(json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', FailAccounts: [long] });
	expect(await check('bob')).toEqual(['bob Imported']);
});

test('account_check refuses more than 100 accounts with 6017', async () => {
	const CheckItem = Array.from({ length: 101 }, (_, i) => ({ UserID: `u${i}` }));
	expect(
		(await call(server, 'im_open_login_svc/account_check', { CheckItem })).json?.ErrorCode,
	).toBe(6017);
});
