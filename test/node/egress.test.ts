import '../helpers/ssrfProtectionOn';

import { afterAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { IExecuteFunctions } from 'n8n-workflow';

import { addSubscribers } from '../../nodes/TencentChat/actions/officialAccount/api';
import { createClient } from '../../nodes/TencentChat/transport';
import { ADD_SUBSCRIBERS_FIELDS, credentialsFor, fakeApp } from '../helpers/fixtures';
import { runOperation } from '../helpers/runOperation';
import { useFakeServer } from '../helpers/useFakeServer';

// n8n's network rules apply to the node's own HTTP client as they do to n8n's helpers: with SSRF
// protection on, a Base URL on a private or loopback address is refused before any connection.

const NEWS = '@TOA#_news';
const server = useFakeServer();
beforeEach(() => {
	server.addApp(fakeApp({ [NEWS]: {} }));
	server.resetStats();
});
afterAll(() => {
	delete process.env.N8N_SSRF_PROTECTION_ENABLED;
});

describe("n8n's egress rules", () => {
	test('with SSRF protection on, a Base URL on this machine is refused before any call, saying how to allow it', async () => {
		const { error, output } = await runOperation(
			'officialAccount',
			'addSubscribers',
			ADD_SUBSCRIBERS_FIELDS,
			[{ officialAccount: NEWS, subscribers: 'a' }],
			{ server },
		);
		expect(output).toEqual([]);
		expect(error?.message).toContain(
			`This n8n instance's network rules do not allow ${server.url}`,
		);
		expect(error?.description).toContain('N8N_SSRF_ALLOWED_HOSTNAMES');
		expect(server.stats.requests).toBe(0);
	});

	test('on an n8n without an egress filter the node works as before', async () => {
		const context = {
			getCredentials: async () => credentialsFor(server),
			getNode: () => ({
				name: 'Tencent Chat',
				type: 'tencentChat',
				typeVersion: 1,
				parameters: {},
			}),
			logger: { debug: () => undefined },
			helpers: {},
		} as unknown as IExecuteFunctions;
		const client = await createClient.call(context, {});
		const answer = await addSubscribers(client, NEWS, ['a']);
		expect(answer.results.get('a')).toBe(1);
	});

	test('the lookup it is given is the one every connection uses', async () => {
		const looked: string[] = [];
		const context = {
			getCredentials: async () =>
				credentialsFor(server, { baseUrl: server.url.replace('127.0.0.1', 'localhost') }),
			getNode: () => ({
				name: 'Tencent Chat',
				type: 'tencentChat',
				typeVersion: 1,
				parameters: {},
			}),
			logger: { debug: () => undefined },
			helpers: {
				getSecureEgressFilter: () => ({
					validateUrl: async () => ({ ok: true }),
					createSecureLookup:
						() =>
						(
							hostname: string,
							options: { all?: boolean },
							callback: (error: Error | null, ...answer: unknown[]) => void,
						) => {
							looked.push(hostname);
							if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
							else callback(null, '127.0.0.1', 4);
						},
				}),
			},
		} as unknown as IExecuteFunctions;
		const client = await createClient.call(context, {});
		const answer = await addSubscribers(client, NEWS, ['b']);
		expect(answer.results.get('b')).toBe(1);
		expect(looked).toContain('localhost');
	});
});
