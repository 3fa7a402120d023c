/**
 * End-to-end: the Tencent Chat Trigger in a running n8n. Called from run.js's checkRunningN8n.
 *
 * Creates a credential with a callback token and a workflow with the trigger through n8n's REST
 * API, activates it, points the fake Tencent server's callbacks at its production URL, then runs an
 * Add Subscribers workflow: each callback the fake server sends must start exactly one execution
 * holding the right item, and tampered callbacks (wrong Sign, stale RequestTime, another app) and
 * an event not selected must start none. Last, a "before" callback answered by the workflow
 * through a Respond to Webhook node, and a group callback (After Create Group) starting a trigger on
 * the Group events.
 */
'use strict';

const { randomUUID } = require('node:crypto');
const path = require('node:path');

const { callbackSign } = require('../../.test-build/test/fake-tencent/callbacks');
const { addSubscribersNode, restClient } = require('./n8n');

const TRIGGER_TYPE = 'n8n-nodes-tencent-chat.tencentChatTrigger';
const AFTER_ADD = 'OfficialAccount.CallbackAfterAddSubscriber';
const BEFORE_ADD = 'OfficialAccount.CallbackBeforeAddSubscriber';
const OK_ANSWER = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const CALLBACK_TOKEN = 'e2e-callback-token-4c1d9b';
const NEW_SUBSCRIBERS = 250;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function checkTrigger({
	base,
	authed,
	serverUrl,
	check,
	control,
	sdkAppId,
	secretKey,
	accounts,
	n8nBin,
	n8nOutput,
}) {
	// n8n keeps an execution's data as `flatted` text; its own copy reads it.
	const flatted = require(path.resolve(n8nBin, '../../../flatted'));
	const rest = restClient(base, authed);

	const nodeTypes = await (await fetch(`${base}/types/nodes.json`, { headers: authed })).json();
	const trigger = nodeTypes.find((type) => type.name === TRIGGER_TYPE);
	check(
		'n8n loaded the trigger: a POST webhook, no tool, the credential, both icons',
		trigger?.displayName === 'Tencent Chat Trigger' &&
			trigger.group.includes('trigger') &&
			trigger.usableAsTool === undefined &&
			trigger.webhooks?.[0]?.httpMethod === 'POST' &&
			trigger.credentials?.[0]?.name === 'tencentChatApi' &&
			Boolean(trigger.iconUrl?.light && trigger.iconUrl?.dark),
		trigger
			? `${trigger.displayName}, ${trigger.properties.length} properties, ${trigger.properties.find((p) => p.name === 'events')?.options?.length} event options`
			: 'not loaded',
	);

	const credential = await rest('POST', '/credentials', {
		name: 'Tencent Chat trigger e2e',
		type: 'tencentChatApi',
		data: {
			sdkAppId,
			identifier: 'administrator',
			secretKey,
			region: 'custom',
			baseUrl: serverUrl,
			callbackToken: CALLBACK_TOKEN,
		},
	});
	const credentials = { tencentChatApi: { id: credential.id, name: credential.name } };

	/** Creates and activates a workflow; resolves to its id and the trigger's production URL. */
	const activate = async (name, nodes, connections) => {
		const webhookId = nodes[0].webhookId;
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
				body: JSON.stringify({ method: 'POST', path: `${webhookId}/callback` }),
			});
			if (found.ok && (await found.json()).data) break;
			if (Date.now() > deadline)
				throw new Error(`n8n never registered the trigger of ${name} (HTTP ${found.status})`);
			await sleep(250);
		}
		return { id: created.id, url: `${base}/webhook/${webhookId}/callback` };
	};
	const executionsOf = async (workflowId) =>
		(
			await rest(
				'GET',
				`/executions?limit=100&filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
			)
		).results;
	/** Polls until the workflow has `count` finished executions (or the time is up); returns them. */
	const finishedExecutions = async (workflowId, count, timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		let executions = await executionsOf(workflowId);
		while (
			Date.now() < deadline &&
			(executions.length < count || executions.some((e) => !e.stoppedAt))
		) {
			await sleep(250);
			executions = await executionsOf(workflowId);
		}
		return executions;
	};
	const outputOf = async (executionId, nodeName) => {
		const execution = await rest('GET', `/executions/${executionId}`);
		const runData = flatted.parse(execution.data).resultData.runData;
		return runData[nodeName]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [];
	};

	// 1. A trigger on every Official Account event, answering at once.
	const triggerNode = (parameters, extra = {}) => ({
		id: randomUUID(),
		name: 'Tencent Chat Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters,
		credentials,
		...extra,
	});
	const listener = await activate(
		'Tencent Chat Trigger e2e',
		[triggerNode({ events: ['OfficialAccount.*'], respond: 'onReceived' })],
		{},
	);
	check(
		'the trigger workflow is active, its production URL registered',
		listener.url.includes('/webhook/'),
		listener.url,
	);
	await control(serverUrl, 'callbacks', { sdkAppId, url: listener.url, token: CALLBACK_TOKEN });

	// 2. Add Subscribers: 5 already subscribed and 125 new subscribers per account, 2 calls each.
	const [accountA, accountB] = accounts;
	const adder = await rest('POST', '/workflows', {
		name: 'Add Subscribers for the trigger e2e',
		nodes: [
			{
				id: randomUUID(),
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: 'Code',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode: `const old = ['u0', 'u2', 'u4', 'u6', 'u8'].map((subscriber) => ({ json: { account: '${accountA}', subscriber } }))
  .concat(['u1', 'u3', 'u5', 'u7', 'u9'].map((subscriber) => ({ json: { account: '${accountB}', subscriber } })));
return old.concat(Array.from({ length: ${NEW_SUBSCRIBERS} }, (_, i) => ({ json: { account: i % 2 ? '${accountB}' : '${accountA}', subscriber: 't' + i } })));`,
				},
			},
			addSubscribersNode({ id: randomUUID(), credentials }),
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
			Code: { main: [[{ node: 'Tencent Chat', type: 'main', index: 0 }]] },
		},
		settings: {},
	});
	const started = await rest('POST', `/workflows/${adder.id}/run`, {
		triggerToStartFrom: { name: 'Manual Trigger' },
	});
	const [adderRun] = await finishedExecutions(adder.id, 1, 60_000);
	const added = adderRun
		? (await outputOf(adderRun.id, 'Tencent Chat')).filter((item) => item.status === 'added')
		: [];
	check(
		'the Add Subscribers workflow adds the 250 new subscribers (and finds the 10 others already there)',
		adderRun?.status === 'success' && added.length === NEW_SUBSCRIBERS,
		`execution ${started?.executionId ?? adderRun?.id}: ${adderRun?.status}, ${added.length} added`,
	);

	const { deliveries } = await control(serverUrl, 'callbacks/settled');
	const afterAdd = deliveries.filter((delivery) => delivery.command === AFTER_ADD);
	check(
		'the fake server sent one signed AfterAddSubscriber per call that added someone, each answered 200 with OK',
		afterAdd.length === 4 &&
			afterAdd.every((d) => d.status === 200 && sameJson(d.answer, OK_ANSWER)),
		`${afterAdd.length} callbacks, statuses ${afterAdd.map((d) => d.status).join(', ')}`,
	);
	const executions = await finishedExecutions(listener.id, afterAdd.length);
	const items = [];
	for (const execution of executions)
		items.push(...(await outputOf(execution.id, 'Tencent Chat Trigger')));
	const subscribers = items
		.flatMap((item) => item.body.SubscribeAccountList.map((entry) => entry.Subscriber_Account))
		.sort();
	const expected = Array.from({ length: NEW_SUBSCRIBERS }, (_, i) => `t${i}`).sort();
	const wrongItems = items.filter(
		(item) =>
			item.event !== AFTER_ADD ||
			item.body.CallbackCommand !== AFTER_ADD ||
			item.sdkAppId !== sdkAppId ||
			item.optPlatform !== 'RESTAPI' ||
			item.clientIp !== '127.0.0.1' ||
			Number.isNaN(Date.parse(item.eventTime)) ||
			![accountA, accountB].includes(item.body.Official_Account) ||
			item.body.Operator_Account !== 'administrator' ||
			typeof item.body.EventTime !== 'number',
	);
	check(
		'each callback started exactly one execution, with one item naming exactly the subscribers added',
		executions.length === afterAdd.length &&
			executions.every((e) => e.status === 'success' && e.mode === 'webhook') &&
			items.length === executions.length &&
			wrongItems.length === 0 &&
			JSON.stringify(subscribers) === JSON.stringify(expected),
		`${executions.length} executions (${executions.map((e) => `${e.mode}/${e.status}`).join(', ')}), ${items.length} items, ` +
			`${subscribers.length} subscribers named (${new Set(subscribers).size} distinct, expected ${expected.length}), ${wrongItems.length} wrong`,
	);

	// 3. What must start nothing.
	const body = {
		CallbackCommand: AFTER_ADD,
		Official_Account: accountA,
		Operator_Account: 'administrator',
		SubscribeAccountList: [{ Subscriber_Account: 'x' }],
		EventTime: Date.now(),
	};
	const refusals = [
		['a wrong Sign', { query: { Sign: 'f'.repeat(64) } }],
		['a RequestTime 2 minutes old', { requestTimeOffsetSeconds: -120 }],
		['another SdkAppid', { query: { SdkAppid: String(sdkAppId + 1) } }],
	];
	for (const [what, tampering] of refusals) {
		await control(serverUrl, 'callbacks/emit', { sdkAppId, command: AFTER_ADD, body, tampering });
		const delivery = (await control(serverUrl, 'callbacks/settled')).deliveries.at(-1);
		check(
			`a callback with ${what} is answered 401`,
			delivery?.status === 401,
			`${delivery?.status} ${delivery?.answer}`,
		);
	}
	await control(serverUrl, 'callbacks/emit', {
		sdkAppId,
		command: 'State.StateChange',
		body: { CallbackCommand: 'State.StateChange', EventTime: 1 },
	});
	const unselected = (await control(serverUrl, 'callbacks/settled')).deliveries.at(-1);
	check(
		'an event not selected (State.StateChange) is answered 200 OK',
		unselected?.status === 200 && sameJson(unselected.answer, OK_ANSWER),
		`${unselected?.status} ${unselected?.answer}`,
	);
	// Straight to the URL, as anyone who knows it could: no query, then signed but malformed bodies.
	const post = async (query, body, contentType) => {
		const response = await fetch(`${listener.url}?${new URLSearchParams(query)}`, {
			method: 'POST',
			headers: { 'content-type': contentType },
			body,
		});
		return `${response.status} ${await response.text()}`;
	};
	const signed = () => {
		const requestTime = Math.floor(Date.now() / 1000);
		return {
			SdkAppid: String(sdkAppId),
			CallbackCommand: AFTER_ADD,
			contenttype: 'json',
			RequestTime: String(requestTime),
			Sign: callbackSign(CALLBACK_TOKEN, requestTime),
		};
	};
	const anonymous = await post({}, JSON.stringify(body), 'application/json');
	check("a POST without Tencent's query is answered 401", anonymous.startsWith('401 '), anonymous);
	const notJson = await post(signed(), 'CallbackCommand=x', 'text/plain');
	check(
		'a signed callback whose body is not JSON (text/plain) is answered 400 by the trigger',
		notJson.startsWith('400 ') && notJson.includes('The body is not JSON'),
		notJson,
	);
	const array = await post(signed(), '[1]', 'application/json');
	check(
		'a signed callback whose body is a JSON array is answered 400',
		array.startsWith('400 ') && array.includes('an array'),
		array,
	);
	const brokenJson = await post(signed(), '{"CallbackCommand":', 'application/json');
	check(
		'broken JSON sent as application/json is answered 422 by n8n itself, before the trigger',
		brokenJson.startsWith('422 '),
		brokenJson.slice(0, 120),
	);
	// The answers came back; give n8n a moment to have started anything it was going to.
	await sleep(2_000);
	const after = await executionsOf(listener.id);
	check(
		'the refused callbacks, the malformed bodies and the unselected event started no execution',
		after.length === executions.length,
		`${after.length} executions, ${executions.length} before them`,
	);

	// 4. A "before" callback answered by the workflow: refuse subscribers whose ID starts with "spam".
	const deciderNodes = [
		triggerNode({ events: [BEFORE_ADD], respond: 'responseNode' }),
		{
			id: randomUUID(),
			name: 'Respond to Webhook',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1,
			position: [250, 0],
			parameters: {
				respondWith: 'json',
				responseBody:
					'={{ { ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "", RefusedSubscribers_Account: $json.body.SubscribeAccountList.map(s => s.Subscriber_Account).filter(id => id.startsWith("spam")) } }}',
				options: {},
			},
		},
	];
	const deciderConnections = {
		'Tencent Chat Trigger': { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] },
	};
	const decider = await activate(
		'Tencent Chat Trigger e2e: before-callback',
		deciderNodes,
		deciderConnections,
	);
	await control(serverUrl, 'callbacks', { sdkAppId, url: decider.url, token: CALLBACK_TOKEN });
	const beforeBody = {
		...body,
		CallbackCommand: BEFORE_ADD,
		SubscribeAccountList: ['ok1', 'spam2', 'ok3'].map((id) => ({ Subscriber_Account: id })),
	};
	const sentAt = Date.now();
	await control(serverUrl, 'callbacks/emit', { sdkAppId, command: BEFORE_ADD, body: beforeBody });
	const decision = (await control(serverUrl, 'callbacks/settled')).deliveries.at(-1);
	const tookMs = Date.now() - sentAt;
	check(
		'a "before" callback is answered by the workflow\'s Respond to Webhook (v1): refusing the spam subscriber',
		decision?.status === 200 &&
			sameJson(decision.answer, { ...OK_ANSWER, RefusedSubscribers_Account: ['spam2'] }),
		`${decision?.status} ${decision?.answer} after ${tookMs} ms`,
	);
	const decided = await finishedExecutions(decider.id, 1);
	check(
		'the before-callback started one execution',
		decided.length === 1 && decided[0].status === 'success',
		decided.map((e) => e.status).join(', '),
	);

	// Why the README says version 1: later versions insist on n8n's own Webhook trigger.
	const [, respondNode] = deciderNodes;
	const newer = await activate(
		'Tencent Chat Trigger e2e: Respond to Webhook 1.5',
		[
			triggerNode({ events: [BEFORE_ADD], respond: 'responseNode' }),
			{ ...respondNode, typeVersion: 1.5 },
		],
		deciderConnections,
	);
	await control(serverUrl, 'callbacks', { sdkAppId, url: newer.url, token: CALLBACK_TOKEN });
	await control(serverUrl, 'callbacks/emit', { sdkAppId, command: BEFORE_ADD, body: beforeBody });
	const refusedByNewer = (await control(serverUrl, 'callbacks/settled')).deliveries.at(-1);
	check(
		'a Respond to Webhook of version 1.5 cannot answer for this trigger (n8n: "No Webhook node found"), so Tencent would get no decision',
		refusedByNewer?.status !== 200,
		`${refusedByNewer?.status} ${refusedByNewer?.answer}`,
	);

	// 5. A group callback: a workflow creating a group starts a trigger listening to the Group events.
	const groupListener = await activate(
		'Tencent Chat Trigger e2e: groups',
		[triggerNode({ events: ['Group.*'], respond: 'onReceived' })],
		{},
	);
	await control(serverUrl, 'callbacks', {
		sdkAppId,
		url: groupListener.url,
		token: CALLBACK_TOKEN,
	});
	const creator = await rest('POST', '/workflows', {
		name: 'Create a group for the trigger e2e',
		nodes: [
			{
				id: randomUUID(),
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			addSubscribersNode({
				id: randomUUID(),
				credentials,
				parameters: {
					resource: 'group',
					operation: 'create',
					groupType: 'Work',
					name: 'Trigger e2e',
					additionalFields: { customGroupId: 'e2e_trigger_group' },
					options: {},
				},
			}),
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Tencent Chat', type: 'main', index: 0 }]] },
		},
		settings: {},
	});
	await rest('POST', `/workflows/${creator.id}/run`, {
		triggerToStartFrom: { name: 'Manual Trigger' },
	});
	const [creatorRun] = await finishedExecutions(creator.id, 1, 60_000);
	await control(serverUrl, 'callbacks/settled');
	const groupRuns = await finishedExecutions(groupListener.id, 1);
	const groupItems = [];
	for (const execution of groupRuns)
		groupItems.push(...(await outputOf(execution.id, 'Tencent Chat Trigger')));
	check(
		'a group callback starts the trigger: Create group sends After Create Group, one execution naming the group',
		creatorRun?.status === 'success' &&
			groupRuns.length === 1 &&
			groupItems.length === 1 &&
			groupItems[0].event === 'Group.CallbackAfterCreateGroup' &&
			groupItems[0].body.GroupId === 'e2e_trigger_group',
		`creator ${creatorRun?.status}, ${groupRuns.length} executions, ${JSON.stringify(groupItems.map((item) => [item.event, item.body?.GroupId]))}`,
	);

	const log = n8nOutput();
	check(
		"n8n's log holds the refusals' reasons, and neither the callback token nor any Sign",
		log.includes('Tencent Chat Trigger refused a callback (HTTP 401): Sign does not match') &&
			!log.includes(CALLBACK_TOKEN) &&
			!/Sign=/.test(log),
		`${(log.match(/Tencent Chat Trigger refused a callback/g) ?? []).length} refusals logged`,
	);
}

function sameJson(text, value) {
	try {
		return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
	} catch {
		return false;
	}
}

module.exports = { checkTrigger };
