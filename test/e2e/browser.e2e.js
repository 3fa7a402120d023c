/**
 * A user's first hour, in a real browser: Debian's Chromium driven by playwright-core against the
 * running n8n of the end-to-end suite. Signs in, creates the Tencent Chat API credential and sees
 * its Test (a wrong key first, then the right one), finds the node in the nodes panel by name and by
 * its aliases, opens Add Subscribers, runs the workflow and reads the output table. Each check is
 * about what a person sees on the screen; screenshots of every step land in `screenshotDir`.
 *
 * Chromium is the machine's own (/usr/bin/chromium, or CHROMIUM_PATH): nothing downloads a browser.
 * Every request to anything but this machine is refused, so the test never reaches the internet.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The flags this machine's Chromium needs: no sandbox as root, and no calls home. */
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const VIEWPORT = { width: 1280, height: 800 };
/** Two shared cores run n8n, the fake server and Chromium: waits are generous, never fixed sleeps. */
const WAIT_MS = 90_000;
const CREDENTIAL_NAME = 'Tencent Chat (browser test)';
const NODE_NAME = 'Tencent Chat';
const ACTION = 'Add subscribers to an official account';
/** What a user may type to find the node; all but the first are the codex's aliases. */
const SEARCHES = ['Tencent', 'subscriber', 'official account', 'Tencent Cloud Chat', 'IM'];

/**
 * @param {object} options
 * @param {string} options.baseUrl n8n, with its owner already set up
 * @param {{ email: string, password: string }} options.owner
 * @param {string} options.serverUrl the fake Tencent Chat server
 * @param {{ sdkAppId: number, identifier: string, secretKey: string }} options.credential
 * @param {string} options.officialAccount an official account that exists on the fake server
 * @param {string} options.alreadySubscribed a subscriber that account already has
 * @param {Array<{ id: string, name: string }>} options.groups groups the app holds, for the Group locator
 * @param {(name: string, ok: unknown, detail?: string) => void} options.check
 * @param {string} options.screenshotDir
 */
async function checkInBrowser(options) {
	const { check, screenshotDir, credential } = options;
	// No check's detail may carry the secret key, whatever the page or an error says.
	const say = (name, ok, detail = '') =>
		check(`browser: ${name}`, ok, String(detail).split(credential.secretKey).join('***'));
	fs.mkdirSync(screenshotDir, { recursive: true });

	let playwright;
	try {
		playwright = require('playwright-core');
	} catch (error) {
		say('playwright-core is installed', false, error.message);
		return;
	}
	if (!fs.existsSync(CHROMIUM)) {
		say(
			`Chromium is installed at ${CHROMIUM}`,
			false,
			"install Debian's chromium package (.ci/run does as root)",
		);
		return;
	}
	playwright.selectors.setTestIdAttribute('data-test-id');

	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-chromium-'));
	let context;
	let page;
	const secretShown = [];
	const screenshot = async (name) => {
		// Password fields show dots and input values are not page text: the key must appear nowhere.
		const text = await page.evaluate(() => document.body.innerText);
		if (text.includes(credential.secretKey)) secretShown.push(name);
		await page.mouse.move(150, 600); // over empty canvas: no node shows its hover toolbar in the picture
		await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
	};
	try {
		context = await playwright.chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport: VIEWPORT,
		});
		await context.route('**/*', (route) => {
			const { hostname, protocol } = new URL(route.request().url());
			const local =
				protocol === 'data:' ||
				protocol === 'blob:' ||
				hostname === '127.0.0.1' ||
				hostname === 'localhost';
			return local ? route.continue() : route.abort('blockedbyclient');
		});
		context.setDefaultTimeout(WAIT_MS);
		page = context.pages()[0] ?? (await context.newPage());
		const steps = { page, options, say, screenshot };

		await signIn(steps);
		await createCredential(steps);
		await findNodeInPanel(steps);
		await addSubscribersInWorkflow(steps);
		await eachResource(steps);
		await pickGroupFromList(steps);
		say('no screenshot shows the secret key', secretShown.length === 0, secretShown.join(', '));
	} catch (error) {
		if (page)
			await page
				.screenshot({ path: path.join(screenshotDir, 'failure.png') })
				.catch(() => undefined);
		say(
			'the browser walk-through ran to its end',
			false,
			`${String(error?.message ?? error).slice(0, 1500)} (screenshots in ${screenshotDir})`,
		);
	} finally {
		await context?.close().catch(() => undefined);
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

async function signIn({ page, options, say }) {
	await page.goto(`${options.baseUrl}/signin`, { timeout: WAIT_MS });
	await page.locator('input[name="emailOrLdapLoginId"]').fill(options.owner.email);
	await page.locator('input[name="password"]').fill(options.owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: WAIT_MS });
	say('the owner signs in through the sign-in form', true, new URL(page.url()).pathname);
}

