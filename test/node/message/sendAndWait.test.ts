import { describe, expect, test } from '@jest/globals';
import { type IDataObject, type INodeParameters, WAIT_INDEFINITELY } from 'n8n-workflow';

import { ADMIN, fakeApp, SDK_APP_ID } from '../../helpers/fixtures';
import { type RunExtra, runOperation } from '../../helpers/runOperation';
import { useFakeServer } from '../../helpers/useFakeServer';

// Message → Send and Wait for Response in n8n-core's engine: the message and its links, the wait,
// the wait limit, and the line every send holds. What the links lead to is in sendAndWait.webhook.test.ts.

const server = useFakeServer(() => fakeApp({}, ['alice', 'bob', 'support']));

const LINK =
	/^http:\/\/localhost\/execution-7\/tencent-chat-node\?approved=(true|false)&signature=[0-9a-f]{64}$/;

const SEND_AND_WAIT = { to: '={{ $json.to }}', message: '={{ $json.text }}' };
const run = (
	items: IDataObject[],
	fields?: INodeParameters,
	options?: INodeParameters,
	extra: RunExtra = {},
) =>
	runOperation('message', 'sendAndWait', { ...SEND_AND_WAIT, ...fields }, items, {
		server,
		options,
		executionId: 'execution-7',
		...extra,
	});

type Element = { MsgType: string; MsgContent: IDataObject };
const elementsOf = (userId: string) =>
	server.inspect('mailbox', SDK_APP_ID, userId).map((message) => message.msgBody[0] as Element);
const textOf = (userId: string) =>
	elementsOf(userId).map((element) => element.MsgContent.Text as string);

