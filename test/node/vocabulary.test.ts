import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { resetProcessState } from '../../nodes/TencentChat/client';
import { runNode } from '../helpers/engine';
import { OPERATIONS } from '../helpers/everyOperation';
import {
	addSubscribersParameters,
	credentialsFor,
	fakeApp,
	resourceParameters,
} from '../helpers/fixtures';
import { useFakeServer } from '../helpers/useFakeServer';

// The output vocabulary of the README ("The output vocabulary"), held by every operation of every
// resource: each runs through the engine against the fake server where its calls succeed, where
// Tencent refuses them (under both Continue modes) and with input refused before any call, and
// every item it gives is checked against the table.

const NEWS = '@TOA#_news';
const server = useFakeServer(() => ({
	...fakeApp({ [NEWS]: { subscribers: ['old1', 'old2'], messages: ['n0'] } }, [
		'administrator',
		'old1',
		'old2',
		'new1',
		'owner',
		'u0',
		'u1',
	]),
	groups: {
		team: {
			type: 'Work',
			name: 'Team',
			owner: 'owner',
			members: ['u0', 'u1', 'new1'],
			messages: ['hello'],
		},
	},
}));

/** Every value of `status`, as the README's table lists them. */
const STATUSES = new Set(
	[
		'created updated deleted deletedOrNotFound notFound imported notImported',
		'added alreadySubscribed addedOrAlreadySubscribed removed notSubscribed removedOrNotSubscribed',
		'alreadyMember addedOrAlreadyMember invited muted unmuted',
		'sent dropped recalled alreadyRecalled recalledOrAlreadyRecalled markedRead',
		'online pushOnline offline failed unknown',
	]
		.join(' ')
		.split(' '),
);
/** The operations that change nothing: their entries need no status. */
const READS = new Set([
	'Get',
	'Get Many Subscribers',
	'Get Subscriptions of a User',
	'Get Messages',
	'Group Get',
	'Group Get Many',
	'Group Get Members',
	'Group Get Joined Groups',
	'Group Get Messages',
	'User Get Profile',
	'Message Get History',
	'Message Get Unread Count',
]);
/** Operations about the whole app: a failed item has no object to name. */
const APP_WIDE = new Set(['Group Get Many']);
/** Names an object never has in the output: `officialAccount`, `group`, `subscriber`, `owner`, `from`, `to` are its names. */
const DRIFTED_NAME =
	/^(officialAccountId|groupId|memberId|subscriberId|ownerId|recipient)$|.Account$/;
const TIME = /(Time|Until)$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;
/** The names a failed item names what it is about by. */
const SUBJECTS = ['officialAccount', 'group', 'userId', 'subscriber', 'member', 'owner', 'to'];

type Scenario = {
	name: string;
	onError: 'continueErrorOutput' | 'continueRegularOutput';
	items: IDataObject[];
};

const GOOD: IDataObject = { officialAccount: NEWS, subscribers: 'new1' };
const REFUSED: IDataObject = { officialAccount: '@TOA#_none', subscribers: 'nobody' };
const UNREADABLE: IDataObject = { officialAccount: NEWS, subscribers: '' };
const SCENARIOS: Scenario[] = [
	{ name: 'succeeding', onError: 'continueErrorOutput', items: [GOOD] },
	{ name: 'refused by Tencent, error output', onError: 'continueErrorOutput', items: [REFUSED] },
	{
		name: 'refused by Tencent, regular output',
		onError: 'continueRegularOutput',
		items: [REFUSED],
	},
	{
		name: 'refused before any call, error output',
		onError: 'continueErrorOutput',
		items: [UNREADABLE],
	},
	{
		name: 'refused before any call, regular output',
		onError: 'continueRegularOutput',
		items: [UNREADABLE],
	},
];

async function runScenario(parameters: INodeParameters, { onError, items }: Scenario) {
	await resetProcessState();
	return await runNode({
		parameters,
		items,
		credentials: credentialsFor(server),
		onError,
		executionId: 'execution-1',
	});
}

interface Kind {
	write: boolean;
	appWide: boolean;
}

