'use strict';
/**
 * The Group chain in real n8n: Create group → Add 1,000 members from items → Send Message → Get
 * Members (Return All) → Remove 10 → Delete, in one workflow. After each step a side branch asks
 * the fake server for the group as it holds it (an HTTP Request node on /_fake/inspect, run before
 * the next step in n8n's v1 order: the upper branch first), so the server's state is checked after
 * every step, not only at the end.
 */

const GROUP_ID = 'e2e_group';
const GROUP_OWNER = 'e2e_group_owner';
const MEMBER_COUNT = 1_000;
const GROUP_MEMBERS = Array.from({ length: MEMBER_COUNT }, (_, i) => `gm${i}`);
/** Accounts the app must hold for the chain: its owner and its members. */
const GROUP_ACCOUNTS = [GROUP_OWNER, ...GROUP_MEMBERS];
const STEPS = ['Create', 'Add', 'Send', 'Members', 'Remove', 'Delete'];
/** Groups the app holds from the start, for the Group locator in the browser. */
const LISTED_GROUPS = [
	{ id: 'e2e_store_berlin', name: 'Store Berlin' },
	{ id: 'e2e_store_paris', name: 'Store Paris' },
	{ id: 'e2e_store_rome', name: 'Store Rome' },
];
const GROUP_SETUP = Object.fromEntries(
	LISTED_GROUPS.map(({ id, name }) => [id, { type: 'Public', name, owner: GROUP_OWNER }]),
);

function groupWorkflow({ serverUrl, sdkAppId, trigger, codeAt, tencentChatAt, workflow }) {
	const locator = { __rl: true, mode: 'id', value: '={{ $json.group }}' };
	const group = (name, x, parameters) => {
		const node = tencentChatAt(name, x, { resource: 'group', groupId: locator, ...parameters });
		return node;
	};
	const snapshot = (step, x) => ({
		id: `Snap ${step}`,
		name: `Snap ${step}`,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [x, -200],
		parameters: {
			method: 'POST',
			url: `${serverUrl}/_fake/inspect`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: JSON.stringify({ inspection: 'group', sdkAppId, args: [GROUP_ID] }),
			options: {},
		},
		executeOnce: true,
	});
	const nodes = [
		trigger,
		group('Create', 200, {
			operation: 'create',
			groupType: 'Public',
			name: 'E2E group',
			additionalFields: { ownerId: GROUP_OWNER, customGroupId: GROUP_ID, maxMembers: 2000 },
		}),
		codeAt(
			'Members to add',
			400,
			`return Array.from({ length: ${MEMBER_COUNT} }, (_, i) => ({ json: { group: $input.first().json.group, member: 'gm' + i } }));`,
		),
		group('Add', 600, { operation: 'addMembers', memberIds: '={{ $json.member }}' }),
		codeAt(
			'One message',
			800,
			"return [{ json: { group: $input.first().json.group, text: 'Hello to ' + $input.all().length + ' members' } }];",
		),
		group('Send', 1000, {
			operation: 'sendMessage',
			messageType: 'text',
			text: '={{ $json.text }}',
		}),
		group('Members', 1200, { operation: 'getMembers', returnAll: true }),
		codeAt(
			'Ten',
			1400,
			"return $input.all().filter((item) => item.json.role === 'Member').slice(0, 10).map((item) => ({ json: { group: item.json.group, member: item.json.member } }));",
		),
		group('Remove', 1600, { operation: 'removeMembers', memberIds: '={{ $json.member }}' }),
		codeAt('Last', 1800, 'return [{ json: { group: $input.first().json.group } }];'),
		group('Delete', 2000, { operation: 'delete' }),
		...STEPS.map((step, i) => snapshot(step, 300 + 400 * i)),
	];
	const to = (...names) => ({ main: [names.map((node) => ({ node, type: 'main', index: 0 }))] });
	const connections = {
		'Manual Trigger': to('Create'),
		Create: to('Snap Create', 'Members to add'),
		'Members to add': to('Add'),
		Add: to('Snap Add', 'One message'),
		'One message': to('Send'),
		Send: to('Snap Send', 'Members'),
		Members: to('Snap Members', 'Ten'),
		Ten: to('Remove'),
		Remove: to('Snap Remove', 'Last'),
		Last: to('Delete'),
		Delete: to('Snap Delete'),
	};
	return { ...workflow('e2eGroupChain', nodes, connections), settings: { executionOrder: 'v1' } };
}

