/**
 * End-to-end: Message → Send and Wait for Response in a running n8n. Called from run.js's
 * checkRunningN8n; `node test/e2e/sendAndWait.e2e.js` runs it alone (after `npm run build` and
 * `npx tsc -p tsconfig.test.json`), starting its own n8n and fake server.
 *
 * Through n8n's REST API: a credential and workflows Webhook → Tencent Chat (Send and Wait) → Set,
 * activated and started by a POST to their webhook. Each execution must wait with one message in the
 * recipient's mailbox whose links n8n itself signed and checks: a preview's GET and a tampered link
 * change nothing, the approve link resumes with approved: true, a second click runs nothing, the
 * decline link gives false, the Free Text form's POST resumes with the text, and a short wait limit
 * ends the execution by itself (n8n looks for due waits about once a minute). Then in Chromium: the
 * approve link's page, n8n's "No action required" page, the form, and the node's parameters in the
 * editor, saved as screenshots (under docs/ when it runs alone).
 */
'use strict';

const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { inspectFakeServer: inspect, restClient } = require('./n8n');

const SDK_APP_ID = 1400000021;
const SECRET_KEY = 'e2e-send-and-wait-key-5c2e81';
const ADMIN = 'administrator';
const APPROVER = 'approver_1';
const GROUP = 'e2e_approvers';
const NODE_TYPE = 'n8n-nodes-tencent-chat.tencentChat';
/** A person's browser, as a chat app opens a link in it. */
const BROWSER =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const DOCS = path.resolve(__dirname, '../../docs');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function checkSendAndWait({
	base,
	authed,
	serverUrl,
	check,
	control,
	n8nBin,
	owner,
	screenshotDir = DOCS,
}) {
	const flatted = require(path.resolve(n8nBin, '../../../flatted'));
	const say = (name, ok, detail) => check(`send and wait: ${name}`, ok, detail);
	const rest = restClient(base, authed);

	// What n8n offers for the node: the node, its AI Agent tool, and the "Human review" tool n8n makes
	// by itself for a node with a sendAndWait operation and waiting webhooks.
	const nodeTypes = await (await fetch(`${base}/types/nodes.json`, { headers: authed })).json();
	const node = nodeTypes.find((type) => type.name === NODE_TYPE);
	const tool = nodeTypes.find((type) => type.name === `${NODE_TYPE}Tool`);
	const review = nodeTypes.find((type) => type.name === `${NODE_TYPE}HitlTool`);
	const operations = node?.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('message'),
	);
	say(
		'n8n loaded the operation, the waiting webhooks (GET and POST), and still the AI Agent tool; it added the node as a "Human review" tool',
		operations?.options?.some((o) => o.value === 'sendAndWait') &&
			node.webhooks?.map((w) => `${w.httpMethod}:${w.restartWebhook}`).join(',') ===
				'GET:true,POST:true' &&
			tool?.properties?.some((p) => p.name === 'toolDescription' || p.name === 'descriptionType') &&
			review?.properties?.find((p) => p.name === 'operation')?.default === 'sendAndWait',
		`${operations?.options?.map((o) => o.value).join(', ')}; tool ${Boolean(tool)}; human review ${review?.displayName ?? 'none'} (${review?.subtitle ?? ''})`,
	);

	await control(serverUrl, 'apps', {
		sdkAppId: SDK_APP_ID,
		secretKey: SECRET_KEY,
		admins: [ADMIN],
		officialAccounts: {},
		accounts: [APPROVER, 'lead_1', 'lead_2'],
		groups: {
			[GROUP]: { type: 'Work', name: 'Approvers', owner: 'lead_1', members: ['lead_2', APPROVER] },
		},
	});
	const credential = await rest('POST', '/credentials', {
		name: 'Tencent Chat send and wait e2e',
		type: 'tencentChatApi',
		data: {
			sdkAppId: SDK_APP_ID,
			identifier: ADMIN,
			secretKey: SECRET_KEY,
			region: 'custom',
			baseUrl: serverUrl,
		},
	});
	const credentials = { tencentChatApi: { id: credential.id, name: credential.name } };

	/** Webhook → Tencent Chat Send and Wait → Set, activated; resolves to its id and a function that starts it. */
	const deploy = async (name, parameters, setValue) => {
		const hookPath = `saw-${randomUUID()}`;
		const nodes = [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: hookPath, responseMode: 'onReceived', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Ask',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [250, 0],
				webhookId: randomUUID(),
				parameters: { resource: 'message', operation: 'sendAndWait', ...parameters },
				credentials,
			},
			{
				id: randomUUID(),
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [500, 0],
				parameters: {
					mode: 'manual',
					assignments: { assignments: [{ id: randomUUID(), ...setValue }] },
					options: {},
				},
			},
		];
		const connections = {
			Webhook: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
			Ask: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
		};
		const created = await rest('POST', '/workflows', {
			name,
			nodes,
			connections,
			settings: {},
			active: false,
		});
		await rest('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
		const deadline = Date.now() + 30_000;
		for (;;) {
			const found = await fetch(`${base}/rest/webhooks/find`, {
				method: 'POST',
				headers: authed,
				body: JSON.stringify({ method: 'POST', path: hookPath }),
			});
			if (found.ok && (await found.json()).data) break;
			if (Date.now() > deadline) throw new Error(`n8n never registered the webhook of ${name}`);
			await sleep(250);
		}
		const start = async (body) => {
			const known = new Set((await executionsOf(created.id)).map((e) => e.id));
			const response = await fetch(`${base}/webhook/${hookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			if (!response.ok) throw new Error(`the webhook of ${name} answered HTTP ${response.status}`);
			const until = Date.now() + 30_000;
			for (;;) {
				const started = (await executionsOf(created.id)).find((e) => !known.has(e.id));
				if (started && started.status !== 'running' && started.status !== 'new') return started.id;
				if (Date.now() > until)
					throw new Error(
						`${name}: no execution came to a stop (${started?.status ?? 'none started'})`,
					);
				await sleep(250);
			}
		};
		return { id: created.id, start, nodes };
	};
	const executionsOf = async (workflowId) =>
		(
			await rest(
				'GET',
				`/executions?limit=100&filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
			)
		).results;
	const execution = async (id) => {
		const found = await rest('GET', `/executions/${id}`);
		const runData = flatted.parse(found.data).resultData.runData;
		const output = (name) =>
			runData[name]?.at(-1)?.data?.main?.[0]?.map((item) => item.json) ?? null;
		return {
			status: found.status,
			finished: found.finished,
			stoppedAt: found.stoppedAt,
			runs: (name) => runData[name]?.length ?? 0,
			output,
		};
	};
	const until = async (id, status, timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		let seen = await execution(id);
		while (seen.status !== status && Date.now() < deadline) {
			await sleep(500);
			seen = await execution(id);
		}
		return seen;
	};
	const lastMessage = async () =>
		(await inspect(serverUrl, 'mailbox', SDK_APP_ID, APPROVER)).at(-1);
	const linksOf = (text) =>
		Object.fromEntries(
			[...text.matchAll(/^(.+?): (http\S+)$/gm)].map((match) => [match[1], match[2]]),
		);
	const open = async (url, userAgent = BROWSER, init = {}) => {
		const response = await fetch(url, {
			...init,
			headers: { 'user-agent': userAgent, ...(init.headers ?? {}) },
			redirect: 'manual',
		});
		return { status: response.status, text: await response.text() };
	};

	// 1. Approval, approve and decline.
	const approval = await deploy(
		'Send and Wait e2e: approval',
		{
			to: '={{ $json.body.to }}',
			message: '={{ "Refund " + $json.body.amount + " for order " + $json.body.order + "?" }}',
			responseType: 'approval',
			approvalOptions: {
				values: { approvalType: 'double', approveLabel: 'Refund', disapproveLabel: 'Keep' },
			},
			options: {},
		},
		{ name: 'approved', value: '={{ $json.data.approved }}', type: 'boolean' },
	);
	const messagesBefore = (await inspect(serverUrl, 'mailbox', SDK_APP_ID, APPROVER)).length;
	const first = await approval.start({ to: APPROVER, amount: '40 EUR', order: 1042 });
	const waiting = await execution(first);
	const message = await lastMessage();
	const messagesAfter = (await inspect(serverUrl, 'mailbox', SDK_APP_ID, APPROVER)).length;
	const text = message?.msgBody?.[0]?.MsgContent?.Text ?? '';
	const links = linksOf(text);
	const askNodeId = approval.nodes[1].id;
	const linkShape = new RegExp(
		`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/webhook-waiting/${first}/${askNodeId}\\?approved=(true|false)&signature=[0-9a-f]{64}$`,
	);
	say(
		'the execution waits, and the recipient holds one message with a Refund and a Keep link for this execution and node',
		waiting.status === 'waiting' &&
			messagesAfter === messagesBefore + 1 &&
			text.startsWith('Refund 40 EUR for order 1042?\n\n') &&
			text.endsWith('\n\nThis message was sent automatically with n8n') &&
			linkShape.test(links.Refund ?? '') &&
			linkShape.test(links.Keep ?? '') &&
			links.Refund.includes('approved=true') &&
			links.Keep.includes('approved=false'),
		`${waiting.status}; ${messagesAfter - messagesBefore} message(s): ${JSON.stringify(text)}`,
	);

	const preview = await open(
		links.Refund,
		'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
	);
	const noAgent = await open(links.Refund, '');
	await sleep(1_000);
	const afterPreview = await execution(first);
	say(
		"a link preview's GET (Slackbot) and a GET with no User-Agent resume nothing",
		preview.status === 200 &&
			preview.text === '' &&
			noAgent.text === '' &&
			afterPreview.status === 'waiting',
		`${preview.status}/${noAgent.status}, ${afterPreview.status}`,
	);

	const forged = new URL(links.Refund);
	forged.searchParams.set(
		'signature',
		`${forged.searchParams.get('signature').slice(0, -1)}${forged.searchParams.get('signature').endsWith('0') ? '1' : '0'}`,
	);
	const swapped = new URL(links.Keep);
	swapped.searchParams.set('signature', new URL(links.Refund).searchParams.get('signature'));
	const unsigned = new URL(links.Refund);
	unsigned.searchParams.delete('signature');
	const refusals = await Promise.all(
		[forged, swapped, unsigned].map((url) => open(url.toString())),
	);
	const afterTampering = await execution(first);
	say(
		"a tampered link (a changed signature, a decline link with the approve link's signature, no signature) is refused by n8n (401) and resumes nothing",
		refusals.every(
			(answer) => answer.status === 401 && answer.text.includes('Invalid Form Link'),
		) && afterTampering.status === 'waiting',
		`${refusals.map((answer) => answer.status).join(', ')}; ${afterTampering.status}`,
	);

	const approved = await open(links.Refund);
	const done = await until(first, 'success');
	say(
		"the approve link in a browser shows the node's confirmation page and resumes the execution: Set gets approved: true",
		approved.status === 200 &&
			approved.text.includes('Got it, thanks') &&
			done.status === 'success' &&
			JSON.stringify(done.output('Set')) === '[{"approved":true}]',
		`${approved.status}; ${done.status}; Ask ${JSON.stringify(done.output('Ask'))}; Set ${JSON.stringify(done.output('Set'))}`,
	);
	const executionsBefore = (await executionsOf(approval.id)).length;
	const again = await open(links.Refund);
	const declineLate = await open(links.Keep);
	await sleep(1_000);
	const afterAgain = await execution(first);
	const executionsAfter = (await executionsOf(approval.id)).length;
	say(
		'a second click (and the other link) shows n8n\'s "No action required" page and runs nothing',
		again.status === 200 &&
			again.text.includes('No action required') &&
			declineLate.text.includes('No action required') &&
			afterAgain.stoppedAt === done.stoppedAt &&
			afterAgain.runs('Set') === 1 &&
			executionsAfter === executionsBefore,
		`${again.status}; Set ran ${afterAgain.runs('Set')} time(s); executions ${executionsBefore} → ${executionsAfter}`,
	);

	const second = await approval.start({ to: APPROVER, amount: '15 EUR', order: 1043 });
	const declineLinks = linksOf((await lastMessage())?.msgBody?.[0]?.MsgContent?.Text ?? '');
	const declined = await open(declineLinks.Keep);
	const declinedRun = await until(second, 'success');
	say(
		'the decline link of a new execution resumes it with approved: false',
		declined.text.includes('Got it, thanks') &&
			JSON.stringify(declinedRun.output('Set')) === '[{"approved":false}]' &&
			declinedRun.output('Ask')?.[0]?.data?.approved === false,
		`Set ${JSON.stringify(declinedRun.output('Set'))}`,
	);

	// 2. Free Text.
	const freeText = await deploy(
		'Send and Wait e2e: free text',
		{
			to: '={{ $json.body.to }}',
			message: "={{ 'Why was order ' + $('Webhook').first().json.body.order + ' late?' }}",
			responseType: 'freeText',
			options: { responseFormTitle: 'Late order', appendAttribution: false },
		},
		{ name: 'reason', value: '={{ $json.data.text }}', type: 'string' },
	);
	const third = await freeText.start({ to: APPROVER, order: 1044 });
	const formText = (await lastMessage())?.msgBody?.[0]?.MsgContent?.Text ?? '';
	const formLink = linksOf(formText).Respond;
	const form = await open(formLink);
	say(
		'Free Text: the message has one Respond link (no attribution); it opens a form with one field, field-0, and the message',
		/^Why was order 1044 late\?\n\nRespond: http\S+$/.test(formText) &&
			form.status === 200 &&
			form.text.includes('name="field-0"') &&
			form.text.includes('Why was order 1044 late?') &&
			form.text.includes('<h1>Late order</h1>'),
		`${JSON.stringify(formText)}; page ${form.status}`,
	);
	const body = new FormData();
	body.append('field-0', 'The courier was ill.');
	const posted = await open(formLink, BROWSER, { method: 'POST', body });
	const answered = await until(third, 'success');
	say(
		"Free Text: the form's POST resumes the execution with the text",
		posted.status === 200 &&
			posted.text.includes('Got it, thanks') &&
			answered.output('Ask')?.[0]?.data?.text === 'The courier was ill.' &&
			JSON.stringify(answered.output('Set')) === '[{"reason":"The courier was ill."}]',
		`${posted.status}; Ask ${JSON.stringify(answered.output('Ask'))}`,
	);

	// A Custom Form, defined as JSON: n8n insists on multipart for its POST, as a browser sends it.
	const customForm = await deploy(
		'Send and Wait e2e: custom form',
		{
			to: '={{ $json.body.to }}',
			message: 'Tell us about the return',
			responseType: 'customForm',
			defineForm: 'json',
			jsonOutput: JSON.stringify([
				{ fieldLabel: 'Reason', fieldType: 'textarea', requiredField: true },
				{ fieldLabel: 'Items', fieldType: 'number' },
				{
					fieldLabel: 'Damaged',
					fieldType: 'checkbox',
					fieldOptions: { values: [{ option: 'box' }, { option: 'item' }] },
				},
			]),
			options: {},
		},
		{ name: 'items', value: '={{ $json.data.Items }}', type: 'number' },
	);
	const fifth = await customForm.start({ to: APPROVER });
	const customLink = linksOf((await lastMessage())?.msgBody?.[0]?.MsgContent?.Text ?? '').Respond;
	const customPage = await open(customLink);
	const customBody = new FormData();
	for (const [name, value] of [
		['field-0', 'Wrong size'],
		['field-1', '2'],
		['field-2', 'box'],
		['field-2', 'item'],
	])
		customBody.append(name, value);
	const customPosted = await open(customLink, BROWSER, { method: 'POST', body: customBody });
	const customDone = await until(fifth, 'success');
	say(
		'Custom Form: the link opens the form with its fields; its POST resumes with each field under its label, typed',
		customPage.text.includes('name="field-2" value="item"') &&
			customPosted.status === 200 &&
			JSON.stringify(
				customDone.output('Ask')?.[0]?.data && {
					...customDone.output('Ask')[0].data,
					respondedAt: undefined,
				},
			) === JSON.stringify({ Reason: 'Wrong size', Items: 2, Damaged: ['box', 'item'] }) &&
			JSON.stringify(customDone.output('Set')) === '[{"items":2}]',
		`${customPage.status}/${customPosted.status}; Ask ${JSON.stringify(customDone.output('Ask'))}`,
	);

	// 3. Into a group: every member gets the links, the first answer counts.
	const inGroup = await deploy(
		'Send and Wait e2e: group',
		{
			resource: 'group',
			groupId: { __rl: true, mode: 'id', value: GROUP },
			message: 'Who ships order 1047?',
			responseType: 'approval',
			approvalOptions: {
				values: { approvalType: 'double', approveLabel: 'I do', disapproveLabel: 'Not me' },
			},
			options: { from: 'lead_1' },
		},
		{ name: 'approved', value: '={{ $json.data.approved }}', type: 'boolean' },
	);
	const groupRun = await inGroup.start({});
	const groupWaiting = await execution(groupRun);
	const groupMessages = (await inspect(serverUrl, 'group', SDK_APP_ID, GROUP)).messages ?? [];
	const groupText = groupMessages.at(-1)?.body?.[0]?.MsgContent?.Text ?? '';
	const groupLinks = linksOf(groupText);
	say(
		'a group: the execution waits and the group holds one message from the sender with both links',
		groupWaiting.status === 'waiting' &&
			groupMessages.length === 1 &&
			groupMessages[0].from === 'lead_1' &&
			groupText.startsWith('Who ships order 1047?\n\n') &&
			Boolean(groupLinks['I do'] && groupLinks['Not me']),
		`${groupWaiting.status}; ${groupMessages.length} message(s): ${JSON.stringify(groupText)}`,
	);
	const firstAnswer = await open(groupLinks['Not me']);
	const groupDone = await until(groupRun, 'success');
	const laterAnswer = await open(groupLinks['I do']);
	await sleep(1_000);
	const groupAfter = await execution(groupRun);
	say(
		'a group: the first answer counts (approved: false); a later member\'s click gets "No action required" and changes nothing',
		firstAnswer.text.includes('Got it, thanks') &&
			JSON.stringify(groupDone.output('Set')) === '[{"approved":false}]' &&
			laterAnswer.text.includes('No action required') &&
			groupAfter.runs('Set') === 1 &&
			groupAfter.stoppedAt === groupDone.stoppedAt,
		`Set ${JSON.stringify(groupAfter.output('Set'))}, ran ${groupAfter.runs('Set')} time(s); later click ${laterAnswer.status}`,
	);

	// 4. A wait limit of 3 seconds: n8n resumes due waits when it next looks, within about a minute.
	const limited = await deploy(
		'Send and Wait e2e: wait limit',
		{
			to: '={{ $json.body.to }}',
			message: 'Answer within 3 seconds',
			responseType: 'approval',
			options: {
				limitWaitTime: {
					values: { limitType: 'afterTimeInterval', resumeAmount: 0.05, resumeUnit: 'minutes' },
				},
			},
		},
		{ name: 'approved', value: '={{ $json.data.approved ?? "no answer" }}', type: 'string' },
	);
	const startedAt = Date.now();
	const fourth = await limited.start({ to: APPROVER });
	const timedOut = await until(fourth, 'success', 150_000);
	const ask = timedOut.output('Ask')?.[0];
	say(
		"a wait limit ends the execution by itself; the node's output says no answer came",
		timedOut.status === 'success' &&
			ask?.data?.timedOut === true &&
			typeof ask.data.waitTill === 'string' &&
			JSON.stringify(timedOut.output('Set')) === '[{"approved":"no answer"}]',
		`${timedOut.status} after ${Math.round((Date.now() - startedAt) / 1000)} s; Ask ${JSON.stringify(timedOut.output('Ask'))}`,
	);

	await checkInChromium({
		say,
		base,
		owner,
		approval,
		until,
		lastMessage,
		linksOf,
		freeText,
		screenshotDir,
	});
}

