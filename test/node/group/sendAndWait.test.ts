import { describe, expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { SDK_APP_ID } from '../../helpers/fixtures';
import { useFakeServer } from '../../helpers/useFakeServer';
import { byId, groupApp, groupRunner } from './groupApp';

// Group → Send and Wait for Response: the same operation as Message's (its pages and answers are
// tested there), sent into a group with Group → Send Message's client function.

const server = useFakeServer(() => groupApp());
const messagesOf = (id: string) =>
	server.inspect('group', SDK_APP_ID, id).messages as Array<{
		from: string;
		body: Array<{ MsgContent: IDataObject }>;
	}>;
const run = groupRunner(server, 'sendAndWait');
const LINK =
	/^Approve: http:\/\/localhost\/execution-9\/tencent-chat-node\?approved=true&signature=[0-9a-f]{64}$/;

describe('Group → Send and Wait for Response in the n8n engine', () => {
	test('sends the group one message with the links of this execution, then waits for the first answer', async () => {
		const {
			output,
			error,
			run: result,
		} = await run(
			[{ group: 'team' }, { group: 'lobby' }],
			{ groupId: byId('={{ $json.group }}'), message: 'Who takes ticket 7?' },
			{ from: 'owner' },
			{ executionId: 'execution-9' },
		);
		expect(error).toBeUndefined();
		expect(result.status).toBe('waiting');
		expect(output.map((item) => item.json)).toEqual([
			{
				group: 'team',
				from: 'owner',
				status: 'sent',
				msgSeq: 1,
				msgTime: expect.stringMatching(/^\d{4}-/),
			},
		]);
		const [message] = messagesOf('team');
		expect(message.from).toBe('owner');
		const [text, link, attribution] = (message.body[0].MsgContent.Text as string).split('\n\n');
		expect([text, attribution]).toEqual([
			'Who takes ticket 7?',
			'This message was sent automatically with n8n',
		]);
		expect(link).toMatch(LINK);
		expect(messagesOf('lobby')).toHaveLength(0);
	});

	test('a retry after an attempt that was delivered keeps its Random: one message, ambiguous, and it waits', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output, run: result } = await run(
			[{}],
			{ groupId: byId('team'), message: 'Once' },
			{},
			{ executionId: 'execution-9' },
		);
		expect(output[0].json).toMatchObject({ status: 'sent', ambiguous: true });
		expect(messagesOf('team')).toHaveLength(1);
		expect(result.status).toBe('waiting');
	});

	test("a group that does not exist stops the node with Tencent's code, and nothing waits", async () => {
		const { error, run: result } = await run(
			[{}],
			{ groupId: byId('@TGS#_missing'), message: 'x' },
			{},
			{ executionId: 'execution-9' },
		);
		expect(error?.message).toMatch(/Tencent Chat error 10010|Tencent Chat error 10015/);
		expect(error?.itemIndex).toBe(0);
		expect(result.status).not.toBe('waiting');
	});

	test('an empty message (from an expression) is refused before any call', async () => {
		const { error } = await run(
			[{ text: ' ' }],
			{ groupId: byId('team'), message: '={{ $json.text }}' },
			{},
			{ executionId: 'execution-9' },
		);
		expect(error?.message).toContain('Message is empty');
		expect(server.stats.requests).toBe(0);
	});
});
