import { describe, expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { fakeApp, scriptedAnswer } from '../../helpers/fixtures';
import { type OnError, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const PEERS = Array.from({ length: 12 }, (_, i) => `p${i}`);
const server = useFakeServer(() => fakeApp({}, ['ann', 'bob', ...PEERS]));

const send = (messages: Array<{ from: string; to: string }>) =>
	runOperation(
		'message',
		'send',
		{
			to: '={{ $json.to }}',
			from: '={{ $json.from }}',
			messageType: 'text',
			text: 'hi',
		},
		messages,
		{ server },
	);

const run = (items: IDataObject[], onError?: OnError) =>
	runOperation(
		'message',
		'getUnreadCount',
		{ userId: '={{ $json.user }}', peerIds: '={{ $json.peers ?? "" }}' },
		items,
		{ server, onError },
	);

describe('Message → Get Unread Count in the n8n engine', () => {
	test("a user's total without peers; per peer with them, one item each, 10 peers a call; a peer not imported is notImported", async () => {
		await send([
			{ from: 'p0', to: 'ann' },
			{ from: 'p0', to: 'ann' },
			{ from: 'p11', to: 'ann' },
			{ from: 'ann', to: 'p1' },
		]);
		server.resetStats();
		const { output, error } = await run([
			{ user: 'ann' },
			{ user: 'ann', peers: [...PEERS, 'ghost'] },
			{ user: 'bob' },
		]);
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ userId: 'ann', unreadCount: 3 });
		expect(
			output
				.slice(1, 14)
				.map((item) => [
					item.json.peerId,
					item.json.unreadCount,
					item.json.status,
					(item.pairedItem as { item: number }).item,
				]),
		).toEqual([
			['p0', 2, undefined, 1],
			...PEERS.slice(1, 11).map((peer) => [peer, 0, undefined, 1]),
			['p11', 1, undefined, 1],
			['ghost', null, 'notImported', 1],
		]);
		expect(output[14].json).toEqual({ userId: 'bob', unreadCount: 0 });
		expect(server.stats.calls.get_c2c_unread_msg_num).toBe(4);
	});

	test('a count that is no count is null, not a failure', async () => {
		server.script(scriptedAnswer({ AllC2CUnreadMsgNum: 'many' }));
		const { output } = await run([{ user: 'ann' }]);
		expect(output[0].json).toEqual({ userId: 'ann', unreadCount: null });
	});

	test('a user that is not an account fails its item with a hint; the others are counted', async () => {
		const { output, errorOutput } = await run(
			[{ user: 'ghost' }, { user: 'ann' }],
			'continueErrorOutput',
		);
		expect(output.map((item) => item.json)).toEqual([{ userId: 'ann', unreadCount: 0 }]);
		expect(errorOutput.map((item) => [item.json.details, item.pairedItem])).toEqual([
			[
				expect.objectContaining({
					errorCode: 90003,
					hint: expect.stringContaining('User ID is not an imported account'),
				}),
				{ item: 0 },
			],
		]);
	});

	test('a bad peer ID is refused before any call, naming the entry', async () => {
		const { error } = await run([{ user: 'ann', peers: ['p1', ''] }]);
		expect(error?.message).toBe('Peer IDs: entry 2 of 2 is empty');
		expect(server.stats.requests).toBe(0);
	});
});