/** What an item breaks of the vocabulary: nothing, for every item of every operation. */
function drifts(
	json: IDataObject,
	kind: Kind,
	fromErrorOutput: boolean,
	input: IDataObject,
): string[] {
	const found: string[] = [];
	let fields = json;
	if (fromErrorOutput) {
		// n8n puts the input item's fields beside the node's error item: the node's own are error and details.
		const own = Object.keys(json).filter((key) => !(key in input));
		if (own.sort().join() !== 'details,error' || typeof json.error !== 'string')
			found.push(`an error item of keys ${own.join()}`);
		fields = (json.details ?? {}) as IDataObject;
		if (fields.status !== 'failed' && fields.status !== 'unknown')
			found.push(`an error item of status ${String(fields.status)}`);
		const named = SUBJECTS.some((key) => typeof fields[key] === 'string');
		if (fields.errorCode !== 'INVALID_INPUT' && !kind.appWide && !named)
			found.push('an error item naming nothing');
		// One way to say a code Tencent gave, whatever the operation's shape.
		if (
			typeof fields.errorCode === 'number' &&
			!String(json.error).startsWith(`Tencent Chat error ${fields.errorCode}`)
		)
			found.push(`the error ${String(json.error)}`);
	}
	if ('error' in fields || 'details' in fields)
		found.push('a failure on the main output in the error shape');
	if (kind.write && fields.status === undefined) found.push('a write item without status');
	if (fields.status !== undefined && !STATUSES.has(String(fields.status)))
		found.push(`status ${String(fields.status)}`);
	const failed = fields.status === 'failed' || fields.status === 'unknown';
	if (failed && (fields.errorCode === undefined || typeof fields.errorInfo !== 'string'))
		found.push('a failure without errorCode and errorInfo');
	if (fields.status === 'unknown' && fields.ambiguous !== true)
		found.push('unknown without ambiguous');
	if (fields.errorCode !== undefined && !failed)
		found.push(`errorCode on an item of status ${String(fields.status)}`);
	if ('ambiguous' in fields && fields.ambiguous !== true)
		found.push(`ambiguous: ${String(fields.ambiguous)}`);
	if (
		typeof fields.errorInfo === 'string' &&
		typeof fields.hint === 'string' &&
		fields.errorInfo.includes(fields.hint)
	)
		found.push('the hint said twice');
	for (const [key, value] of Object.entries(fields)) {
		if (DRIFTED_NAME.test(key) && key !== 'officialAccount') found.push(`the name ${key}`);
		if (TIME.test(key) && value !== null && !(typeof value === 'string' && ISO.test(value)))
			found.push(`${key}: ${JSON.stringify(value)}`);
	}
	return found;
}

describe('every operation keeps the output vocabulary', () => {
	test.each(OPERATIONS)('$name', async (operation) => {
		const kind = { write: !READS.has(operation.name), appWide: APP_WIDE.has(operation.name) };
		let items = 0;
		for (const scenario of SCENARIOS) {
			const run = await runScenario(operation.parameters({ maxRetries: 0 }), scenario);
			expect({ scenario: scenario.name, error: run.error?.message }).toEqual({
				scenario: scenario.name,
				error: undefined,
			});
			const [input] = scenario.items;
			const seen = [
				...run.output.map((item) => ({
					item: item.json,
					drifts: drifts(item.json, kind, false, input),
				})),
				...run.errorOutput.map((item) => ({
					item: item.json,
					drifts: drifts(item.json, kind, true, input),
				})),
			];
			items += seen.length;
			for (const { item, drifts: found } of seen)
				expect({ scenario: scenario.name, item, drifts: found }).toEqual({
					scenario: scenario.name,
					item,
					drifts: [],
				});
		}
		expect(items).toBeGreaterThan(0);
	});
});

describe('a failed item names what it is about, also when its input was refused before any call', () => {
	test.each([
		[
			'Message Send, an empty text',
			resourceParameters('message', 'send', {
				to: '={{ $json.to }}',
				messageType: 'text',
				text: '={{ $json.text }}',
			}),
			{ to: 'new1', text: '' },
			{ to: 'new1' },
		],
		[
			'Add Subscribers, no subscribers',
			addSubscribersParameters(),
			{ officialAccount: NEWS, subscribers: '' },
			{ officialAccount: NEWS },
		],
	])('%s', async (_, parameters, input, subject) => {
		const run = await runScenario(parameters, {
			name: 'input',
			onError: 'continueErrorOutput',
			items: [input],
		});
		expect(run.errorOutput.map((item) => [item.json.details, item.pairedItem])).toEqual([
			[
				{
					...subject,
					status: 'failed',
					errorCode: 'INVALID_INPUT',
					errorInfo: expect.any(String),
					hint: expect.stringContaining('No call was made'),
				},
				{ item: 0 },
			],
		]);
		expect(run.output).toEqual([]);
	});
});
