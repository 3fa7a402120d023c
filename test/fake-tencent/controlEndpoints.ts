// The `/_fake/*` endpoints: the fake server's public methods over HTTP, for a server in another
// process. `control.ts` is their client.

import type { ServerResponse } from 'node:http';

import type { FakeApp, FaultConfig, ScriptedAnswer } from './config';
import type { FakeTencentServer } from './FakeTencentServer';
import { sendJson } from './http';
import type { InspectionName } from './services';
import { userSigsSeen } from './userSigCheck';

/** What a control request names and the server does not have: an inspection, an app. HTTP 404. */
export class NotFound extends Error {}

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
		case '/_fake/inspect':
			return answerInspection(server, input, response);
		case '/_fake/user-sigs':
			return sendJson(response, 200, { userSigs: [...userSigsSeen] });
		default:
			return sendJson(response, 404, { error: `no control ${path}` });
	}
}

/** `{inspection, sdkAppId, args}` → `{result}`: `server.inspect` over HTTP. */
function answerInspection(
	server: FakeTencentServer,
	{ inspection, sdkAppId, args = [] }: Record<string, unknown>,
	response: ServerResponse,
): void {
	if (typeof inspection !== 'string')
		return sendJson(response, 400, { error: 'inspection must be the name of an inspection' });
	if (!Array.isArray(args)) return sendJson(response, 400, { error: 'args must be a list' });
	let result: unknown;
	try {
		result = server.inspect(inspection as InspectionName, Number(sdkAppId), ...(args as never));
	} catch (error) {
		if (!(error instanceof NotFound)) throw error;
		return sendJson(response, 404, { error: error.message });
	}
	sendJson(response, 200, { result });
}
