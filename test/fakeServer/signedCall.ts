// Signed calls to a fake server, made the way Tencent's documentation describes them, with no
// part of the package's client in between: the fake server's tests test the fake alone.

import { afterAll, beforeAll } from '@jest/globals';

import { signUserSig } from '../../nodes/TencentChat/client/userSig';
import type { FakeApp } from '../fake-tencent/config';
import { FakeTencentServer } from '../fake-tencent/FakeTencentServer';

export const APP: FakeApp = {
	sdkAppId: 1400000009,
	secretKey: 'fake-server-test-key-81c2',
	admins: ['administrator'],
	officialAccounts: {},
};

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	/** The body as JSON, or undefined when it is not. */
	json: Record<string, unknown> | undefined;
}

/** A fake server for this test file, started before its tests and stopped after them. */
export function useServer(): FakeTencentServer {
	const server = new FakeTencentServer();
	beforeAll(() => server.start());
	afterAll(() => server.stop());
	return server;
}

export function signedUrl(server: FakeTencentServer, path: string, app: FakeApp = APP): string {
	const identifier = app.admins[0];
	const userSig = signUserSig(
		{ sdkAppId: app.sdkAppId, identifier, secretKey: app.secretKey },
		Math.floor(Date.now() / 1000),
		3600,
	);
	const random = Math.floor(Math.random() * 4294967295);
	const query = `sdkappid=${app.sdkAppId}&identifier=${identifier}&usersig=${userSig}&random=${random}&contenttype=json`;
	return `${server.url}/v4/${path}?${query}`;
}

/** POSTs `body` to `service/command`, signed for APP. */
export async function call(
	server: FakeTencentServer,
	path: string,
	body: object,
	init: RequestInit = {},
): Promise<Reply> {
	const response = await fetch(signedUrl(server, path), {
		method: 'POST',
		body: JSON.stringify(body),
		...init,
	});
	const text = await response.text();
	let json: Record<string, unknown> | undefined;
	try {
		json = JSON.parse(text) as Record<string, unknown>;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}
