#!/usr/bin/env node
/**
 * End-to-end: the packed package inside a pinned, real n8n 2.x, as a user gets it.
 *
 *   npm run test:e2e [-- --report file.json]
 *
 * Installs Node 24 and n8n (test/e2e/package.json and its lockfile) into a cache outside the clone
 * (N8N_E2E_CACHE, default ~/.cache/n8n-nodes-tencent-chat-e2e), packs this project from a clean clone
 * with `npm pack` (pack.js: its prepack builds dist/), checks the tarball and installs it into n8n's
 * nodes folder the way a user installs a community node by hand,
 * starts the project's fake Tencent Chat server, imports a credential and the workflows, runs them
 * with `n8n execute`, then starts n8n to check what it reports about the node and to run the
 * credential's Test as the editor does, walks through the editor in Chromium (browser.e2e.js), runs
 * two Add Subscribers jobs at once in queue mode (main, two workers, Redis, PostgreSQL:
 * queueMode.e2e.js), and runs `npm start` with its example workflows (start.e2e.js).
 * Needs `npm run build` and the compiled tests (`npm test`).
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { checkTrigger } = require('./trigger.e2e');
const { checkSendAndWait } = require('./sendAndWait.e2e');
const { checkInBrowser } = require('./browser.e2e');
const { tarballProblems } = require('./pack');
const { checkStart } = require('./start.e2e');
const { checkQueueMode } = require('./queueMode.e2e');
const {
	GROUP_ACCOUNTS,
	GROUP_SETUP,
	LISTED_GROUPS,
	checkGroupChain,
	groupWorkflow,
} = require('./group.e2e');
const { checkUserCrmChain, setUpUserCrm, userCrmWorkflow } = require('./userCrm.e2e');
const {
	addSubscribersNode,
	controlFakeServer: control,
	executeWorkflow,
	inspectFakeServer: inspect,
	installN8n,
	installPackage,
	npmEnv,
	run,
	startFakeServer,
	startProcess,
	stopProcess,
} = require('./n8n');

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = 'n8n-nodes-tencent-chat';
const NODE_TYPE = `${PACKAGE}.tencentChat`;
const SDK_APP_ID = 1400000002;
const SECRET_KEY = 'e2e-secret-key-7d41b0c9a5e2f3';
const ADMIN = 'administrator';
const ACCOUNT_A = '@TOA#_e2e_a';
const ACCOUNT_B = '@TOA#_e2e_b';
const ACCOUNT_C = '@TOA#_e2e_c';
const KEPT_SUBSCRIBERS = Array.from({ length: 10 }, (_, i) => `keep${i}`);
const PRE_SUBSCRIBED = Array.from({ length: 10 }, (_, i) => `u${2 * i}`);
const LIFE_ACCOUNT = '@TOA#_e2e_life';
const LIFE_OWNER = 'e2e_owner';
const LIFE_FANS = 30;
/** The CRM chain: 500 new customers, every fifth already imported, welcomed through this official account. */
const WELCOME_ACCOUNT = '@TOA#_e2e_welcome';
const CUSTOMERS = Array.from({ length: 500 }, (_, i) => `cust${i}`);
const ALREADY_IMPORTED = CUSTOMERS.filter((_, i) => i % 5 === 0);
const WELCOME_TEXT = 'Welcome to Example Shop!';
const SHIPPED_TEXT = 'Your order has shipped';

