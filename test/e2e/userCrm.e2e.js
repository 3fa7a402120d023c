/**
 * End-to-end: the CRM chain of the User resource and one-to-one history, in real n8n. Called from
 * run.js, which imports this workflow and runs it with `n8n execute`.
 *
 * 300 customers → Account Import → User Set Profile (nickname and custom tag Tier from the CRM,
 * through n8n's paired items) → User Get Online Status → only the online ones → Message Send →
 * Message Get History of one conversation (executed once) → Message Recall of its message. Each
 * node's output is checked, then what the fake server holds after each step: the accounts, the
 * profiles, the mailboxes, the conversation and its recalled message.
 */
'use strict';

const CUSTOMERS = Array.from({ length: 300 }, (_, i) => `crm${i}`);
/** Every third customer is online before the run; the second is reachable by push only. */
const ONLINE = CUSTOMERS.filter((_, i) => i % 3 === 0);
const PUSH_ONLINE = 'crm1';
const TIER = (i) => (i % 3 === 0 ? 'gold' : 'silver');
const AGENT_TEXT = 'An agent is ready for you';
const WORKFLOW_ID = 'e2eUserCrmChain';

function userCrmWorkflow({ workflow, trigger, codeAt, tencentChatAt, chain }) {
	return workflow(
		WORKFLOW_ID,
		[
			trigger,
			codeAt(
				'CRM customers',
				200,
				"return Array.from({ length: 300 }, (_, i) => ({ json: { id: 'crm' + i, name: 'Client ' + i, tier: i % 3 === 0 ? 'gold' : 'silver' } }));",
			),
			tencentChatAt('Import customers', 400, {
				resource: 'account',
				operation: 'import',
				userId: '={{ $json.id }}',
			}),
			tencentChatAt('Profile', 600, {
				resource: 'user',
				operation: 'setProfile',
				userId: '={{ $json.userId }}',
				profileFields: { nickname: "={{ $('CRM customers').item.json.name }}" },
				customTags: { tag: [{ key: 'Tier', value: "={{ $('CRM customers').item.json.tier }}" }] },
			}),
			tencentChatAt('Presence', 800, {
				resource: 'user',
				operation: 'getOnlineStatus',
				userIds: '={{ $json.userId }}',
			}),
			codeAt(
				'Online',
				1000,
				"return $input.all().filter((item) => item.json.status === 'online');",
			),
			tencentChatAt('Page agent', 1200, {
				resource: 'message',
				operation: 'send',
				to: '={{ $json.userId }}',
				messageType: 'text',
				text: AGENT_TEXT,
			}),
			{
				...tencentChatAt('Transcript', 1400, {
					resource: 'message',
					operation: 'getHistory',
					userId: '={{ $json.to }}',
					peerId: 'administrator',
					returnAll: true,
				}),
				executeOnce: true,
			},
			tencentChatAt('Take back', 1600, {
				resource: 'message',
				operation: 'recall',
				from: '={{ $json.from }}',
				to: '={{ $json.to }}',
				msgKey: '={{ $json.msgKey }}',
			}),
		],
		chain(
			'Manual Trigger',
			'CRM customers',
			'Import customers',
			'Profile',
			'Presence',
			'Online',
			'Page agent',
			'Transcript',
			'Take back',
		),
	);
}

/** Before the run: the customers who are online (the app's users, as Tencent would see them). */
async function setUpUserCrm({ inspect, serverUrl, sdkAppId }) {
	for (const userId of ONLINE)
		await inspect(serverUrl, 'setPresence', sdkAppId, userId, { state: 'Online' });
	await inspect(serverUrl, 'setPresence', sdkAppId, PUSH_ONLINE, { state: 'PushOnline' });
}