/** Create the credential from the Credentials tab, Save (which runs its Test), a wrong key first. */
async function createCredential({ page, options, say, screenshot }) {
	const { credential, serverUrl } = options;
	await page.goto(`${options.baseUrl}/home/credentials`, { timeout: WAIT_MS });
	await page.getByTestId('add-resource-credential').click();
	await page.getByTestId('new-credential-type-select').locator('input').fill('Tencent');
	await page
		.getByTestId('new-credential-type-select-option')
		.filter({ hasText: 'Tencent Chat API' })
		.click();
	await page.getByTestId('new-credential-type-button').click();

	const modal = page.getByTestId('editCredential-modal');
	await modal.getByTestId('credential-name').click();
	await modal.getByTestId('inline-edit-input').fill(CREDENTIAL_NAME);
	await modal.getByTestId('inline-edit-input').press('Enter');
	const field = (name) => modal.getByTestId(`parameter-input-${name}`).locator('input');
	await field('sdkAppId').fill(String(credential.sdkAppId));
	await field('identifier').fill(credential.identifier);
	await field('secretKey').fill('not-the-secret-key');
	await modal.getByTestId('parameter-input-region').click();
	await page.getByRole('option', { name: 'Custom URL' }).click();
	await field('baseUrl').fill(serverUrl);
	await modal.getByTestId('credential-save-button').click();

	// n8n's banner: "Couldn’t connect with these settings", and the credential's own message under "More details".
	const failure = modal
		.locator('.el-tag')
		.filter({ hasText: 'Couldn’t connect with these settings' });
	await failure.waitFor();
	await failure.getByText('More details').click();
	const message = failure.getByText(/Secret Key/);
	const named = await appears(message);
	await screenshot('credential-test-wrong-key');
	say(
		"the credential's Test with a wrong key says the connection failed and names the Secret Key",
		named,
		named ? await message.innerText() : await failure.innerText(),
	);

	await field('secretKey').fill(credential.secretKey);
	await modal.getByTestId('credential-save-button').click();
	const success = modal.getByTestId('credentials-config-container-test-success');
	const succeeded = await appears(success);
	await screenshot('credential-test-ok');
	const said = succeeded ? (await success.innerText()).split('\n')[0].trim() : 'no success banner';
	say(
		"the credential's Test with the right key shows success",
		/tested successfully/i.test(said),
		said,
	);
	await modal.getByRole('button', { name: 'Close this dialog' }).click();
	await modal.waitFor({ state: 'hidden' });
}

/** Is the image inside `locator` the node's icon, and did the browser load it? */
async function showsIcon(locator) {
	const image = locator.locator('img').first();
	if ((await image.count()) === 0) return { ok: false, detail: 'no icon image' };
	const { src, width } = await image.evaluate((element) => ({
		src: element.getAttribute('src'),
		width: element.naturalWidth,
	}));
	return {
		ok: /tencentChat\.svg$/.test(src ?? '') && width > 0,
		detail: `${src} (${width} px wide)`,
	};
}

