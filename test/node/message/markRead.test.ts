import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeApp } from '../../helpers/fixtures';
import { runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

const server = useFakeServer(() => fakeApp({}, ['ann', 'support', 'sales']));

const send = (messages: Array<{ from: string; to: string }>) =>
	runOperation(
		'message',
		'send',
		{ to: '={{ $json.to }}', from: '={{ $json.from }}', messageType: 'text', text: 'hi' },
		messages,
		{ server },
	);

const unread = async (peerIds = '') =>
	(
		await runOperation('message', 'getUnreadCount', { userId: 'ann', peerIds }, [{}], { server })
	).output.map((item) => item.json);

const markRead = (
	{ options, ...fields }: INodeParameters,
	items: IDataObject[] = [{}],
	onError?: 'continueErrorOutput',
) =>
	runOperation('message', 'markRead', { userId: 'ann', peerId: 'support', ...fields }, items, {
		server,
		options: (options as INodeParameters) ?? {},
		onError,
	});

describe('Message → Mark Read in the n8n engine', () => {
	test('marks what the peer sent as read: its unread count falls to 0, the other peer keeps its own, Get History says read', async () => {
		await send([
			{ from: 'support', to: 'ann' },
			{ from: 'support', to: 'ann' },
			{ from: 'sales', to: 'ann' },
		]);
		const { output, error } = await markRead({});
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ userId: 'ann', peerId: 'support', status: 'markedRead' }, { item: 0 }],
		]);
		expect(await unread('support, sales')).toEqual([
			{ userId: 'ann', peerId: 'support', unreadCount: 0 },
			{ userId: 'ann', peerId: 'sales', unreadCount: 1 },
		]);
		const { output: history } = await runOperation(
			'message',
			'getHistory',
			{
				userId: 'support',
				peerId: 'ann',
				returnAll: true,
			},
			[{}],
			{ server },
		);
		expect(history.map((item) => item.json.readByRecipient)).toEqual([true, true]);
	});

	test('Read Until: only what was sent up to then is read', async () => {
		server.clockOffsetSeconds = -600;
		await send([{ from: 'support', to: 'ann' }]);
		server.clockOffsetSeconds = 0;
		await send([{ from: 'support', to: 'ann' }]);
		const until = new Date(Date.now() - 300_000);
		const { output } = await markRead({ options: { readUntil: until.toISOString() } });
		expect(output[0].json).toEqual({
			userId: 'ann',
			peerId: 'support',
			status: 'markedRead',
			readUntil: new Date(Math.floor(until.getTime() / 1000) * 1000).toISOString(),
		});
		expect(await unread('support')).toEqual([{ userId: 'ann', peerId: 'support', unreadCount: 1 }]);
	});

	test('a reader that is not an account is Tencent 90008 with a hint naming User ID', async () => {
		const { errorOutput } = await markRead(
			{ userId: '={{ $json.reader }}' },
			[{ reader: 'ghost' }],
			'continueErrorOutput',
		);
		expect(errorOutput.map((item) => item.json.details)).toEqual([
			expect.objectContaining({
				errorCode: 90008,
				hint: expect.stringContaining('User ID is not an imported account'),
			}),
		]);
	});

	test.each([
		[
			'a Read Until that is no date',
			{ options: { readUntil: '={{ "soon" }}' } },
			'Read Until is not a date: got "soon"',
		],
		['an empty peer', { peerId: ' ' }, 'Peer ID is empty'],
	] as Array<[string, INodeParameters, string]>)(
		'%s is refused before any call',
		async (_, fields, message) => {
			const { error } = await markRead(fields);
			expect(error?.message).toContain(message);
			expect(server.stats.requests).toBe(0);
		},
	);
});
