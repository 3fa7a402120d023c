import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';

import { addSubscribers } from '../../nodes/TencentChat/actions/officialAccount/api';
import { readCredentials, TencentChatClient } from '../../nodes/TencentChat/client';
import { FakeTencentServer } from '../fake-tencent/FakeTencentServer';
import { credentialsFor, fakeApp } from '../helpers/fixtures';

/** A forward proxy on loopback that tunnels CONNECT requests and remembers where they went. */
let proxy: Server;
const tunnels: string[] = [];
const server = new FakeTencentServer([fakeApp({ '@TOA#_p': {} })]);
const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };

beforeAll(async () => {
	await server.start();
	proxy = createServer((_request, response) => response.writeHead(405).end());
	proxy.on('connect', (request, clientSocket, head) => {
		tunnels.push(request.url ?? '');
		const [host, port] = (request.url ?? '').split(':');
		const upstream = connect(Number(port), host, () => {
			clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(clientSocket);
			clientSocket.pipe(upstream);
		});
		upstream.on('error', () => clientSocket.destroy());
		clientSocket.on('error', () => upstream.destroy());
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});
afterEach(() => {
	for (const [name, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	tunnels.length = 0;
});
afterAll(async () => {
	await server.stop();
	proxy.closeAllConnections();
	await new Promise((resolve) => proxy.close(resolve));
});

const client = () => new TencentChatClient(readCredentials(credentialsFor(server)));
const proxyUrl = () => `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;

test('calls go through HTTP_PROXY when it is set', async () => {
	process.env.HTTP_PROXY = proxyUrl();
	process.env.NO_PROXY = '';
	const answer = await addSubscribers(client(), '@TOA#_p', ['via-proxy']);
	expect(answer.results.get('via-proxy')).toBe(1);
	expect(tunnels).toEqual([new URL(server.url).host]);
});

test('NO_PROXY sends calls to its hosts directly', async () => {
	process.env.HTTP_PROXY = proxyUrl();
	process.env.NO_PROXY = '127.0.0.1';
	const answer = await addSubscribers(client(), '@TOA#_p', ['direct']);
	expect(answer.results.get('direct')).toBe(1);
	expect(tunnels).toEqual([]);
});