/** A new workflow with a Manual Trigger, then the nodes panel searched the ways a user searches. */
async function findNodeInPanel({ page, options, say, screenshot }) {
	await page.goto(`${options.baseUrl}/workflow/new`, { timeout: WAIT_MS });
	await page.getByTestId('canvas-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill('Manual');
	await page.getByTestId('node-creator-node-item').filter({ hasText: 'Manual Trigger' }).click();
	await page.getByTestId('canvas-trigger-node').waitFor();
	await page.getByTestId('node-creator').waitFor({ state: 'hidden' });

	// A package with a node and its trigger is listed as one entry, which n8n renders as an action
	// item rather than a node item: either is Tencent Chat's entry.
	const tencentChat = page
		.locator('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]')
		.filter({
			has: page.getByTestId('node-creator-item-name').getByText(NODE_NAME, { exact: true }),
		});
	// A fresh panel for each search: it opens on categories, so a Tencent Chat entry can only be this search's result.
	const searchFreshPanel = async (words, opener = page.getByTestId('node-creator-plus-button')) => {
		if (await page.getByTestId('node-creator').isVisible()) {
			// Escape closes the panel only once its search is empty.
			await page.getByTestId('node-creator-search-bar').fill('');
			await page.keyboard.press('Escape');
			await page.getByTestId('node-creator').waitFor({ state: 'hidden' });
		}
		await opener.click();
		await page.getByTestId('node-creator-search-bar').fill(words);
		return await appears(tencentChat.first(), 20_000);
	};
	for (const words of SEARCHES) {
		const found = await searchFreshPanel(words);
		if (words === 'Tencent') {
			const icon = found
				? await showsIcon(tencentChat.first())
				: { ok: false, detail: 'not listed' };
			say(
				'searching the nodes panel for "Tencent" lists Tencent Chat with its icon',
				found && icon.ok,
				icon.detail,
			);
		} else {
			say(`searching the nodes panel for "${words}" lists Tencent Chat`, found);
		}
		if (words === 'subscriber' && found) await screenshot('nodes-panel-search-subscriber');
	}

	// The + on the trigger's output (the only node yet), so that the node chosen follows the trigger.
	await searchFreshPanel('Tencent', page.getByTestId('canvas-handle-plus'));
	await tencentChat.first().click();
	const action = page
		.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-type="action"]')
		.filter({ hasText: ACTION });
	await action.first().waitFor();
	await untilStill(action.first());
	const icon = await showsIcon(action.first());
	await screenshot('nodes-panel-actions');
	say(
		'the node lists its action "Add subscribers to an official account" with its icon',
		icon.ok,
		icon.detail,
	);
	await action.first().click();
}