const checks = [];
function check(name, ok, detail = '') {
	checks.push({ name, ok: Boolean(ok), detail });
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

function workflow(id, nodes, connections) {
	return { id, name: id, active: false, nodes, connections, settings: {} };
}

const trigger = {
	id: 't',
	name: 'Manual Trigger',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const code = (jsCode) => ({
	id: 'c',
	name: 'Code',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [200, 0],
	parameters: { jsCode },
});
const chain = (...names) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
const tencentChat = (extra = {}) =>
	addSubscribersNode({
		credentials: { tencentChatApi: { id: 'tcCred1', name: 'Tencent Chat e2e' } },
		...extra,
	});

/** A node of this package with its own name and place in the chain. */
const tencentChatAt = (name, x, parameters, extra = {}) => ({
	...tencentChat(extra),
	id: name,
	name,
	position: [x, 0],
	parameters: { resource: 'officialAccount', options: {}, ...parameters },
});
const codeAt = (name, x, jsCode) => ({ ...code(jsCode), id: name, name, position: [x, 0] });

function workflows(serverUrl) {
	return [
		// Add 25 subscribers, list them all, remove the 25 again, and look the account up: its count
		// is back to the 10 it had, each step on the output of the one before.
		workflow(
			'e2eChain',
			[
				trigger,
				codeAt(
					'New',
					200,
					`return Array.from({ length: 25 }, (_, i) => ({ json: { account: '${ACCOUNT_C}', subscriber: 'tmp' + i } }));`,
				),
				tencentChatAt('Add', 400, {
					operation: 'addSubscribers',
					officialAccountId: '={{ $json.account }}',
					subscriberIds: '={{ $json.subscriber }}',
				}),
				codeAt('Account', 600, `return [{ json: { account: '${ACCOUNT_C}' } }];`),
				tencentChatAt('List', 800, {
					operation: 'getSubscribers',
					officialAccountId: '={{ $json.account }}',
					returnAll: true,
				}),
				codeAt(
					'Temporary',
					1000,
					"return $input.all().filter((item) => item.json.subscriber.startsWith('tmp'));",
				),
				tencentChatAt('Remove', 1200, {
					operation: 'removeSubscribers',
					officialAccountId: '={{ $json.officialAccount }}',
					subscriberIds: '={{ $json.subscriber }}',
				}),
				codeAt(
					'Once',
					1400,
					'return [{ json: { account: $input.first().json.officialAccount } }];',
				),
				tencentChatAt('Get', 1600, {
					operation: 'get',
					officialAccountIds: '={{ $json.account }}',
				}),
			],
			chain(
				'Manual Trigger',
				'New',
				'Add',
				'Account',
				'List',
				'Temporary',
				'Remove',
				'Once',
				'Get',
			),
		),
		// An official account's whole life, each step on the output of the one before: Create → Add
		// Subscribers → Update Subscriber → Get Many Subscribers → Send Message (two) → Get Messages →
		// Recall Messages → Delete.
		workflow(
			'e2eLifecycle',
			[
				trigger,
				codeAt(
					'Plan',
					200,
					`return [{ json: { owner: '${LIFE_OWNER}', name: 'E2E Lifecycle', id: '${LIFE_ACCOUNT}' } }];`,
				),
				tencentChatAt('Create', 400, {
					operation: 'create',
					ownerId: '={{ $json.owner }}',
					name: '={{ $json.name }}',
					additionalFields: {
						officialAccountId: '={{ $json.id }}',
						introduction: 'Made by the e2e run',
						maxSubscribers: 1000,
					},
				}),
				codeAt(
					'Fans',
					600,
					`return Array.from({ length: ${LIFE_FANS} }, (_, i) => ({ json: { account: $input.first().json.officialAccount, subscriber: 'fan' + i } }));`,
				),
				tencentChatAt('Subscribe', 800, {
					operation: 'addSubscribers',
					officialAccountId: '={{ $json.account }}',
					subscriberIds: '={{ $json.subscriber }}',
				}),
				codeAt(
					'Vip',
					1000,
					"return [{ json: { account: $input.first().json.officialAccount, subscriber: 'fan0', tier: 'gold' } }];",
				),
				tencentChatAt('Tag', 1200, {
					operation: 'updateSubscriber',
					officialAccountId: '={{ $json.account }}',
					subscriberId: '={{ $json.subscriber }}',
					customString: '={{ $json.tier }}',
				}),
				codeAt(
					'Account',
					1400,
					'return [{ json: { account: $input.first().json.officialAccount } }];',
				),
				tencentChatAt('Subscribers', 1600, {
					operation: 'getSubscribers',
					officialAccountId: '={{ $json.account }}',
					returnAll: true,
				}),
				codeAt(
					'Broadcasts',
					1800,
					"const account = $input.first().json.officialAccount; const count = $input.all().length; return [{ json: { account, text: 'Hello to ' + count + ' subscribers' } }, { json: { account, text: 'A second broadcast' } }];",
				),
				tencentChatAt('Send', 2000, {
					operation: 'sendMessage',
					officialAccountId: '={{ $json.account }}',
					messageType: 'text',
					text: '={{ $json.text }}',
				}),
				codeAt(
					'History',
					2200,
					'return [{ json: { account: $input.first().json.officialAccount } }];',
				),
				tencentChatAt('Messages', 2400, {
					operation: 'getMessages',
					officialAccountId: '={{ $json.account }}',
					returnAll: true,
				}),
				tencentChatAt('Recall', 2600, {
					operation: 'recallMessages',
					officialAccountId: '={{ $json.officialAccount }}',
					msgKeys: '={{ $json.msgKey }}',
				}),
				codeAt(
					'Last',
					2800,
					'return [{ json: { account: $input.first().json.officialAccount } }];',
				),
				tencentChatAt('Delete', 3000, {
					operation: 'delete',
					officialAccountId: '={{ $json.account }}',
				}),
			],
			chain(
				'Manual Trigger',
				'Plan',
				'Create',
				'Fans',
				'Subscribe',
				'Vip',
				'Tag',
				'Account',
				'Subscribers',
				'Broadcasts',
				'Send',
				'History',
				'Messages',
				'Recall',
				'Last',
				'Delete',
			),
		),
		// After the CRM chain: check who is an account, tell those that are, see what they follow, and
		// delete them: Account Check → Message Send → Get Subscriptions of a User → Account Delete.
		workflow(
			'e2eAccountsAndMessages',
			[
				trigger,
				codeAt(
					'Users',
					200,
					"return ['cust1', 'cust2', 'ghost9'].map((user) => ({ json: { user } }));",
				),
				tencentChatAt('Check', 400, {
					resource: 'account',
					operation: 'check',
					userIds: '={{ $json.user }}',
				}),
				codeAt('Imported', 600, 'return $input.all().filter((item) => item.json.imported);'),
				tencentChatAt('Tell', 800, {
					resource: 'message',
					operation: 'send',
					to: '={{ $json.userId }}',
					messageType: 'text',
					text: SHIPPED_TEXT,
				}),
				tencentChatAt('Follows', 1000, {
					operation: 'getSubscriptions',
					subscriberId: '={{ $json.to }}',
					returnAll: true,
				}),
				tencentChatAt('Remove accounts', 1200, {
					resource: 'account',
					operation: 'delete',
					userIds: '={{ $json.subscriber }}',
				}),
			],
			chain('Manual Trigger', 'Users', 'Check', 'Imported', 'Tell', 'Follows', 'Remove accounts'),
		),
		// What a user builds for new CRM customers: import them as chat accounts, subscribe them to
		// the shop's official account, and send each a welcome message.
		workflow(
			'e2eCrmChain',
			[
				trigger,
				codeAt(
					'New customers',
					200,
					"return Array.from({ length: 500 }, (_, i) => ({ json: { id: 'cust' + i, name: 'Customer ' + i, avatar: 'https://cdn.example.com/c/' + i + '.png' } }));",
				),
				tencentChatAt('Import', 400, {
					resource: 'account',
					operation: 'import',
					userId: '={{ $json.id }}',
					nick: '={{ $json.name }}',
					faceUrl: '={{ $json.avatar }}',
				}),
				tencentChatAt('Subscribe', 600, {
					operation: 'addSubscribers',
					officialAccountId: WELCOME_ACCOUNT,
					subscriberIds: '={{ $json.userId }}',
				}),
				tencentChatAt('Welcome', 800, {
					resource: 'message',
					operation: 'sendToMany',
					recipients: '={{ $json.subscriber }}',
					messageType: 'text',
					text: WELCOME_TEXT,
					messageOptions: {
						offlinePushTitle: 'Example Shop',
						offlinePushText: 'You have a welcome message',
					},
				}),
			],
			chain('Manual Trigger', 'New customers', 'Import', 'Subscribe', 'Welcome'),
		),
		userCrmWorkflow({ workflow, trigger, codeAt, tencentChatAt, chain }),
		workflow(
			'e2eAddSubscribers',
			[
				trigger,
				code(
					`// 1,000 items over two accounts; the last 100 repeat earlier ones.
return Array.from({ length: 1000 }, (_, i) => ({ json: { account: i % 2 ? '${ACCOUNT_B}' : '${ACCOUNT_A}', subscriber: 'u' + (i % 900) } }));`,
				),
				tencentChat(),
			],
			chain('Manual Trigger', 'Code', 'Tencent Chat'),
		),
		workflow(
			'e2eContinueOnFail',
			[
				trigger,
				code(
					`return Array.from({ length: 10 }, (_, i) => ({ json: { account: i < 6 ? '${ACCOUNT_B}' : '@TOA#_e2e_missing', subscriber: 'cof' + i } }));`,
				),
				tencentChat({ onError: 'continueRegularOutput' }),
			],
			chain('Manual Trigger', 'Code', 'Tencent Chat'),
		),
		workflow(
			'e2eErrorOutput',
			[
				trigger,
				code(
					`return Array.from({ length: 10 }, (_, i) => ({ json: { account: i < 6 ? '${ACCOUNT_B}' : '@TOA#_e2e_missing', subscriber: 'eo' + i } }));`,
				),
				tencentChat({ onError: 'continueErrorOutput' }),
			],
			chain('Manual Trigger', 'Code', 'Tencent Chat'),
		),
		workflow(
			'e2eHttpRequest',
			[
				trigger,
				{
					id: 'h',
					name: 'HTTP Request',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [200, 0],
					parameters: {
						method: 'POST',
						url: `${serverUrl}/v4/official_account_open_http_svc/add_subscriber`,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'tencentChatApi',
						sendBody: true,
						specifyBody: 'json',
						jsonBody: JSON.stringify({
							Official_Account: ACCOUNT_B,
							SubscriberList: [{ Subscriber_Account: 'http1' }, { Subscriber_Account: 'http2' }],
						}),
						options: {},
					},
					credentials: { tencentChatApi: { id: 'tcCred1', name: 'Tencent Chat e2e' } },
				},
			],
			chain('Manual Trigger', 'HTTP Request'),
		),
		groupWorkflow({ serverUrl, sdkAppId: SDK_APP_ID, trigger, codeAt, tencentChatAt, workflow }),
	];
}

/** The run that `n8n execute` prints. */
const execute = (tools, env, id) => executeWorkflow(tools, env, id).run;

const outputOf = (runResult, nodeName) =>
	runResult.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];

async function checkChain(tools, env, serverUrl) {
	const result = execute(tools, env, 'e2eChain');
	const added = outputOf(result, 'Add');
	const listed = outputOf(result, 'List');
	const removed = outputOf(result, 'Remove');
	const got = outputOf(result, 'Get');
	check(
		'chain: Add Subscribers → Get Many Subscribers → Remove Subscribers → Get brings the count back to 10',
		added.length === 25 &&
			added.every((item) => item.json.status === 'added') &&
			listed.length === 35 &&
			removed.length === 25 &&
			removed.every((item) => item.json.status === 'removed') &&
			got.length === 1 &&
			got[0].json.subscriberCount === KEPT_SUBSCRIBERS.length &&
			result.data.resultData.error === undefined,
		`added ${added.length}, listed ${listed.length}, removed ${removed.length}, count ${got[0]?.json.subscriberCount}`,
	);
	const left = await inspect(serverUrl, 'subscribers', SDK_APP_ID, ACCOUNT_C);
	check(
		'chain: the server holds exactly the 10 subscribers it had',
		JSON.stringify(left) === JSON.stringify(KEPT_SUBSCRIBERS),
		left.join(','),
	);
}

async function checkLifecycle(tools, env, serverUrl) {
	const result = execute(tools, env, 'e2eLifecycle');
	const [created] = outputOf(result, 'Create');
	const subscribed = outputOf(result, 'Subscribe');
	const [tagged] = outputOf(result, 'Tag');
	const listed = outputOf(result, 'Subscribers');
	const sent = outputOf(result, 'Send');
	const history = outputOf(result, 'Messages');
	const recalled = outputOf(result, 'Recall');
	const deleted = outputOf(result, 'Delete');
	const sentKeys = sent.map((item) => item.json.msgKey);
	check(
		'lifecycle: Create → Add Subscribers → Update Subscriber → Get Many Subscribers → Send Message → Get Messages → Recall Messages → Delete',
		result.data.resultData.error === undefined &&
			created?.json.officialAccount === LIFE_ACCOUNT &&
			created.json.status === 'created' &&
			subscribed.length === LIFE_FANS &&
			subscribed.every((item) => item.json.status === 'added') &&
			tagged?.json.status === 'updated' &&
			listed.length === LIFE_FANS &&
			listed.find((item) => item.json.subscriber === 'fan0')?.json.customString === 'gold' &&
			sent.length === 2 &&
			sent.every(
				(item) =>
					item.json.status === 'sent' &&
					typeof item.json.msgKey === 'string' &&
					item.json.ambiguous === undefined,
			) &&
			JSON.stringify(history.map((item) => item.json.msgKey)) ===
				JSON.stringify([...sentKeys].reverse()) &&
			recalled.length === 2 &&
			recalled.every((item) => item.json.status === 'recalled' && item.json.retCode === 0) &&
			deleted.length === 1 &&
			deleted[0].json.officialAccount === LIFE_ACCOUNT &&
			deleted[0].json.status === 'deleted',
		`created ${created?.json.officialAccount}, subscribed ${subscribed.length}, listed ${listed.length}, sent ${sentKeys.join(',')}, ` +
			`history ${history.map((item) => item.json.msgKey).join(',')}, recalled ${recalled.map((item) => item.json.status).join(',')}, deleted ${JSON.stringify(deleted[0]?.json)}` +
			(result.data.resultData.error ? `, error ${result.data.resultData.error.message}` : ''),
	);
	const sentTimes = sent.map((item) => Date.parse(item.json.msgTime));
	check(
		'lifecycle: the two broadcasts of one account went at least a second apart',
		sentTimes.length === 2 && sentTimes[1] - sentTimes[0] >= 1000,
		sent.map((item) => item.json.msgTime).join(' → '),
	);
	const state = await inspect(serverUrl, 'officialAccount', SDK_APP_ID, LIFE_ACCOUNT);
	const fans = Object.keys(state.subscribers ?? {});
	check(
		"lifecycle: the server's state at the end: the account destroyed, with its owner, 30 subscribers (fan0 tagged gold) and both messages recalled",
		state.exists === false &&
			state.destroyed === true &&
			state.owner === LIFE_OWNER &&
			state.introduction === 'Made by the e2e run' &&
			state.maxSubscribers === 1000 &&
			fans.length === LIFE_FANS &&
			state.subscribers.fan0 === 'gold' &&
			state.messages.length === 2 &&
			state.messages.every((message) => message.recalled === true) &&
			JSON.stringify(state.messages.map((message) => message.key)) === JSON.stringify(sentKeys) &&
			state.messages[0].body[0].MsgContent.Text === `Hello to ${LIFE_FANS} subscribers`,
		`exists ${state.exists}, destroyed ${state.destroyed}, ${fans.length} subscribers, fan0 ${state.subscribers?.fan0}, ` +
			`${state.messages?.length} messages, recalled ${state.messages?.map((message) => message.recalled).join(',')}`,
	);
	const stats = await control(serverUrl, 'stats');
	check(
		'lifecycle: Tencent refused no call for its rate',
		stats.rateLimited === 0,
		`rateLimited ${stats.rateLimited}`,
	);
}

async function checkCrmChain(tools, env, serverUrl) {
	const result = execute(tools, env, 'e2eCrmChain');
	const imported = outputOf(result, 'Import');
	const subscribed = outputOf(result, 'Subscribe');
	const welcomed = outputOf(result, 'Welcome');
	check(
		'CRM chain: Import → Add Subscribers → Send to Many gives 500 imported, 500 added, 500 sent, each paired in order',
		result.data.resultData.error === undefined &&
			imported.length === 500 &&
			imported.every(
				(item, i) =>
					item.json.userId === CUSTOMERS[i] &&
					item.json.status === 'imported' &&
					item.pairedItem?.item === i,
			) &&
			subscribed.length === 500 &&
			subscribed.every(
				(item, i) => item.json.subscriber === CUSTOMERS[i] && item.json.status === 'added',
			) &&
			welcomed.length === 500 &&
			welcomed.every(
				(item, i) =>
					item.json.to === CUSTOMERS[i] &&
					item.json.status === 'sent' &&
					item.pairedItem?.item === i,
			),
		`imported ${imported.filter((item) => item.json.status === 'imported').length}, ` +
			`added ${subscribed.filter((item) => item.json.status === 'added').length}, ` +
			`sent ${welcomed.filter((item) => item.json.status === 'sent').length}` +
			(result.data.resultData.error ? `, error: ${result.data.resultData.error.message}` : ''),
	);
	const accounts = await Promise.all(
		CUSTOMERS.map((userId) => inspect(serverUrl, 'account', SDK_APP_ID, userId)),
	);
	const importedOnce = accounts.filter(
		(account, i) => account?.imports === 1 && account.nick === `Customer ${i}`,
	).length;
	check(
		'CRM chain: every customer is an account, imported once by the run, with its own nickname',
		importedOnce === 500,
		`${importedOnce} of 500`,
	);
	const subscribers = await inspect(serverUrl, 'subscribers', SDK_APP_ID, WELCOME_ACCOUNT);
	check(
		'CRM chain: every customer is subscribed once',
		subscribers.length === 500 &&
			new Set(subscribers).size === 500 &&
			CUSTOMERS.every((id) => subscribers.includes(id)),
		`${subscribers.length} subscriptions, ${new Set(subscribers).size} distinct`,
	);
	const mailboxes = await Promise.all(
		CUSTOMERS.map((userId) => inspect(serverUrl, 'mailbox', SDK_APP_ID, userId)),
	);
	const welcomedOnce = mailboxes.filter(
		(messages) =>
			messages.length === 1 &&
			messages[0].from === ADMIN &&
			messages[0].msgBody[0]?.MsgContent?.Text === WELCOME_TEXT &&
			messages[0].offlinePushInfo?.Title === 'Example Shop',
	).length;
	const messages = mailboxes.reduce((sum, held) => sum + held.length, 0);
	check(
		'CRM chain: every customer holds exactly one welcome message',
		welcomedOnce === 500 && messages === 500,
		`${welcomedOnce} of 500 hold one; ${messages} messages in all`,
	);
}

async function checkAccountsAndMessages(tools, env, serverUrl) {
	const result = execute(tools, env, 'e2eAccountsAndMessages');
	const checked = outputOf(result, 'Check');
	const told = outputOf(result, 'Tell');
	const follows = outputOf(result, 'Follows');
	const removed = outputOf(result, 'Remove accounts');
	check(
		'accounts and messages: Check → Send → Get Subscriptions of a User → Delete, each on the one before',
		result.data.resultData.error === undefined &&
			JSON.stringify(checked.map((item) => [item.json.userId, item.json.status])) ===
				JSON.stringify([
					['cust1', 'imported'],
					['cust2', 'imported'],
					['ghost9', 'notImported'],
				]) &&
			told.length === 2 &&
			told.every((item) => item.json.status === 'sent' && typeof item.json.msgKey === 'string') &&
			follows.length === 2 &&
			follows.every((item) => item.json.officialAccount === WELCOME_ACCOUNT) &&
			removed.length === 2 &&
			removed.every((item) => item.json.status === 'deleted'),
		`checked ${JSON.stringify(checked.map((item) => item.json.status))}, sent ${told.length}, follows ` +
			`${JSON.stringify(follows.map((item) => item.json.officialAccount))}, deleted ${removed.filter((item) => item.json.status === 'deleted').length}` +
			(result.data.resultData.error ? `, error: ${result.data.resultData.error.message}` : ''),
	);
	const mailbox = await inspect(serverUrl, 'mailbox', SDK_APP_ID, 'cust1');
	const gone = await Promise.all(
		['cust1', 'cust2'].map((userId) => inspect(serverUrl, 'account', SDK_APP_ID, userId)),
	);
	check(
		'accounts and messages: the server holds the message after the welcome, and the two accounts are gone',
		mailbox.at(-1)?.msgBody?.[0]?.MsgContent?.Text === SHIPPED_TEXT &&
			gone.every((account) => account === null),
		`last message ${JSON.stringify(mailbox.at(-1)?.msgBody ?? null)}, accounts ${JSON.stringify(gone)}`,
	);
}

async function checkWorkflows(tools, env, serverUrl) {
	await checkChain(tools, env, serverUrl);
	await checkLifecycle(tools, env, serverUrl);
	await checkCrmChain(tools, env, serverUrl);
	await checkAccountsAndMessages(tools, env, serverUrl);
	checkGroupChain({ execute: (id) => execute(tools, env, id), outputOf, check });
	await checkUserCrmChain({
		execute: (id) => execute(tools, env, id),
		outputOf,
		check,
		inspect,
		serverUrl,
		sdkAppId: SDK_APP_ID,
		admin: ADMIN,
	});
	const first = execute(tools, env, 'e2eAddSubscribers');
	const items = outputOf(first, 'Tencent Chat');
	const wrong = items.filter((item, i) => {
		const subscriber = `u${i % 900}`;
		const account = i % 2 ? ACCOUNT_B : ACCOUNT_A;
		const already = account === ACCOUNT_A && PRE_SUBSCRIBED.includes(subscriber);
		return (
			item.pairedItem?.item !== i ||
			item.json.officialAccount !== account ||
			item.json.subscriber !== subscriber ||
			item.json.result !== (already ? 2 : 1) ||
			item.json.status !== (already ? 'alreadySubscribed' : 'added')
		);
	});
	check(
		'workflow 1: 1,000 items over two accounts give 1,000 correct paired outputs',
		items.length === 1000 && wrong.length === 0,
		`${items.length} items, ${wrong.length} wrong`,
	);
	const a = await inspect(serverUrl, 'subscribers', SDK_APP_ID, ACCOUNT_A);
	check(
		'workflow 1: the server holds every subscriber of account A',
		a.length === 450,
		`${a.length} of 450`,
	);

	const second = execute(tools, env, 'e2eContinueOnFail');
	const cof = outputOf(second, 'Tencent Chat');
	const failed = cof.filter((item) => item.json.status === 'failed');
	check(
		'workflow 2: with Continue On Fail, the missing account fails with its error code and the rest are added',
		cof.length === 10 &&
			failed.length === 4 &&
			failed.every((item) => item.json.errorCode === 130004 && item.pairedItem.item >= 6) &&
			cof.filter((item) => item.json.status === 'added').length === 6 &&
			second.data.resultData.error === undefined,
		JSON.stringify(
			cof.map((item) => `${item.json.subscriber}:${item.json.status}:${item.json.errorCode ?? ''}`),
		),
	);
	const b = await inspect(serverUrl, 'subscribers', SDK_APP_ID, ACCOUNT_B);
	check(
		'workflow 2: the server holds the six that were added',
		['cof0', 'cof5'].every((id) => b.includes(id)) && !b.includes('cof6'),
	);

	const errorRun = execute(tools, env, 'e2eErrorOutput');
	const [main = [], errors = []] =
		errorRun.data.resultData.runData['Tencent Chat']?.[0]?.data?.main ?? [];
	check(
		'workflow 2b: with "Continue (using error output)", the four failed subscribers reach the error output, paired, with code and details',
		main.length === 6 &&
			main.every((item) => item.json.status === 'added') &&
			errors.length === 4 &&
			errors.every(
				(item) =>
					item.pairedItem?.item >= 6 &&
					/130004/.test(item.json.error) &&
					item.json.details?.errorCode === 130004 &&
					item.json.details?.status === 'failed' &&
					item.json.details?.subscriber === item.json.subscriber,
			),
		`${main.length} on the main output, ${errors.length} on the error output: ${JSON.stringify(errors[0]?.json ?? {})}`,
	);

	const before = await control(serverUrl, 'stats');
	const third = execute(tools, env, 'e2eHttpRequest');
	const answer = outputOf(third, 'HTTP Request')[0]?.json ?? {};
	const after = await control(serverUrl, 'stats');
	check(
		"workflow 3: n8n's HTTP Request node, signed by the credential's authenticate, adds subscribers",
		answer.ActionStatus === 'OK' &&
			answer.SubscriberList?.every((entry) => entry.Result === 1) &&
			after.rejectedSignatures === before.rejectedSignatures,
		JSON.stringify(answer),
	);
}

/** n8n answers "starting up" for a while after it listens; /healthz/readiness says when it is done. */
async function waitUntilReady(base, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await fetch(`${base}/healthz/readiness`).catch(() => undefined);
		if (response?.ok) {
			const types = await fetch(`${base}/types/nodes.json`).catch(() => undefined);
			const text = types ? await types.text() : '';
			if (!text.includes('starting up')) return;
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n was not ready within ${timeoutMs} ms`);
}

async function checkRunningN8n(tools, env, serverUrl) {
	const port = 5800 + Math.floor(Math.random() * 1000);
	const server = startProcess(
		tools.node,
		[tools.n8n, 'start'],
		{
			...env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
		},
		/Editor is now accessible|n8n ready on/,
		120_000,
	);
	try {
		await server.ready;
		const base = `http://127.0.0.1:${port}`;
		await waitUntilReady(base, 120_000);
		const headers = { 'content-type': 'application/json', 'browser-id': 'e2e-browser' };
		const setup = await fetch(`${base}/rest/owner/setup`, {
			method: 'POST',
			headers,
			body: JSON.stringify({
				email: 'owner@example.com',
				firstName: 'E2E',
				lastName: 'Owner',
				password: 'E2e-Passw0rd!',
			}),
		});
		const cookie = (
			setup.headers.getSetCookie().find((value) => value.startsWith('n8n-auth=')) ?? ''
		).split(';')[0];
		check(
			'n8n starts and takes an owner',
			setup.ok && cookie.startsWith('n8n-auth='),
			`HTTP ${setup.status}`,
		);
		const authed = { ...headers, cookie };

		const nodeTypesResponse = await fetch(`${base}/types/nodes.json`, { headers: authed });
		const nodeTypesText = await nodeTypesResponse.text();
		if (!nodeTypesResponse.ok || !nodeTypesText.startsWith('[')) {
			throw new Error(
				`/types/nodes.json answered HTTP ${nodeTypesResponse.status}: ${nodeTypesText.slice(0, 300)}`,
			);
		}
		const nodeTypes = JSON.parse(nodeTypesText);
		const node = nodeTypes.find((type) => type.name === NODE_TYPE);
		check(
			'n8n loaded the node with its description',
			node?.displayName === 'Tencent Chat' &&
				node.usableAsTool === true &&
				node.credentials?.[0]?.name === 'tencentChatApi',
			node
				? `${node.displayName}, v${node.version}, ${node.properties.length} properties`
				: 'not among the loaded node types',
		);
		for (const theme of ['light', 'dark']) {
			const iconUrl = node?.iconUrl?.[theme];
			const icon = iconUrl ? await fetch(`${base}/${iconUrl}`, { headers: authed }) : undefined;
			const body = icon?.ok ? await icon.text() : '';
			check(`n8n serves the node's ${theme} icon`, body.includes('<svg'), iconUrl ?? 'no iconUrl');
		}
		const credentialTypes = await (
			await fetch(`${base}/types/credentials.json`, { headers: authed })
		).json();
		const credential = credentialTypes.find((type) => type.name === 'tencentChatApi');
		check(
			'n8n loaded the credential with its fields',
			credential?.displayName === 'Tencent Chat API' &&
				['sdkAppId', 'identifier', 'secretKey', 'region'].every((field) =>
					credential.properties.some((p) => p.name === field),
				),
			credential ? credential.properties.map((p) => p.name).join(', ') : 'not loaded',
		);

		const testCredential = async (data) => {
			const response = await fetch(`${base}/rest/credentials/test`, {
				method: 'POST',
				headers: authed,
				body: JSON.stringify({
					credentials: { id: 'tcCred1', name: 'Tencent Chat e2e', type: 'tencentChatApi', data },
				}),
			});
			return (await response.json()).data ?? {};
		};
		const good = {
			sdkAppId: SDK_APP_ID,
			identifier: ADMIN,
			secretKey: SECRET_KEY,
			region: 'custom',
			baseUrl: serverUrl,
		};
		const ok = await testCredential(good);
		check(
			"the credential's Test succeeds with the right key",
			ok.status === 'OK',
			JSON.stringify(ok),
		);
		const wrongKey = await testCredential({ ...good, secretKey: 'a-wrong-key-for-the-test' });
		check(
			"the credential's Test names the Secret Key when the key is wrong",
			wrongKey.status === 'Error' && /Secret Key/.test(wrongKey.message),
			JSON.stringify(wrongKey),
		);
		const wrongRegion = await testCredential({ ...good, sdkAppId: 1400999999 });
		check(
			"the credential's Test points at the region when the app is unknown there",
			wrongRegion.status === 'Error' && /region/i.test(wrongRegion.message),
			JSON.stringify(wrongRegion),
		);
		await checkTrigger({
			base,
			authed,
			serverUrl,
			check,
			control,
			sdkAppId: SDK_APP_ID,
			secretKey: SECRET_KEY,
			accounts: [ACCOUNT_A, ACCOUNT_B],
			n8nBin: tools.n8n,
			n8nOutput: server.output,
		});

		await checkSendAndWait({
			base,
			authed,
			serverUrl,
			check,
			control,
			n8nBin: tools.n8n,
			owner: { email: 'owner@example.com', password: 'E2e-Passw0rd!' },
			screenshotDir: path.join(ROOT, '.ci-reports', 'screenshots'),
		});

		await checkInBrowser({
			baseUrl: base,
			owner: { email: 'owner@example.com', password: 'E2e-Passw0rd!' },
			serverUrl,
			credential: { sdkAppId: SDK_APP_ID, identifier: ADMIN, secretKey: SECRET_KEY },
			officialAccount: ACCOUNT_A,
			alreadySubscribed: PRE_SUBSCRIBED[0],
			groups: LISTED_GROUPS,
			check,
			screenshotDir: path.join(ROOT, '.ci-reports', 'screenshots'),
		});
	} finally {
		await stopProcess(server.child);
	}
}

async function main() {
	const reportIndex = process.argv.indexOf('--report');
	const reportPath = reportIndex > 0 ? path.resolve(process.argv[reportIndex + 1]) : undefined;
	let fake;
	try {
		const tools = installN8n();
		check(
			'Node 24 and n8n are installed',
			fs.existsSync(tools.node) && fs.existsSync(tools.n8n),
			run(tools.node, [tools.n8n, '--version']).trim(),
		);

		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'tencent-chat-e2e-'));
		const tarball = installPackage(userFolder);
		const problems = tarballProblems(tarball);
		check(
			"the tarball packed from a clean clone holds every file package.json's n8n block names, their icons and codex files, and no tests, sources or dangling source maps",
			problems.length === 0,
			problems.length ? problems.join('; ') : path.basename(tarball),
		);

		const fakeServer = await startFakeServer();
		fake = fakeServer.child;
		const serverUrl = fakeServer.url;
		await control(serverUrl, 'apps', {
			sdkAppId: SDK_APP_ID,
			secretKey: SECRET_KEY,
			admins: [ADMIN],
			officialAccounts: {
				[ACCOUNT_A]: { subscribers: PRE_SUBSCRIBED },
				[ACCOUNT_B]: {},
				[ACCOUNT_C]: { subscribers: KEPT_SUBSCRIBERS },
				[WELCOME_ACCOUNT]: {},
			},
			accounts: [LIFE_OWNER, ...ALREADY_IMPORTED, ...GROUP_ACCOUNTS],
			groups: GROUP_SETUP,
			customProfileTags: ['Tier'],
		});
		await setUpUserCrm({ inspect, serverUrl, sdkAppId: SDK_APP_ID });

		const env = {
			...process.env,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_RUNNERS_ENABLED: 'false',
			// Its own task-broker port: another n8n on the machine (a developer's, another suite's) holds 5679.
			N8N_RUNNERS_BROKER_PORT: String(15000 + Math.floor(Math.random() * 5000)),
			NO_COLOR: '1',
		};
		const credentialsFile = path.join(userFolder, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([
				{
					id: 'tcCred1',
					name: 'Tencent Chat e2e',
					type: 'tencentChatApi',
					data: {
						sdkAppId: SDK_APP_ID,
						identifier: ADMIN,
						secretKey: SECRET_KEY,
						region: 'custom',
						baseUrl: serverUrl,
					},
				},
			]),
		);
		run(tools.node, [tools.n8n, 'import:credentials', `--input=${credentialsFile}`], { env });
		for (const flow of workflows(serverUrl)) {
			const file = path.join(userFolder, `${flow.id}.json`);
			fs.writeFileSync(file, JSON.stringify(flow));
			run(tools.node, [tools.n8n, 'import:workflow', `--input=${file}`], { env });
		}

		await checkWorkflows(tools, env, serverUrl);
		await checkRunningN8n(tools, env, serverUrl);
		await checkQueueMode({ check, tools, tarball });
		await checkStart({ check, npmEnv, inspect });
	} catch (error) {
		check(
			'the end-to-end suite ran to its end',
			false,
			String(error?.stack ?? error).slice(0, 3000),
		);
	} finally {
		if (fake) await stopProcess(fake, 2_000);
	}

	const passed = checks.filter((c) => c.ok).length;
	const failed = checks.length - passed;
	if (reportPath) fs.writeFileSync(reportPath, JSON.stringify({ passed, failed, checks }, null, 2));
	console.log(`e2e: ${passed} passed, ${failed} failed`);
	process.exit(failed === 0 ? 0 : 1);
}

void main();
