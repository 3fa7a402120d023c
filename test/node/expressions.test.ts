import { expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { fakeApp } from '../helpers/fixtures';
import { runOperation } from '../helpers/runOperation';
import { useFakeServer } from '../helpers/useFakeServer';

const server = useFakeServer();

const items: IDataObject[] = [
	{ account: '@TOA#_x', contact: { id: 'c1', 'user id': 'u1', ids: ['i0', 'i1'] } },
	{ account: ' @TOA#_x ', contact: { id: 107867, 'user id': ['a', 'b'], ids: [] } },
	{ account: '@TOA#_x', contact: { id: null, 'user id': '', ids: ['', 'j1'] } },
	{ account: '@TOA#_x', contact: { 'user id': true, ids: null } },
	{ account: '@TOA#_x', contact: null },
	{ contact: { id: { nested: 1 }, 'user id': ' u2 ', ids: [1, 2] } },
];

async function outputWith(accountExpression: string, subscriberExpression: string) {
	server.addApp(fakeApp({ '@TOA#_x': {} }));
	const { output } = await runOperation(
		'officialAccount',
		'addSubscribers',
		{ officialAccountId: accountExpression, subscriberIds: subscriberExpression },
		items,
		{ server, continueOnFail: true },
	);
	return output.map((item) => ({ json: item.json, pairedItem: item.pairedItem }));
}

test.each([
	['$json.contact.id', '($json.contact.id)'],
	['$json.contact["user id"]', '($json.contact["user id"])'],
	['$json.contact.ids[1]', '($json.contact.ids[1])'],
])("the fast path for {{ %s }} gives what n8n's expression engine gives", async (fast, engine) => {
	const viaEngine = await outputWith('={{ ($json.account) }}', `={{ ${engine} }}`);
	const viaFastPath = await outputWith('={{ $json.account }}', `={{ ${fast} }}`);
	expect(viaFastPath).toEqual(viaEngine);
	// Each table row mixes usable IDs and bad input, so both kinds of output are compared.
	expect(viaEngine.some((item) => item.json.status === 'added')).toBe(true);
	expect(viaEngine.some((item) => item.json.errorCode === 'INVALID_INPUT')).toBe(true);
});