/** Runs the chain and checks each step's output and the server's state after it. */
function checkGroupChain({ execute, outputOf, check }) {
	const result = execute('e2eGroupChain');
	const out = Object.fromEntries(STEPS.map((step) => [step, outputOf(result, step)]));
	const snap = Object.fromEntries(
		STEPS.map((step) => [step, outputOf(result, `Snap ${step}`)[0]?.json.result ?? {}]),
	);
	const error = result.data.resultData.error;
	check(
		'group chain: the run ends without an error',
		error === undefined,
		error ? error.message : '',
	);

	const [created] = out.Create;
	check(
		'group chain: Create makes the group, and the server holds it with its owner alone',
		created?.json.group === GROUP_ID &&
			created.json.status === 'created' &&
			snap.Create.exists === true &&
			JSON.stringify(Object.keys(snap.Create.members ?? {})) === JSON.stringify([GROUP_OWNER]),
		`${JSON.stringify(created?.json)}; members ${Object.keys(snap.Create.members ?? {}).length}`,
	);

	const added = out.Add;
	const inOrder = added.every(
		(item, i) =>
			item.json.member === GROUP_MEMBERS[i] &&
			item.json.status === 'added' &&
			item.pairedItem?.item === i,
	);
	const heldAfterAdd = Object.keys(snap.Add.members ?? {});
	check(
		'group chain: Add Members gives 1,000 paired items, all added, and the server holds owner + 1,000',
		added.length === MEMBER_COUNT &&
			inOrder &&
			heldAfterAdd.length === MEMBER_COUNT + 1 &&
			GROUP_MEMBERS.every((id) => (snap.Add.members ?? {})[id]?.role === 'Member'),
		`${added.length} items, in order ${inOrder}, server holds ${heldAfterAdd.length}`,
	);

	const [sent] = out.Send;
	const messages = snap.Send.messages ?? [];
	check(
		'group chain: Send Message sends one message, MsgSeq 1, and the server holds it',
		sent?.json.status === 'sent' &&
			sent.json.msgSeq === 1 &&
			messages.length === 1 &&
			messages[0].body?.[0]?.MsgContent?.Text === `Hello to ${MEMBER_COUNT} members`,
		`${JSON.stringify(sent?.json)}; server messages ${messages.length}`,
	);

	const listed = out.Members;
	check(
		'group chain: Get Members (Return All) lists owner + 1,000, each once',
		listed.length === MEMBER_COUNT + 1 &&
			new Set(listed.map((item) => item.json.member)).size === MEMBER_COUNT + 1 &&
			listed[0].json.role === 'Owner',
		`${listed.length} listed`,
	);

	const removed = out.Remove;
	const removedIds = removed.map((item) => item.json.member);
	const heldAfterRemove = snap.Remove.members ?? {};
	check(
		'group chain: Remove Members removes 10, and the server holds 991 without them',
		removed.length === 10 &&
			removed.every((item) => item.json.status === 'removed') &&
			Object.keys(heldAfterRemove).length === MEMBER_COUNT + 1 - 10 &&
			removedIds.every((id) => heldAfterRemove[id] === undefined),
		`${removed.length} removed (${removedIds.slice(0, 3).join(',')}…), server holds ${Object.keys(heldAfterRemove).length}`,
	);

	const [deleted] = out.Delete;
	check(
		'group chain: Delete dissolves the group, and the server holds it as destroyed',
		deleted?.json.status === 'deleted' &&
			snap.Delete.exists === false &&
			snap.Delete.destroyed === true,
		`${JSON.stringify(deleted?.json)}; exists ${snap.Delete.exists}, destroyed ${snap.Delete.destroyed}`,
	);
}

module.exports = { GROUP_ACCOUNTS, GROUP_SETUP, LISTED_GROUPS, groupWorkflow, checkGroupChain };
