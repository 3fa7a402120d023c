import { describe, expect, test } from '@jest/globals';

import { SDK_APP_ID } from '../../helpers/fixtures';
import { useFakeServer } from '../../helpers/useFakeServer';
import { byId, groupApp, groupRunner } from './groupApp';

// Send Message, Send Notification, Recall Messages, Get Messages.

const server = useFakeServer(() =>
	groupApp({
		chat: {
			type: 'Public',
			owner: 'owner',
			members: ['u0', 'u1'],
			messages: Array.from({ length: 45 }, (_, i) => `old ${i + 1}`),
		},
	}),
);
const GROUP = { groupId: byId('={{ $json.group }}') };
const TEXT = { messageType: 'text', text: '={{ $json.text }}' };
const messagesOf = (id: string) =>
	server.inspect('group', SDK_APP_ID, id).messages as Array<{
		seq: number;
		from: string;
		body: unknown[];
		random: number;
		recalled: boolean;
	}>;

describe('Group → Send Message in the n8n engine', () => {
	test('sends one message per item with its MsgSeq and an ISO time', async () => {
		const { output, error } = await groupRunner(server, 'sendMessage')(
			[
				{ group: 'lobby', text: 'Hello' },
				{ group: 'lobby', text: 'Again' },
			],
			{ ...GROUP, from: 'owner', ...TEXT, messageOptions: { priority: 'High', mentions: 'u0' } },
			{ maxConcurrency: 1 },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{
				group: 'lobby',
				from: 'owner',
				status: 'sent',
				msgSeq: 1,
				msgTime: expect.stringMatching(/^\d{4}-/),
			},
			{
				group: 'lobby',
				from: 'owner',
				status: 'sent',
				msgSeq: 2,
				msgTime: expect.stringMatching(/^\d{4}-/),
			},
		]);
		expect(messagesOf('lobby').map((message) => [message.seq, message.from, message.body])).toEqual(
			[
				[1, 'owner', [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Hello' } }]],
				[2, 'owner', [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Again' } }]],
			],
		);
	});

	test('a retry after an attempt that was delivered keeps its Random: one message, ambiguous', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output } = await groupRunner(server, 'sendMessage')(
			[{ group: 'lobby', text: 'Once' }],
			{ ...GROUP, ...TEXT },
		);
		expect(output[0].json).toMatchObject({ status: 'sent', msgSeq: 1, ambiguous: true });
		expect(messagesOf('lobby')).toHaveLength(1);
	});

	test('120 messages into one group keep its 40 a second, and other groups are not held up', async () => {
		const items = [
			...Array.from({ length: 120 }, (_, i) => ({ group: 'lobby', text: `m${i}` })),
			{ group: 'team', text: 'other' },
		];
		const startedAt = performance.now();
		const { output } = await groupRunner(server, 'sendMessage')(items, { ...GROUP, ...TEXT });
		expect(output.filter((item) => item.json.status === 'sent')).toHaveLength(121);
		expect(server.stats.rateLimited).toBe(0);
		expect(messagesOf('lobby')).toHaveLength(120);
		// A lower bound only: 120 messages at 40 a second cannot go in under two seconds.
		expect(performance.now() - startedAt).toBeGreaterThanOrEqual(1_900);
	}, 20_000);

	test('a muted sender is refused with 10017, saying what to do', async () => {
		await groupRunner(server, 'muteMembers')([{ group: 'lobby' }], {
			...GROUP,
			memberIds: 'u0',
			muteSeconds: 600,
		});
		const { output } = await groupRunner(server, 'sendMessage')(
			[{ group: 'lobby', text: 'hi' }],
			{ ...GROUP, from: 'u0', ...TEXT },
			{},
			{ continueOnFail: true },
		);
		expect(output[0].json).toMatchObject({
			group: 'lobby',
			status: 'failed',
			errorCode: 10017,
			hint: expect.stringContaining('unmute them'),
		});
	});

	test('31 mentions, an empty text and a sender over 32 bytes are refused before any call', async () => {
		const run = groupRunner(server, 'sendMessage');
		const mentions = Array.from({ length: 31 }, (_, i) => `u${i}`).join(',');
		expect(
			(
				await run([{ group: 'lobby', text: 'x' }], {
					...GROUP,
					...TEXT,
					messageOptions: { mentions },
				})
			).error?.message,
		).toContain('@mentions 31 times');
		expect(
			(await run([{ group: 'lobby', text: ' ' }], { ...GROUP, ...TEXT })).error?.message,
		).toContain('Text is empty');
		expect(
			(await run([{ group: 'lobby', text: 'x' }], { ...GROUP, ...TEXT, from: 'x'.repeat(33) }))
				.error?.message,
		).toContain('From "xxx');
		expect(server.stats.requests).toBe(0);
	});
});

describe('Group → Send Notification in the n8n engine', () => {
	test('to everyone, or to some members', async () => {
		const run = groupRunner(server, 'sendNotification');
		const { output } = await run(
			[{ group: 'lobby' }, { group: 'lobby', to: 'u0' }],
			{ ...GROUP, content: 'Closing at 6', recipientIds: '={{ $json.to ?? "" }}' },
			{ maxConcurrency: 1 },
		);
		expect(output.map((item) => item.json)).toEqual([
			{ group: 'lobby', status: 'sent', recipients: 'all' },
			{ group: 'lobby', status: 'sent', recipients: 1 },
		]);
		expect(server.inspect('group', SDK_APP_ID, 'lobby').notifications).toEqual([
			{ content: 'Closing at 6', to: 'all', time: expect.any(Number) },
			{ content: 'Closing at 6', to: ['u0'], time: expect.any(Number) },
		]);
	});

	test('some members of an AVChatRoom is refused naming its type', async () => {
		const { error } = await groupRunner(server, 'sendNotification')([{ group: 'live' }], {
			...GROUP,
			content: 'x',
			recipientIds: 'u0',
		});
		expect(error?.message).toContain(
			'live is an AVChatRoom group: an AVChatRoom takes notifications for everyone only',
		);
	});
});

describe('Group → Recall Messages and Get Messages in the n8n engine', () => {
	test('recalls by MsgSeq, each with its RetCode; an unknown one fails on its own', async () => {
		const { output, errorOutput } = await groupRunner(server, 'recallMessages')(
			[{ group: 'chat', seqs: [45, '44', 99] }],
			{ ...GROUP, msgSeqs: '={{ $json.seqs }}' },
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(output.map((item) => item.json)).toEqual([
			{ group: 'chat', msgSeq: '45', status: 'recalled' },
			{ group: 'chat', msgSeq: '44', status: 'recalled' },
		]);
		expect(errorOutput[0].json.details).toEqual({
			group: 'chat',
			msgSeq: '99',
			status: 'failed',
			errorCode: 10030,
			errorInfo: expect.stringContaining('no such message'),
		});
		expect(
			messagesOf('chat')
				.filter((message) => message.recalled)
				.map((message) => message.seq),
		).toEqual([44, 45]);
	});

	test('a MsgSeq that is not a positive whole number is refused before any call', async () => {
		const { error } = await groupRunner(server, 'recallMessages')([{ group: 'chat' }], {
			...GROUP,
			msgSeqs: '3, x',
		});
		expect(error?.message).toContain('is not a MsgSeq');
		expect(server.stats.requests).toBe(0);
	});

	test('Get Messages pages the history newest first, 20 a call, down to MsgSeq 1; recalled ones say so', async () => {
		await groupRunner(server, 'recallMessages')([{ group: 'chat' }], { ...GROUP, msgSeqs: '45' });
		const { output } = await groupRunner(server, 'getMessages')([{ group: 'chat' }], {
			...GROUP,
			returnAll: true,
		});
		expect(output.map((item) => item.json.msgSeq)).toEqual(
			Array.from({ length: 45 }, (_, i) => 45 - i),
		);
		expect(output[0].json).toEqual({
			group: 'chat',
			msgSeq: 45,
			from: 'owner',
			msgTime: expect.stringMatching(/^\d{4}-/),
			state: 'recalled',
			isSystemMessage: false,
			priority: 'Normal',
			random: 0,
			msgBody: [],
		});
		expect(output[1].json).toMatchObject({
			state: 'normal',
			msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'old 44' } }],
		});
		expect(server.stats.calls.group_msg_get_simple).toBe(3);
	});

	test('a Limit stops the pages early', async () => {
		const { output } = await groupRunner(server, 'getMessages')([{ group: 'chat' }], {
			...GROUP,
			returnAll: false,
			limit: 25,
		});
		expect(output.map((item) => item.json.msgSeq)).toEqual(
			Array.from({ length: 25 }, (_, i) => 45 - i),
		);
		expect(server.stats.calls.group_msg_get_simple).toBe(2);
	});
});
