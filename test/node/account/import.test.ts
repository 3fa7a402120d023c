import { describe, expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { fakeApp, SDK_APP_ID, tencentFailure, scriptedAnswer } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const server = useFakeServer(() => fakeApp({}, ['old1', 'old2']));

const IMPORT = {
	userId: '={{ $json.id }}',
	nick: '={{ $json.name }}',
	faceUrl: '={{ $json.avatar }}',
};
const run = (items: IDataObject[], extra: RunExtra = {}) =>
	runOperation('account', 'import', IMPORT, items, { server, ...extra });

/** Whether each account exists, as the fake server's account_check answers. */
async function exists(...ids: string[]): Promise<boolean[]> {
	const { output } = await runOperation(
		'account',
		'check',
		{ userIds: '={{ $json.ids }}' },
		[{ ids }],
		{ server },
	);
	return output.map((item) => item.json.imported as boolean);
}

describe('Account → Import in the n8n engine', () => {
	test('250 accounts, each with its own nickname and avatar, 100 to a call, one paired item each', async () => {
		const items = Array.from({ length: 250 }, (_, i) => ({
			id: `c${i}`,
			name: `Customer ${i}`,
			avatar: `https://cdn.example.com/${i}.png`,
		}));

		const { output, error } = await run(items);

		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual(
			items.map((item, i) => [{ userId: item.id, status: 'imported' }, { item: i }]),
		);
		expect(server.stats.calls.multiaccount_import).toBe(3);
		expect(await exists('c0', 'c249', 'c250')).toEqual([true, true, false]);
	});

	test("each account is sent with its own item's nickname and avatar; an empty one leaves the account's as it is", async () => {
		const { output } = await run([
			{ id: 'a', name: 'Ann', avatar: 'https://x/a.png' },
			{ id: 'b', name: 'Bo', avatar: '' },
			{ id: 'old1', name: '', avatar: '' },
		]);
		expect(output.map((item) => item.json.status)).toEqual(['imported', 'imported', 'imported']);
		expect(server.inspect('account', SDK_APP_ID, 'a')).toEqual({
			nick: 'Ann',
			faceUrl: 'https://x/a.png',
			imports: 1,
		});
		expect(server.inspect('account', SDK_APP_ID, 'b')).toEqual({ nick: 'Bo', imports: 1 });
		expect(server.inspect('account', SDK_APP_ID, 'old1')).toEqual({ imports: 1 });
	});

	test('the same UserID twice in one run is imported once, as its first item has it; both items say imported', async () => {
		const { output } = await run([
			{ id: 'twice', name: 'First' },
			{ id: 'other', name: 'Other' },
			{ id: 'twice', name: 'Second' },
		]);
		expect(output.map((item) => [item.json.userId, item.json.status, item.pairedItem])).toEqual([
			['twice', 'imported', { item: 0 }],
			['other', 'imported', { item: 1 }],
			['twice', 'imported', { item: 2 }],
		]);
		expect(server.stats.calls.multiaccount_import).toBe(1);
		expect(server.inspect('account', SDK_APP_ID, 'twice')).toEqual({ nick: 'First', imports: 1 });
	});

	test('accounts Tencent lists in FailAccounts are failed, on their own items; the others imported', async () => {
		// The fake fails what Tencent would: here a scripted answer naming one account.
		server.script(scriptedAnswer({ FailAccounts: ['bad'] }, { apply: true }));
		const { output, error } = await run([{ id: 'good' }, { id: 'bad' }]);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ userId: 'good', status: 'imported' }, { item: 0 }],
			[
				{
					userId: 'bad',
					status: 'failed',
					errorCode: 'IMPORT_FAILED',
					errorInfo: expect.stringContaining('FailAccounts'),
				},
				{ item: 1 },
			],
		]);
	});

	test('with "Continue (using error output)", a failed account reaches the error output, paired', async () => {
		server.script(scriptedAnswer({ FailAccounts: ['bad'] }, { apply: true }));
		const { output, errorOutput } = await run([{ id: 'good' }, { id: 'bad' }], {
			onError: 'continueErrorOutput',
		});
		expect(output).toHaveLength(1);
		expect(errorOutput.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					error: expect.stringContaining('IMPORT_FAILED'),
					details: expect.objectContaining({
						userId: 'bad',
						status: 'failed',
						errorCode: 'IMPORT_FAILED',
					}),
				},
				{ item: 1 },
			],
		]);
	});

	test('the account cap (70398) stops the node and says to upgrade', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(tencentFailure(70398, 'account count over limit')),
		});
		const { error } = await run([{ id: 'n1' }]);
		expect(error?.message).toContain('Tencent Chat error 70398');
		expect(error?.description).toContain('upgrade');
	});

	test('with "Continue (regular output)", an internal error (40006) is retried and the import succeeds', async () => {
		server.script({
			kind: 'raw',
			status: 200,
			body: JSON.stringify(tencentFailure(40006, 'internal error')),
		});
		const { output, error } = await run([{ id: 'r1' }], { onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([{ userId: 'r1', status: 'imported' }]);
		expect(server.stats.calls.multiaccount_import).toBe(2);
	});

	test('a connection reset after the import was carried out is retried; the account is imported once', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output, error } = await run([{ id: 'z1', name: 'Zed' }]);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([{ userId: 'z1', status: 'imported' }]);
		expect(await exists('z1')).toEqual([true]);
		// Carried out, then asked again: importing twice sets the same profile.
		expect(server.inspect('account', SDK_APP_ID, 'z1')).toEqual({ nick: 'Zed', imports: 2 });
	});

	test('bad input stops the node before any call: a UserID over 32 bytes, an empty one, a nickname over 500 bytes', async () => {
		for (const [bad, message] of [
			[
				{ id: 'x'.repeat(33) },
				'User ID "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is 33 bytes long; Tencent allows at most 32',
			],
			[{ id: '  ' }, 'User ID is empty'],
			[
				{ id: 'ok', name: 'n'.repeat(501) },
				'Nickname is 501 bytes long; Tencent allows at most 500',
			],
		] as const) {
			const { error } = await run([{ id: 'fine' }, bad]);
			expect({ message: error?.message, itemIndex: error?.itemIndex }).toEqual({
				message,
				itemIndex: 1,
			});
		}
		expect(server.stats.requests).toBe(0);
	});
});
