// The `/_fake/*` endpoints: the fake server's public methods over HTTP, for a server in another
// process. `control.ts` is their client.

import type { ServerResponse } from 'node:http';

import type { FakeApp, FaultConfig, ScriptedAnswer } from './config';
import type { FakeTencentServer } from './FakeTencentServer';
import { sendJson } from './http';
import type { Presence } from './services/user/presence';
import { userSigsSeen } from './userSigCheck';

export function answerControl(
	server: FakeTencentServer,
	path: string,
	body: string,
	response: ServerResponse,
): void {
	let input: Record<string, unknown>;
	try {
		input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
	} catch {
		return sendJson(response, 400, { error: 'control body is not JSON' });
	}
	const done = () => sendJson(response, 200, { ok: true });
	if (path.startsWith('/_fake/callbacks')) {
		return void server.callbacks
			.control(path, input)
			.then((answer) => sendJson(response, answer.status, answer.body));
	}
	switch (path) {
		case '/_fake/apps':
			server.addApp(input as unknown as FakeApp);
			return done();
		case '/_fake/faults':
			server.setFaults(
				(input.faults ?? {}) as Partial<FaultConfig>,
				input.seed as number | undefined,
			);
			return done();
		case '/_fake/script':
			server.script(...((input.answers ?? []) as ScriptedAnswer[]));
			return done();
		case '/_fake/clock':
			server.clockOffsetSeconds = Number(input.offsetSeconds ?? 0);
			return done();
		case '/_fake/stats':
			return sendJson(response, 200, server.stats);
		case '/_fake/reset-stats':
			server.resetStats();
			return done();
		case '/_fake/subscribers':
			return sendJson(response, 200, {
				subscribers: server.subscribers(Number(input.sdkAppId), String(input.officialAccount)),
			});
		case '/_fake/official-account':
			return sendJson(
				response,
				200,
				server.officialAccount(Number(input.sdkAppId), String(input.officialAccount)),
			);
		case '/_fake/group':
			return sendJson(response, 200, server.group(Number(input.sdkAppId), String(input.groupId)));
		case '/_fake/account':
			return sendJson(response, 200, {
				account: server.account(Number(input.sdkAppId), String(input.userId)) ?? null,
			});
		case '/_fake/mailbox':
			return sendJson(response, 200, {
				messages: server.mailbox(Number(input.sdkAppId), String(input.userId)),
			});
		case '/_fake/conversation':
			return sendJson(response, 200, {
				messages: server.conversation(Number(input.sdkAppId), String(input.a), String(input.b)),
			});
		case '/_fake/presence':
			server.setPresence(Number(input.sdkAppId), String(input.userId), input.presence as Presence);
			return done();
		case '/_fake/profile':
			return sendJson(response, 200, {
				profile: server.profile(Number(input.sdkAppId), String(input.userId)) ?? null,
			});
		case '/_fake/user-sigs':
			return sendJson(response, 200, { userSigs: [...userSigsSeen] });
		default:
			return sendJson(response, 404, { error: `no control ${path}` });
	}
}