async function checkUserCrmChain({
	execute,
	outputOf,
	check,
	inspect,
	serverUrl,
	sdkAppId,
	admin,
}) {
	const result = execute(WORKFLOW_ID);
	const error = result.data.resultData.error;
	const [imported, profiled, presence, paged, transcript, recalled] = [
		'Import customers',
		'Profile',
		'Presence',
		'Page agent',
		'Transcript',
		'Take back',
	].map((name) => outputOf(result, name));
	const detail = (text) => text + (error ? `, error: ${error.message}` : '');

	check(
		'User CRM chain: Import gives 300 imported accounts, paired in order',
		imported.length === 300 &&
			imported.every(
				(item, i) =>
					item.json.userId === CUSTOMERS[i] &&
					item.json.status === 'imported' &&
					item.pairedItem?.item === i,
			),
		detail(`${imported.filter((item) => item.json.status === 'imported').length} imported`),
	);
	const accounts = await Promise.all(
		CUSTOMERS.map((userId) => inspect(serverUrl, 'account', sdkAppId, userId)),
	);
	check(
		'User CRM chain: after Import, the server holds every customer as an account',
		accounts.every((account) => account !== null),
	);

	check(
		'User CRM chain: Set Profile gives 300 updated, each with the nickname and Tier of its own CRM row',
		profiled.length === 300 &&
			profiled.every(
				(item, i) =>
					item.json.userId === CUSTOMERS[i] &&
					item.json.status === 'updated' &&
					item.json.nickname === `Client ${i}` &&
					item.json.customTags?.Tier === TIER(i),
			),
		detail(JSON.stringify(profiled[1]?.json ?? null)),
	);
	const profiles = await Promise.all(
		CUSTOMERS.map((userId) => inspect(serverUrl, 'profile', sdkAppId, userId)),
	);
	const rightProfiles = profiles.filter(
		(profile, i) =>
			profile?.Tag_Profile_IM_Nick === `Client ${i}` &&
			profile?.Tag_Profile_Custom_Tier === TIER(i),
	).length;
	check(
		'User CRM chain: after Set Profile, the server holds each nickname and Tier',
		rightProfiles === 300,
		`${rightProfiles} of 300`,
	);

	const statuses = presence.map((item) => item.json.status);
	check(
		'User CRM chain: Get Online Status gives 100 online, 1 pushOnline, 199 offline, one per customer in order',
		presence.length === 300 &&
			presence.every((item, i) => item.json.userId === CUSTOMERS[i]) &&
			statuses.filter((status) => status === 'online').length === 100 &&
			presence[1].json.status === 'pushOnline' &&
			statuses.filter((status) => status === 'offline').length === 199,
		detail(JSON.stringify(statuses.slice(0, 4))),
	);

	check(
		'User CRM chain: Send pages the 100 online customers only',
		paged.length === 100 &&
			paged.every(
				(item, i) =>
					item.json.to === ONLINE[i] &&
					item.json.status === 'sent' &&
					typeof item.json.msgKey === 'string',
			),
		detail(`${paged.length} sent`),
	);
	const mailboxes = await Promise.all(
		CUSTOMERS.map((userId) => inspect(serverUrl, 'mailbox', sdkAppId, userId)),
	);
	const heldRight = mailboxes.filter((messages, i) =>
		i % 3 === 0
			? messages.length === 1 && messages[0].msgBody[0]?.MsgContent?.Text === AGENT_TEXT
			: messages.length === 0,
	).length;
	check(
		'User CRM chain: after Send, each online customer holds the one message and no one else holds any',
		heldRight === 300,
		`${heldRight} of 300`,
	);

	const first = paged[0]?.json ?? {};
	check(
		"User CRM chain: Get History of the first customer's conversation gives the message Send sent, with its key",
		transcript.length === 1 &&
			transcript[0].json.msgKey === first.msgKey &&
			transcript[0].json.from === admin &&
			transcript[0].json.to === ONLINE[0] &&
			transcript[0].json.recalled === false,
		detail(JSON.stringify(transcript.map((item) => item.json))),
	);

	check(
		'User CRM chain: Recall takes the history item straight and recalls it',
		recalled.length === 1 &&
			recalled[0].json.status === 'recalled' &&
			recalled[0].json.msgKey === first.msgKey,
		detail(JSON.stringify(recalled.map((item) => item.json))),
	);
	const conversations = await Promise.all(
		ONLINE.slice(0, 3).map((userId) => inspect(serverUrl, 'conversation', sdkAppId, admin, userId)),
	);
	check(
		'User CRM chain: after Recall, the server holds that message recalled and the others not',
		conversations[0].length === 1 &&
			conversations[0][0].recalled === true &&
			conversations
				.slice(1)
				.every((messages) => messages.length === 1 && messages[0].recalled === false),
		JSON.stringify(conversations.map((messages) => messages.map((message) => message.recalled))),
	);
}

module.exports = { userCrmWorkflow, setUpUserCrm, checkUserCrmChain };