/** The pages as a person sees them, and the node in the editor; screenshots go to docs/. */
async function checkInChromium({
	say,
	base,
	owner,
	approval,
	until,
	lastMessage,
	linksOf,
	freeText,
	screenshotDir,
}) {
	fs.mkdirSync(screenshotDir, { recursive: true });
	let playwright;
	try {
		playwright = require('playwright-core');
	} catch (error) {
		say('playwright-core is installed', false, error.message);
		return;
	}
	if (!fs.existsSync(CHROMIUM))
		return say(`Chromium is installed at ${CHROMIUM}`, false, "install Debian's chromium package");
	playwright.selectors.setTestIdAttribute('data-test-id');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-saw-chromium-'));
	// Headless Chromium calls itself HeadlessChrome, which the node (as n8n's own isbot) takes for a
	// bot: the browser says what a person's Chrome says.
	const context = await playwright.chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		userAgent: BROWSER,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		viewport: { width: 1280, height: 800 },
	});
	try {
		await context.route('**/*', (route) => {
			const { hostname, protocol } = new URL(route.request().url());
			return protocol === 'data:' || hostname === '127.0.0.1' || hostname === 'localhost'
				? route.continue()
				: route.abort('blockedbyclient');
		});
		context.setDefaultTimeout(90_000);
		const page = context.pages()[0] ?? (await context.newPage());

		const id = await approval.start({ to: APPROVER, amount: '99 EUR', order: 1045 });
		const link = linksOf((await lastMessage())?.msgBody?.[0]?.MsgContent?.Text ?? '').Refund;
		await page.goto(link);
		const heading = await page.locator('h1').innerText();
		await page.screenshot({ path: path.join(screenshotDir, 'send-and-wait-approved.png') });
		const resumed = await until(id, 'success');
		say(
			'Chromium: the approve link shows "Got it, thanks" and the execution goes on with approved: true',
			heading === 'Got it, thanks' && resumed.output('Ask')?.[0]?.data?.approved === true,
			`${heading}; ${resumed.status}`,
		);
		await page.goto(link);
		const second = await page.locator('h1').innerText();
		await page.screenshot({
			path: path.join(screenshotDir, 'send-and-wait-no-action-required.png'),
		});
		say(
			'Chromium: opened again, the link shows n8n\'s "No action required"',
			second === 'No action required',
			second,
		);

		const formId = await freeText.start({ to: APPROVER, order: 1046 });
		const formLink = linksOf((await lastMessage())?.msgBody?.[0]?.MsgContent?.Text ?? '').Respond;
		await page.goto(formLink);
		await page.locator('textarea[name="field-0"]').fill('Weather delayed the van.');
		await page.screenshot({ path: path.join(screenshotDir, 'send-and-wait-free-text.png') });
		await page.getByRole('button', { name: 'Submit' }).click();
		await page.getByText('Got it, thanks').waitFor();
		const answered = await until(formId, 'success');
		say(
			'Chromium: the Free Text form, filled in and submitted, resumes the execution with the text',
			answered.output('Ask')?.[0]?.data?.text === 'Weather delayed the van.',
			JSON.stringify(answered.output('Ask')),
		);

		await page.goto(`${base}/signin`);
		await page.locator('input[name="emailOrLdapLoginId"]').fill(owner.email);
		await page.locator('input[name="password"]').fill(owner.password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		await page.goto(`${base}/workflow/${approval.id}`);
		await page.getByTestId('canvas-node').filter({ hasText: 'Ask' }).first().dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		await ndv
			.getByText('Loading fields...')
			.first()
			.waitFor({ state: 'hidden' })
			.catch(() => undefined);
		const fields = await ndv.getByTestId('node-parameters').innerText();
		const operation = await ndv
			.getByTestId('parameter-input-operation')
			.locator('input')
			.inputValue();
		await page.mouse.move(5, 5);
		await page.screenshot({ path: path.join(screenshotDir, 'send-and-wait-parameters.png') });
		say(
			'the editor shows the operation "Send and Wait for Response" with its fields: To, Message, Response Type, Approval Options',
			operation === 'Send and Wait for Response' &&
				['To', 'Message', 'Response Type', 'Approval Options', 'Type of Approval'].every((label) =>
					fields.includes(label),
				),
			`${operation}: ${fields.replace(/\s+/g, ' ').slice(0, 300)}`,
		);
	} catch (error) {
		say(
			'the Chromium walk-through ran to its end',
			false,
			String(error?.message ?? error).slice(0, 1500),
		);
	} finally {
		await context.close().catch(() => undefined);
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

/** Alone: a fresh n8n with the packed package, the fake server, an owner; then the checks above. */
async function main() {
	const {
		controlFakeServer,
		installN8n,
		installPackage,
		startFakeServer,
		startProcess,
		stopProcess,
	} = require('./n8n');
	const root = path.resolve(__dirname, '../..');
	const checks = [];
	const check = (name, ok, detail = '') => {
		checks.push(Boolean(ok));
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
	};
	const tools = installN8n();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-saw-e2e-'));
	installPackage(userFolder);
	const fake = await startFakeServer();
	const serverUrl = fake.url;
	const port = 5800 + Math.floor(Math.random() * 1000);
	const env = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'e2e-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(15000 + Math.floor(Math.random() * 5000)),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		NO_COLOR: '1',
	};
	const n8n = startProcess(
		tools.node,
		[tools.n8n, 'start'],
		env,
		/Editor is now accessible|n8n ready on/,
		180_000,
	);
	try {
		await n8n.ready;
		const base = `http://127.0.0.1:${port}`;
		for (let ready = false; !ready; await sleep(500)) {
			const readiness = await fetch(`${base}/healthz/readiness`).catch(() => undefined);
			const types = readiness?.ok
				? await fetch(`${base}/types/nodes.json`).catch(() => undefined)
				: undefined;
			ready = types !== undefined && !(await types.text()).includes('starting up');
		}
		const owner = { email: 'owner@example.com', password: 'E2e-Passw0rd!' };
		const headers = { 'content-type': 'application/json', 'browser-id': 'e2e-browser' };
		const setup = await fetch(`${base}/rest/owner/setup`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ ...owner, firstName: 'E2E', lastName: 'Owner' }),
		});
		const cookie = (
			setup.headers.getSetCookie().find((value) => value.startsWith('n8n-auth=')) ?? ''
		).split(';')[0];
		await checkSendAndWait({
			base,
			authed: { ...headers, cookie },
			serverUrl,
			check,
			control: controlFakeServer,
			n8nBin: tools.n8n,
			owner,
		});
	} catch (error) {
		check(
			'the send-and-wait e2e ran to its end',
			false,
			String(error?.stack ?? error).slice(0, 3000),
		);
	} finally {
		await stopProcess(n8n.child);
		await stopProcess(fake.child, 2_000);
	}
	const failed = checks.filter((ok) => !ok).length;
	console.log(`send and wait e2e: ${checks.length - failed} passed, ${failed} failed`);
	process.exit(failed === 0 ? 0 : 1);
}

if (require.main === module) void main();

module.exports = { checkSendAndWait };