/** Fill in Add Subscribers, run the workflow from the canvas, open the node and read its output. */
async function addSubscribersInWorkflow({ page, options, say, screenshot }) {
	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	await ndv.getByTestId('node-credentials-select').click();
	await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(CREDENTIAL_NAME)}`) }).click();
	const param = (name) => ndv.getByTestId(`parameter-input-${name}`).locator('input');
	const subscribers = ['browser_1', options.alreadySubscribed, 'browser_2'];
	await param('officialAccountId').fill(options.officialAccount);
	await param('subscriberIds').fill(subscribers.join(', '));
	const fields = await ndv.getByTestId('node-parameters').innerText();
	say(
		'Add Subscribers shows its fields: Official Account ID, Subscriber IDs, Options',
		['Official Account ID', 'Subscriber IDs', 'Options'].every((label) => fields.includes(label)),
	);
	await page.evaluate(() => document.activeElement?.blur());
	await screenshot('add-subscribers-parameters');
	await ndv.getByTestId('ndv-close-button').click();
	await ndv.waitFor({ state: 'hidden' });

	await page.getByTestId('execute-workflow-button').click();
	const node = page.getByTestId('canvas-node').filter({ hasText: ACTION });
	const succeeded = node.getByTestId('canvas-node-status-success');
	const failed = page.getByText(/Problem in node/);
	await succeeded.or(failed).first().waitFor();
	await screenshot('workflow-run');
	say(
		'running the workflow marks the node as succeeded on the canvas',
		await succeeded.isVisible(),
		(await failed.count()) ? await failed.first().innerText() : '',
	);

	await node.dblclick();
	const output = page.getByTestId('output-panel');
	const table = output.locator('table');
	await table.waitFor();
	await widenOutputPanel(page);
	await untilStill(table);
	const rows = await readTable(table);
	await screenshot('add-subscribers-output');
	const expected = subscribers.map((subscriber) => ({
		officialAccount: options.officialAccount,
		subscriber: subscriber,
		result: subscriber === options.alreadySubscribed ? '2' : '1',
		status: subscriber === options.alreadySubscribed ? 'alreadySubscribed' : 'added',
	}));
	const seen = rows.map((row) => ({
		officialAccount: row.officialAccount,
		subscriber: row.subscriber,
		result: row.result,
		status: row.status,
	}));
	say(
		'the output table shows one row per subscriber, with its account, Result and status',
		JSON.stringify(seen) === JSON.stringify(expected),
		JSON.stringify(rows),
	);
}

/**
 * The canvas subtitle, then each resource's panel as a person meets it: the headline resource
 * listed first, and a screenshot of each (docs/ takes them from here).
 */
async function eachResource({ page, say, screenshot }) {
	const ndv = page.getByTestId('ndv');
	if (await ndv.isVisible()) {
		await ndv.getByTestId('ndv-close-button').click();
		await ndv.waitFor({ state: 'hidden' });
	}
	const node = page.getByTestId('canvas-node').filter({ hasText: ACTION });
	const canvasText = await node.innerText();
	say(
		'the canvas shows the node\'s subtitle as "Add Subscribers", not a raw value',
		canvasText.includes('Add Subscribers') && !canvasText.includes('addSubscribers'),
		canvasText.replace(/\s+/g, ' '),
	);
	await node.dblclick();
	await ndv.waitFor();
	const resource = ndv.getByTestId('parameter-input-resource');
	await resource.click();
	const listed = (await page.getByRole('option').allInnerTexts())
		.map((text) => text.trim())
		.filter(Boolean);
	say(
		'the Resource list starts with the headline resource, Official Account',
		listed[0] === 'Official Account',
		listed.join(', '),
	);
	await page.keyboard.press('Escape');
	await page.evaluate(() => document.activeElement?.blur());
	await screenshot('resource-official-account');
	for (const [name, file, operationText] of [
		['Account', 'resource-account', 'Import'],
		['Message', 'resource-message', 'Send'],
	]) {
		await resource.click();
		await page.getByRole('option', { name, exact: true }).click();
		const fields = ndv.getByTestId('node-parameters');
		const operation = ndv.getByTestId('parameter-input-operation').locator('input');
		const deadline = Date.now() + WAIT_MS;
		while ((await operation.inputValue()) !== operationText && Date.now() < deadline)
			await page.waitForTimeout(200);
		await page.evaluate(() => document.activeElement?.blur());
		await untilStill(fields);
		await screenshot(file);
		say(
			`choosing the ${name} resource shows its first operation, ${operationText}`,
			(await operation.inputValue()) === operationText,
			await operation.inputValue(),
		);
	}
}

/** Group → Add Members in a new workflow: the Group field's From List shows the app's groups by name, searchable. */
async function pickGroupFromList({ page, options, say, screenshot }) {
	await page.goto(`${options.baseUrl}/workflow/new`, { timeout: WAIT_MS });
	await page.getByTestId('canvas-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill('Manual');
	await page.getByTestId('node-creator-node-item').filter({ hasText: 'Manual Trigger' }).click();
	await page.getByTestId('canvas-trigger-node').waitFor();
	await page.getByTestId('node-creator').waitFor({ state: 'hidden' });
	await page.getByTestId('canvas-handle-plus').click();
	await page.getByTestId('node-creator-search-bar').fill('Tencent');
	await page
		.locator('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]')
		.filter({
			has: page.getByTestId('node-creator-item-name').getByText(NODE_NAME, { exact: true }),
		})
		.first()
		.click();
	const action = page
		.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-type="action"]')
		.filter({ hasText: 'Add members to a group' });
	await action.first().waitFor();
	await action.first().click();

	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	const credentialSelect = ndv.getByTestId('node-credentials-select');
	if (!(await credentialSelect.innerText().catch(() => '')).includes(CREDENTIAL_NAME)) {
		await credentialSelect.click();
		await page
			.getByRole('option', { name: new RegExp(`^${escapeRegExp(CREDENTIAL_NAME)}`) })
			.click();
	}
	const locator = ndv.getByTestId('resource-locator-groupId');
	await locator.getByTestId('rlc-input').click();
	const items = page.getByTestId('rlc-item');
	const listed = await appears(items.first());
	await untilStill(items.first());
	const names = listed ? await items.allInnerTexts() : [];
	const wanted = options.groups.map(({ id, name }) => `${name} (${id})`);
	await screenshot('group-locator-list');
	say(
		"the Group field lists the app's groups by name (From List)",
		wanted.every((entry) => names.some((shown) => shown.trim() === entry)),
		names.join(' | '),
	);

	await (await inputOf(page.getByTestId('rlc-search'))).fill('paris');
	const paris = options.groups.find(({ name }) => /paris/i.test(name));
	const one = items.filter({ hasText: paris.name });
	await one.first().waitFor();
	await untilStill(items.first());
	const found = await items.allInnerTexts();
	say(
		'searching the list by name finds the group',
		found.length === 1 && found[0].trim() === `${paris.name} (${paris.id})`,
		found.join(' | '),
	);
	await one.first().click();
	const shown = await (await inputOf(locator.getByTestId('rlc-input'))).inputValue();
	await screenshot('group-locator-picked');
	say('the picked group shows by name in the field', shown.includes(paris.name), shown);
}

/** The output table as a person reads it: one object per row, keyed by the column headers. */
async function readTable(table) {
	return await table.evaluate((element) => {
		const clean = (cell) => cell.innerText.replace(/\s+/g, ' ').trim();
		const headers = [...element.querySelectorAll('thead th')].map(clean);
		return [...element.querySelectorAll('tbody tr')].map((row) =>
			Object.fromEntries(
				[...row.querySelectorAll('td')]
					.map((cell, i) => [headers[i], clean(cell)])
					.filter(([header]) => header),
			),
		);
	});
}

/** Only for the screenshot: drag the parameters panel left so that every output column shows. */
async function widenOutputPanel(page) {
	const handle = page.getByTestId('panel-drag-button');
	const box = (await handle.count()) ? await handle.boundingBox() : null;
	if (!box) return;
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + box.width / 2, y);
	await page.mouse.down();
	await page.mouse.move(box.x - 250, y, { steps: 10 });
	await page.mouse.up();
}

/** The text input a test id names: the element itself, or the input inside it. */
async function inputOf(locator) {
	await locator.first().waitFor();
	const tag = await locator.first().evaluate((element) => element.tagName);
	return tag === 'INPUT' ? locator.first() : locator.first().locator('input').first();
}

/** Whether `locator` shows up within `timeoutMs`. */
async function appears(locator, timeoutMs = WAIT_MS) {
	return await locator.waitFor({ timeout: timeoutMs }).then(
		() => true,
		() => false,
	);
}

/** Waits until an element that slides or resizes into place has stopped moving. */
async function untilStill(locator, timeoutMs = WAIT_MS) {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		const box = JSON.stringify(await locator.boundingBox());
		if (box === last) return;
		last = box;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

module.exports = { checkInBrowser };
