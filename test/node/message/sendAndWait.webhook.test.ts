import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { WaitingWebhookHarness } from '../../helpers/waitingWebhookHarness';

// What a person meets after following a link of a Send and Wait message: the node's webhook(),
// called through n8n-core's WebhookContext behind real HTTP, as n8n calls it once it has checked
// the link's signature. (The signature check and "no action required" are n8n's: see test/e2e.)

const BROWSER =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SIGNED = { signature: 'a'.repeat(64) };

function harness(parameters: INodeParameters) {
	const page = new WaitingWebhookHarness({
		resource: 'message',
		operation: 'sendAndWait',
		to: 'alice',
		...parameters,
	});
	beforeAll(() => page.start());
	afterAll(() => page.stop());
	return page;
}

const multipart = (fields: Array<[string, string]>) => {
	const form = new FormData();
	for (const [name, value] of fields) form.append(name, value);
	return form;
};

describe('Send and Wait: an approval link', () => {
	const page = harness({
		message: 'Refund?',
		responseType: 'approval',
		approvalOptions: { values: { approvalType: 'double' } },
	});

	test('opened in a browser, it shows that the answer is recorded and resumes with approved: true', async () => {
		const answer = await page.request(
			'GET',
			{ approved: 'true', ...SIGNED },
			{ userAgent: BROWSER },
		);
		expect(answer.status).toBe(200);
		expect(answer.contentType).toBe('text/html; charset=utf-8');
		expect(answer.text).toContain('<h1>Got it, thanks</h1>');
		expect(answer.text).toContain('Automated with n8n');
		expect(answer.csp).toContain("default-src 'none'");
		expect(answer.call.noWebhookResponse).toBe(true);
		expect(answer.call.workflowData).toEqual([
			[{ json: { data: { approved: true, respondedAt: expect.any(String) } } }],
		]);
		const respondedAt = (answer.call.workflowData?.[0][0].json.data as { respondedAt: string })
			.respondedAt;
		expect(Math.abs(Date.parse(respondedAt) - Date.now())).toBeLessThan(5_000);
	});

	test('the decline link resumes with approved: false; anything but "true" is not an approval', async () => {
		for (const approved of ['false', 'TRUE', '1']) {
			const answer = await page.request('GET', { approved, ...SIGNED }, { userAgent: BROWSER });
			expect(answer.call.workflowData?.[0][0].json).toEqual({
				data: { approved: false, respondedAt: expect.any(String) },
			});
		}
	});

	test.each([
		['no User-Agent', undefined],
		['Slack', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
		['Telegram', 'TelegramBot (like TwitterBot)'],
		['WhatsApp', 'WhatsApp/2.23.20.0'],
		['Facebook', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
		[
			'Microsoft Teams',
			'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Teams/1.6.00 Chrome/120 Safari/537.36',
		],
		['Skype preview', 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5'],
		[
			'a headless browser',
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
		],
		['curl', 'curl/8.5.0'],
		['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
	])(
		'a GET from %s (a link preview) answers an empty page and resumes nothing',
		async (_, userAgent) => {
			const answer = await page.request('GET', { approved: 'true', ...SIGNED }, { userAgent });
			expect(answer.status).toBe(200);
			expect(answer.text).toBe('');
			expect(answer.call).toEqual({ noWebhookResponse: true });
		},
	);

	test.each([
		['Firefox', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'],
		[
			'Safari on an iPhone',
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
		],
		[
			"WeChat's in-app browser",
			'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47',
		],
		[
			"Telegram's in-app browser",
			'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36 Telegram-Android/11.5.3',
		],
		[
			"LinkedIn's app",
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29',
		],
		[
			'a Cubot phone',
			'Mozilla/5.0 (Linux; Android 12; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
		],
	])("a person's browser (%s) counts as an answer", async (_, userAgent) => {
		const answer = await page.request('GET', { approved: 'true', ...SIGNED }, { userAgent });
		expect(answer.call.workflowData?.[0][0].json.data).toEqual({
			approved: true,
			respondedAt: expect.any(String),
		});
	});
});

describe('Send and Wait: a Free Text link', () => {
	const page = harness({
		message: 'Why was the order <b>late</b>?',
		responseType: 'freeText',
		options: { responseFormTitle: 'Order 1042', responseFormButtonLabel: 'Send answer' },
	});

	test('opening it shows a form with one required text field (field-0), the message escaped, and resumes nothing', async () => {
		const answer = await page.request(
			'GET',
			{ approved: 'true', ...SIGNED },
			{ userAgent: BROWSER },
		);
		expect(answer.status).toBe(200);
		expect(answer.call).toEqual({ noWebhookResponse: true });
		expect(answer.text).toContain('<h1>Order 1042</h1>');
		expect(answer.text).toContain('Why was the order &#60;b&#62;late&#60;/b&#62;?');
		expect(answer.text).not.toContain('<b>late</b>');
		expect(answer.text).toContain('<form method="post" enctype="multipart/form-data">');
		expect(answer.text).toMatch(/<textarea id="field-0" name="field-0" required>/);
		expect(answer.text).toContain('<button type="submit">Send answer</button>');
		expect(answer.text).not.toMatch(/<script/i);
	});

	test('a link preview may open the form: it stays a page, nothing is answered', async () => {
		const answer = await page.request(
			'GET',
			{ approved: 'true', ...SIGNED },
			{ userAgent: 'Slackbot-LinkExpanding 1.0' },
		);
		expect(answer.call).toEqual({ noWebhookResponse: true });
	});

	test("the form's POST (multipart, as a browser sends it) resumes with the text", async () => {
		const answer = await page.request(
			'POST',
			{ approved: 'true', ...SIGNED },
			{ userAgent: BROWSER, body: multipart([['field-0', 'The courier was ill.']]) },
		);
		expect(answer.status).toBe(200);
		expect(answer.text).toContain('Got it, thanks');
		expect(answer.call.workflowData).toEqual([
			[{ json: { data: { text: 'The courier was ill.', respondedAt: expect.any(String) } } }],
		]);
	});

	test('a urlencoded POST works the same', async () => {
		const body = new URLSearchParams({ 'field-0': 'Stuck in customs' });
		const answer = await page.request('POST', SIGNED, { userAgent: BROWSER, body });
		expect(answer.call.workflowData?.[0][0].json.data).toEqual({
			text: 'Stuck in customs',
			respondedAt: expect.any(String),
		});
	});

	test('an empty answer shows the form again with a note (400) and resumes nothing', async () => {
		const answer = await page.request('POST', SIGNED, {
			userAgent: BROWSER,
			body: multipart([['field-0', '']]),
		});
		expect(answer.status).toBe(400);
		expect(answer.text).toContain('Please fill in &#34;Response&#34;.');
		expect(answer.call).toEqual({ noWebhookResponse: true });
	});
});

describe('Send and Wait: a Custom Form link', () => {
	const page = harness({
		message: 'Tell us about the return',
		responseType: 'customForm',
		defineForm: 'fields',
		formFields: {
			values: [
				{ fieldLabel: 'Reason', fieldType: 'textarea', requiredField: true },
				{ fieldLabel: 'Items', fieldType: 'number', placeholder: 'e.g. 2' },
				{
					fieldLabel: 'Refund to',
					fieldType: 'dropdown',
					fieldOptions: { values: [{ option: 'card' }, { option: 'voucher <50%>' }] },
					requiredField: true,
				},
				{
					fieldLabel: 'Damaged',
					fieldType: 'checkbox',
					fieldOptions: { values: [{ option: 'box' }, { option: 'item' }] },
				},
				{ fieldLabel: 'Email', fieldName: 'contact', fieldType: 'email' },
				{ fieldType: 'hiddenField', fieldName: 'source', fieldValue: 'tencent-chat' },
			],
		},
	});

	test('opening it shows every field as its type, with options escaped, the hidden field unseen', async () => {
		const answer = await page.request('GET', SIGNED, { userAgent: BROWSER });
		expect(answer.call).toEqual({ noWebhookResponse: true });
		expect(answer.text).toContain('<p>Tell us about the return</p>');
		expect(answer.text).toMatch(
			/<label for="field-0">Reason \*<\/label><textarea id="field-0" name="field-0" required>/,
		);
		expect(answer.text).toContain(
			'<input type="number" id="field-1" name="field-1" placeholder="e.g. 2">',
		);
		expect(answer.text).toContain('<option>voucher &#60;50%&#62;</option>');
		expect(answer.text).toContain('<input type="checkbox" name="field-3" value="item">');
		expect(answer.text).toContain('<input type="email" id="field-4" name="field-4">');
		expect(answer.text).not.toContain('field-5');
		expect(answer.text).not.toContain('tencent-chat');
	});

	test('its POST resumes with each field under its name, typed: a number, the checked boxes, the hidden value', async () => {
		const body = multipart([
			['field-0', 'Wrong size'],
			['field-1', '2'],
			['field-2', 'voucher <50%>'],
			['field-3', 'box'],
			['field-3', 'item'],
			['field-3', 'not offered'],
			['field-4', '  me@example.com '],
			['field-5', 'forged'],
		]);
		const answer = await page.request('POST', SIGNED, { userAgent: BROWSER, body });
		expect(answer.call.workflowData?.[0][0].json).toEqual({
			data: {
				Reason: 'Wrong size',
				Items: 2,
				'Refund to': 'voucher <50%>',
				Damaged: ['box', 'item'],
				contact: 'me@example.com',
				source: 'tencent-chat',
				respondedAt: expect.any(String),
			},
		});
	});

	test('fields left empty are null or empty; a required one left empty is asked for again', async () => {
		const partial = await page.request('POST', SIGNED, {
			userAgent: BROWSER,
			body: multipart([
				['field-0', 'x'],
				['field-2', 'card'],
			]),
		});
		expect(partial.call.workflowData?.[0][0].json.data).toEqual({
			Reason: 'x',
			Items: null,
			'Refund to': 'card',
			Damaged: [],
			contact: null,
			source: 'tencent-chat',
			respondedAt: expect.any(String),
		});
		const missing = await page.request('POST', SIGNED, {
			userAgent: BROWSER,
			body: multipart([
				['field-0', 'x'],
				['field-2', 'cash'],
			]),
		});
		expect(missing.status).toBe(400);
		expect(missing.text).toContain('Please fill in &#34;Refund to&#34;.');
		expect(missing.call).toEqual({ noWebhookResponse: true });
	});

	test('a form field named respondedAt cannot replace the time of the answer', async () => {
		const sneaky = new WaitingWebhookHarness({
			resource: 'message',
			operation: 'sendAndWait',
			message: 'x',
			responseType: 'customForm',
			defineForm: 'json',
			jsonOutput: '[{"fieldLabel":"respondedAt"}]',
		});
		await sneaky.start();
		try {
			const answer = await sneaky.request('POST', SIGNED, {
				userAgent: BROWSER,
				body: multipart([['field-0', '1999-01-01']]),
			});
			const respondedAt = (answer.call.workflowData?.[0][0].json.data as { respondedAt: string })
				.respondedAt;
			expect(Math.abs(Date.parse(respondedAt) - Date.now())).toBeLessThan(5_000);
		} finally {
			await sneaky.stop();
		}
	});

	test('a form that cannot be built when the link is opened says so (500) and resumes nothing', async () => {
		const broken = new WaitingWebhookHarness({
			resource: 'message',
			operation: 'sendAndWait',
			message: 'x',
			responseType: 'customForm',
			defineForm: 'json',
			jsonOutput: 'not json',
		});
		await broken.start();
		try {
			const answer = await broken.request('GET', SIGNED, { userAgent: BROWSER });
			expect(answer.status).toBe(500);
			expect(answer.text).toContain('This form cannot be shown');
			expect(answer.text).toContain('Form Fields is not valid JSON');
			expect(answer.call).toEqual({ noWebhookResponse: true });
		} finally {
			await broken.stop();
		}
	});
});
