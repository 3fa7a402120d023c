import { describe, expect, test } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../helpers/engine';
import {
	credentialsFor,
	fakeApp,
	officialAccountParameters,
	resourceParameters,
} from '../helpers/fixtures';
import { useFakeServer } from '../helpers/useFakeServer';

// One rule for "a message over 12 KB", shared by every operation that sends one: the MsgBody's
// bytes as Tencent receives it (UTF-8 JSON, escapes included), and a body nested past any element
// Tencent has is refused by name, before any call.

const NEWS = '@TOA#_news';
const server = useFakeServer(() => ({
	...fakeApp({ [NEWS]: { subscribers: ['u_a'] } }, ['u_a', 'u_b']),
	groups: { g1: { type: 'Public', owner: 'u_a' } },
}));

const SENDERS: Array<[string, (fields: INodeParameters) => INodeParameters]> = [
	[
		'Official Account → Send Message',
		(fields) => officialAccountParameters('sendMessage', { officialAccountId: NEWS, ...fields }),
	],
	['Message → Send', (fields) => resourceParameters('message', 'send', { to: 'u_a', ...fields })],
	[
		'Message → Send to Many',
		(fields) => resourceParameters('message', 'sendToMany', { recipients: 'u_a, u_b', ...fields }),
	],
	[
		'Group → Send Message',
		(fields) =>
			resourceParameters('group', 'sendMessage', {
				groupId: { __rl: true, mode: 'id', value: 'g1' },
				...fields,
			}),
	],
];
const send = (parameters: INodeParameters) =>
	runNode({ parameters, items: [{}], credentials: credentialsFor(server) });
const bytesOfText = (text: string) =>
	Buffer.byteLength(JSON.stringify([{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }]));

describe.each(SENDERS)('%s', (_name, parameters) => {
	test('a text of 8,200 quotes is refused: as Tencent gets it, escaped, it is 16,000 bytes and more', async () => {
		const text = '"'.repeat(8_200);
		const { error } = await send(parameters({ messageType: 'text', text }));
		expect(error?.message).toBe(
			`The message is ${bytesOfText(text)} bytes long as Tencent gets it (its MsgBody as JSON, quotes and backslashes escaped); a message may be at most 12288`,
		);
		expect(error?.description).toContain('Fix "Text" for item 0');
		expect(server.stats.requests).toBe(0);
	});

	test('a text of exactly 12,288 bytes is refused the same way: the MsgBody around it counts too', async () => {
		const { error } = await send(
			parameters({ messageType: 'text', text: 'a'.repeat(12_288 - 1) + 'b' }),
		);
		expect(error?.message).toContain(
			`The message is ${bytesOfText('a'.repeat(12_288))} bytes long as Tencent gets it`,
		);
		expect(server.stats.requests).toBe(0);
	});

	test('a text whose MsgBody is within 12 KB is sent', async () => {
		const text = 'é'.repeat(6_000);
		expect(bytesOfText(text)).toBeLessThanOrEqual(12_288);
		const { error } = await send(parameters({ messageType: 'text', text }));
		expect(error).toBeUndefined();
	});

	test('a raw MsgBody nested 6,000 levels is refused naming the Message Body and why, not with a stack overflow', async () => {
		const deep = '['.repeat(6_000) + ']'.repeat(6_000);
		const { error } = await send(
			parameters({
				messageType: 'raw',
				msgBody: `[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"x","Deep":${deep}}}]`,
			}),
		);
		expect(error?.message).toBe(
			"Message Body is nested more than 32 levels deep; Tencent's message elements are a few levels deep, so it cannot be a message Tencent takes",
		);
		expect(error?.description).toContain('Fix "Message Body" for item 0');
		expect(server.stats.requests).toBe(0);
	});
});
