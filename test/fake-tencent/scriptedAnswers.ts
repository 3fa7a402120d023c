// The scripted answers that are not the service's own: sent as they are, whatever the command.
// (Faults and transforms go through the normal answer path: see FakeTencentServer.)

import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

import type { EchoForm, Mutation, ScriptedAnswer, Transform } from './config';
import { nextTurn, sendJson, write } from './http';
import type { Answer, EntryList } from './services/service';

export type SentAsIs = Exclude<ScriptedAnswer, { kind: 'transform' } | { kind: 'fault' }>;

const PREFIX = '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"';
const CHUNK_BYTES = 64 * 1024;
const ECHO_BYTES = 1024 * 1024;

export async function sendAsIs(
	scripted: SentAsIs,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	switch (scripted.kind) {
		case 'raw': {
			const body = scripted.gzip ? gzipSync(scripted.body) : Buffer.from(scripted.body);
			response.writeHead(scripted.status, {
				'content-type': scripted.contentType ?? 'text/html',
				...(scripted.gzip ? { 'content-encoding': 'gzip' } : {}),
				...scripted.headers,
			});
			response.end(body);
			return;
		}
		case 'huge':
			return sendHuge(response, scripted.bytes);
		case 'endless':
			return sendEndless(response, scripted.chunkBytes ?? 16 * 1024, scripted.intervalMs ?? 0);
		case 'redirect':
			return sendJson(
				response,
				scripted.status,
				{ message: 'moved' },
				{ location: scripted.location },
			);
		case 'tooMany':
			response.writeHead(429, {
				'content-type': 'text/plain',
				'retry-after': String(scripted.retryAfterSeconds),
			});
			response.end('Too Many Requests');
			return;
		case 'echoUrl': {
			const quoted = `invalid request ${echoed(request, scripted.form ?? 'url')}; `;
			const ErrorInfo =
				quoted + 'x'.repeat(Math.max(0, (scripted.bytes ?? ECHO_BYTES) - quoted.length));
			return sendJson(response, 200, {
				ActionStatus: 'FAIL',
				ErrorCode: scripted.errorCode,
				ErrorInfo,
			});
		}
		case 'echoStatusText':
			response.writeHead(scripted.status, `Bad Gateway for ${echoed(request, 'url')}`, {
				'content-type': 'text/plain',
			});
			response.end('bad gateway');
			return;
		case 'echoRedirect':
			return sendJson(
				response,
				302,
				{ message: 'moved' },
				{ location: `https://elsewhere.example.com/v4/x?from=${echoed(request, scripted.form)}` },
			);
	}
}

/** The request's URL, or its UserSig alone, in the form a careless server might quote it. */
function echoed(request: IncomingMessage, form: EchoForm): string {
	const url = `http://${request.headers.host ?? '127.0.0.1'}${request.url ?? ''}`;
	const userSig = new URL(url).searchParams.get('usersig') ?? '';
	switch (form) {
		case 'url':
			return url;
		case 'percentEncoded':
			return encodeURIComponent(url);
		case 'json':
			return JSON.stringify({ url: url.split('?')[0], usersig: userSig });
		case 'bare':
			return `signature ${userSig} refused`;
		case 'base64':
			return Buffer.from(`{"request":"${url}"}`).toString('base64');
	}
}

/** Valid JSON in the end, so that only a size cap refuses it. */
async function sendHuge(response: ServerResponse, bytes: number): Promise<void> {
	response.writeHead(200, { 'content-type': 'application/json' });
	if (!(await write(response, PREFIX))) return;
	for (let left = bytes; left > 0; left -= CHUNK_BYTES) {
		if (!(await write(response, 'x'.repeat(Math.min(left, CHUNK_BYTES))))) return;
		await nextTurn();
	}
	response.end('"}');
}

/** Stops once the client goes away (or the server stops and destroys the socket). */
async function sendEndless(
	response: ServerResponse,
	chunkBytes: number,
	intervalMs: number,
): Promise<void> {
	response.writeHead(200, { 'content-type': 'application/json' });
	const chunk = 'x'.repeat(chunkBytes);
	let open = await write(response, PREFIX);
	while (open) {
		await (intervalMs > 0
			? new Promise((resolve) => setTimeout(resolve, intervalMs).unref())
			: nextTurn());
		open = await write(response, chunk);
	}
}

/** Changes the per-entry list of a command's answer; a command without one is left as it is. */
export function transformAnswer(
	answer: Answer,
	transform: Transform,
	entries: EntryList | undefined,
): Answer {
	if (entries === undefined) return answer;
	const list = Array.isArray(answer[entries.list])
		? (answer[entries.list] as Array<Record<string, unknown>>)
		: [];
	const withList = (changed: Array<Record<string, unknown>>): Answer => ({
		...answer,
		[entries.list]: changed,
	});
	const changeFirst = (change: Record<string, unknown>) =>
		withList(list.map((entry, index) => (index === 0 ? { ...entry, ...change } : entry)));
	switch (transform) {
		case 'dropList': {
			const without: Answer = { ...answer, ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
			delete without[entries.list];
			return without;
		}
		case 'dropFirst':
			return withList(list.slice(1));
		case 'addStranger':
			return withList([
				...list,
				{ [entries.id]: 'stranger', ...(entries.result ? { [entries.result]: 1 } : {}) },
			]);
		case 'renameFirst':
			return changeFirst({ [entries.id]: 'renamed' });
		case 'badResult':
			return entries.result ? changeFirst({ [entries.result]: 7 }) : answer;
	}
}

/** The answer with one value changed (`set` may add one); a path that is not in the answer leaves it as it is. */
export function mutateAnswer(answer: Answer, mutation: Mutation): Answer {
	const copy = structuredClone(answer) as Record<string | number, unknown>;
	const parentPath = mutation.path.slice(0, -1);
	const last = mutation.path[mutation.path.length - 1];
	let parent: Record<string | number, unknown> | undefined = copy;
	for (const step of parentPath) {
		const next: unknown = parent?.[step];
		parent =
			typeof next === 'object' && next !== null
				? (next as Record<string | number, unknown>)
				: undefined;
	}
	if (parent === undefined || last === undefined || (!(last in parent) && !('set' in mutation)))
		return copy as Answer;
	if ('set' in mutation) parent[last] = mutation.set;
	else if ('remove' in mutation) {
		if (Array.isArray(parent)) parent.splice(Number(last), 1);
		else delete parent[last];
	} else if (Array.isArray(parent)) {
		const entry = structuredClone(parent[last as number]);
		parent.push('stranger' in mutation ? renamed(entry) : entry);
	}
	return copy as Answer;
}

/** Every text value of an entry renamed: the entry of an ID nobody asked about. */
function renamed(value: unknown): unknown {
	if (typeof value === 'string') return `stranger_${value}`.slice(0, 32);
	if (Array.isArray(value)) return value.map(renamed);
	if (typeof value === 'object' && value !== null)
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, renamed(inner)]));
	return value;
}