describe('Message → Send and Wait for Response in the n8n engine', () => {
	test('sends one text message with an approve and a decline link signed for this execution and node, then waits', async () => {
		const {
			output,
			error,
			run: result,
		} = await run([{ to: 'alice', text: 'Refund 40 EUR for order 1042?' }], {
			approvalOptions: {
				values: { approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No' },
			},
		});

		expect(error).toBeUndefined();
		expect(result.status).toBe('waiting');
		expect(result.waitTill?.getTime()).toBe(WAIT_INDEFINITELY.getTime());
		expect(output.map((item) => item.json)).toEqual([
			{ to: 'alice', status: 'sent', msgKey: expect.any(String), msgTime: expect.any(String) },
		]);
		const [text] = textOf('alice');
		const [message, links, attribution] = text.split('\n\n');
		expect(message).toBe('Refund 40 EUR for order 1042?');
		expect(attribution).toBe('This message was sent automatically with n8n');
		const [approve, decline] = links.split('\n');
		expect(approve.startsWith('Yes, refund: ')).toBe(true);
		expect(approve.slice('Yes, refund: '.length)).toMatch(LINK);
		expect(approve).toContain('approved=true');
		expect(decline.startsWith('No: ')).toBe(true);
		expect(decline.slice('No: '.length)).toMatch(LINK);
		expect(decline).toContain('approved=false');
		expect(server.inspect('mailbox', SDK_APP_ID, 'alice')[0]).toEqual(
			expect.objectContaining({ from: ADMIN, to: 'alice' }),
		);
	});

	test('approve only gives one link; without attribution the message ends with it; the sender option sends as that user', async () => {
		await run([{ to: 'bob', text: 'Deploy?' }], {}, { appendAttribution: false, from: 'support' });
		const [text] = textOf('bob');
		expect(text).toMatch(
			/^Deploy\?\n\nApprove: http:\/\/localhost\/execution-7\/tencent-chat-node\?approved=true&signature=[0-9a-f]{64}$/,
		);
		expect(server.inspect('mailbox', SDK_APP_ID, 'bob')[0].from).toBe('support');
	});

	test('a form response type sends one "Respond" link (its label can be changed)', async () => {
		await run(
			[{ to: 'alice', text: 'Why?' }],
			{ responseType: 'freeText' },
			{ messageButtonLabel: 'Answer here' },
		);
		expect(textOf('alice')[0].split('\n\n')[1]).toMatch(
			/^Answer here: http:\/\/localhost\/execution-7\/tencent-chat-node\?approved=true&signature=[0-9a-f]{64}$/,
		);
	});

	test('as a custom element, the same links travel as JSON data for an app to draw as buttons; Desc is the message', async () => {
		await run(
			[{ to: 'alice', text: 'Ship it?' }],
			{ approvalOptions: { values: { approvalType: 'double' } } },
			{ messageFormat: 'custom' },
		);
		const [element] = elementsOf('alice');
		expect(element.MsgType).toBe('TIMCustomElem');
		expect(element.MsgContent.Desc).toBe('Ship it?');
		const data = JSON.parse(element.MsgContent.Data as string) as IDataObject;
		expect(data).toEqual({
			type: 'n8n.sendAndWait',
			text: 'Ship it?',
			responseType: 'approval',
			choices: [
				{ label: 'Approve', url: expect.stringMatching(LINK), approved: true },
				{ label: 'Decline', url: expect.stringMatching(LINK), approved: false },
			],
			attribution: 'This message was sent automatically with n8n',
		});
	});

	test("one message per execution, from the first item, as n8n's own Send and Wait does", async () => {
		await run([
			{ to: 'alice', text: 'first' },
			{ to: 'bob', text: 'second' },
		]);
		expect(server.stats.calls.sendmsg).toBe(1);
		expect(textOf('alice')).toHaveLength(1);
		expect(textOf('bob')).toHaveLength(0);
	});

	test('Limit Wait Time sets when the wait ends, after an interval or at a date', async () => {
		const before = Date.now();
		const interval = await run(
			[{ to: 'alice', text: 'x' }],
			{},
			{
				limitWaitTime: {
					values: { limitType: 'afterTimeInterval', resumeAmount: 30, resumeUnit: 'minutes' },
				},
			},
		);
		const waitTill = interval.run.waitTill?.getTime() ?? 0;
		expect(waitTill).toBeGreaterThanOrEqual(before + 30 * 60_000);
		expect(waitTill).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
		const date = await run(
			[{ to: 'alice', text: 'x' }],
			{},
			{
				limitWaitTime: {
					values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2031-05-04T10:00:00.000Z' },
				},
			},
		);
		expect(date.run.waitTill?.toISOString()).toBe('2031-05-04T10:00:00.000Z');
		const luxon = await run(
			[{ to: 'alice', text: 'x' }],
			{},
			{
				limitWaitTime: {
					values: {
						limitType: 'atSpecifiedTime',
						maxDateAndTime: "={{ DateTime.fromISO('2031-05-04T12:00:00Z') }}",
					},
				},
			},
		);
		expect(luxon.run.waitTill?.toISOString()).toBe('2031-05-04T12:00:00.000Z');
	});

	test("when the wait limit comes first, the execution goes on and the node's output says no answer came", async () => {
		const limit = {
			limitWaitTime: {
				values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2031-05-04T10:00:00.000Z' },
			},
		};
		const waiting = await run([{ to: 'alice', text: 'x' }], {}, limit);
		expect(waiting.run.status).toBe('waiting');

		const resumed = await run([], {}, limit, { resumeFrom: waiting.run.data });
		expect(resumed.error).toBeUndefined();
		expect(resumed.run.status).toBe('success');
		expect(resumed.output.map((item) => item.json)).toEqual([
			{ data: { timedOut: true, waitTill: '2031-05-04T10:00:00.000Z' } },
		]);
		// Going on sends nothing again.
		expect(server.stats.calls.sendmsg).toBe(1);
	});

	test('a send retried after a connection reset that came after delivery is marked ambiguous, delivered once, and waits', async () => {
		server.script({ kind: 'fault', fault: 'resetAfterApply' });
		const { output, run: result } = await run([{ to: 'alice', text: 'Once only' }]);
		expect(output[0].json).toEqual(expect.objectContaining({ status: 'sent', ambiguous: true }));
		expect(server.stats.calls.sendmsg).toBe(2);
		expect(textOf('alice')).toHaveLength(1);
		expect(result.status).toBe('waiting');
	});

	test('a recipient that is not an imported account stops the node, naming the item, and nothing waits', async () => {
		const { error, run: result } = await run([{ to: 'stranger', text: 'x' }]);
		expect(error?.message).toContain('Tencent Chat error 90012');
		expect(error?.description).toContain('The recipient (To_Account) is not an imported account');
		expect(error?.itemIndex).toBe(0);
		expect(result.status).not.toBe('waiting');
	});

	test('with "Continue (using error output)", a failed send reaches the error output and nothing waits', async () => {
		const {
			output,
			errorOutput,
			run: result,
		} = await run([{ to: 'stranger', text: 'x' }], {}, {}, { onError: 'continueErrorOutput' });
		expect(output).toEqual([]);
		expect(
			errorOutput.map((item) => [item.json.error, (item.json.details as IDataObject).errorCode]),
		).toEqual([[expect.stringContaining('90012'), 90012]]);
		expect(result.status).toBe('success');
	});

	test.each([
		['an empty message', [{ to: 'alice', text: ' ' }], {}, {}, 'Message is empty'],
		['an empty recipient', [{ to: '', text: 'x' }], {}, {}, 'To is empty'],
		[
			'a sender over 32 bytes',
			[{ to: 'alice', text: 'x' }],
			{},
			{ from: 's'.repeat(40) },
			'is 40 bytes long',
		],
		[
			'a message over 12 KB with its links',
			[{ to: 'alice', text: 'x'.repeat(12_200) }],
			{},
			{},
			'Tencent allows at most 12288',
		],
		[
			'a negative wait',
			[{ to: 'alice', text: 'x' }],
			{},
			{ limitWaitTime: { values: { resumeAmount: -1, resumeUnit: 'hours' } } },
			'Amount must be a number of 0 or more',
		],
		[
			'a wait in text',
			[{ to: 'alice', text: 'x' }],
			{},
			{ limitWaitTime: { values: { resumeAmount: 'soon', resumeUnit: 'hours' } } },
			'Amount must be a number of 0 or more',
		],
		[
			'a wait limit that is no date',
			[{ to: 'alice', text: 'x' }],
			{},
			{
				limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: 'tomorrow-ish' } },
			},
			'Max Date and Time is not a date',
		],
		[
			'an unknown response type',
			[{ to: 'alice', text: 'x' }],
			{ responseType: 'vote' },
			{},
			'Response Type must be one of',
		],
		[
			'a custom form without fields',
			[{ to: 'alice', text: 'x' }],
			{ responseType: 'customForm', defineForm: 'fields', formFields: {} },
			{},
			'needs at least one field',
		],
		[
			'a custom form of broken JSON',
			[{ to: 'alice', text: 'x' }],
			{ responseType: 'customForm', defineForm: 'json', jsonOutput: '[{' },
			{},
			'Form Fields is not valid JSON',
		],
		[
			'a dropdown without options',
			[{ to: 'alice', text: 'x' }],
			{
				responseType: 'customForm',
				defineForm: 'json',
				jsonOutput: '[{"fieldLabel":"Pick","fieldType":"dropdown"}]',
			},
			{},
			'needs at least one option',
		],
		[
			'an unknown field type',
			[{ to: 'alice', text: 'x' }],
			{
				responseType: 'customForm',
				defineForm: 'json',
				jsonOutput: '[{"fieldLabel":"F","fieldType":"file"}]',
			},
			{},
			'has the type "file"',
		],
	] as Array<[string, IDataObject[], INodeParameters, INodeParameters, string]>)(
		'%s is refused before any call, and nothing waits',
		async (_, items, fields, options, message) => {
			const { error, run: result } = await run(items, fields, options);
			expect(error?.message).toContain(message);
			expect(server.stats.requests).toBe(0);
			expect(result.status).not.toBe('waiting');
		},
	);
});
