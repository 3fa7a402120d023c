import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { CallbackSender } from './callbacks'; // [callbacks]
import { checkUserSig } from './userSigCheck';

/**
 * A Tencent Chat REST server for tests: real HTTP on 127.0.0.1. It verifies UserSigs, keeps
 * official accounts and their subscribers, enforces add_subscriber's 1-100 subscribers a call and
 * the 200 calls a second per app (over any sliding second), and injects faults and latency.
 * Control and inspection go through `/_fake/*` too, so it serves in-process and as a child process.
 */
export interface FakeApp {
	sdkAppId: number;
	secretKey: string;
	admins: string[];
	/** Official account IDs that exist, with an optional subscriber cap each. */
	officialAccounts: Record<string, { maxSubscribers?: number; subscribers?: string[] }>;
	/** Accounts that exist for account_check. */
	accounts?: string[];
}

export interface FaultConfig {
	/** Added before answering every request, in ms. */
	latencyMs: number;
	/** Share of requests answered HTTP 502 without being carried out. */
	http502: number;
	/** Share of requests answered ErrorCode 20005 without being carried out. */
	error20005: number;
	/** Share of requests whose connection is destroyed before they are carried out. */
	resetBeforeApply: number;
	/** Share of requests carried out, whose connection is then destroyed without an answer. */
	resetAfterApply: number;
	/** Share of requests carried out, whose answer is then held for `stallMs`. */
	stall: number;
	stallMs: number;
	/** Calls per second per app; calls over it are answered 60007 and not carried out. */
	callsPerSecond: number;
	/** Calls per second that some other client of the app uses up. */
	reservedCallsPerSecond: number;
}

/** A scripted answer for the next add_subscriber calls, to test what the client makes of it. */
export type ScriptedAnswer =
	| { kind: 'raw'; status: number; body: string; apply?: boolean; contentType?: string }
	| { kind: 'transform'; transform: 'dropList' | 'dropFirst' | 'addStranger' | 'renameFirst' | 'badResult' }
	| { kind: 'fault'; fault: FaultKind };

const FAULT_KINDS = ['http502', 'error20005', 'resetBeforeApply', 'resetAfterApply', 'stall'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const DEFAULT_FAULTS: FaultConfig = {
	latencyMs: 0,
	http502: 0,
	error20005: 0,
	resetBeforeApply: 0,
	resetAfterApply: 0,
	stall: 0,
	stallMs: 0,
	callsPerSecond: 200,
	reservedCallsPerSecond: 0,
};

export interface FakeStats {
	requests: number;
	addSubscriberCalls: number;
	addSubscriberApplied: number;
	rateLimited: number;
	faultsInjected: number;
	connections: number;
	peakCallsPerSecond: number;
	/**
	 * The shortest time in which the app's budget plus one calls were let through (calls i and
	 * i + budget): how close a client came to the limit, which it broke below 1,000 ms. Null until
	 * a budget's worth of calls has been let through.
	 */
	tightestSpanMs: number | null;
	maxInFlight: number;
	/** Requests whose client went away before the answer was sent. */
	abandoned: number;
	/** Wall-clock ms of the first and the last add_subscriber call let through. */
	firstCallAt: number;
	lastCallAt: number;
	/** Requests that carried a UserSig to verify. */
	signaturesSeen: number;
	rejectedSignatures: number;
}

interface AppState {
	config: FakeApp;
	accounts: Map<string, { maxSubscribers: number; subscribers: Set<string> }>;
	/** The latest calls let through, oldest first: as many as the limit. */
	acceptedAt: number[];
}

const MAX_USER_ID_BYTES = 32;


export class FakeTencentServer {
	/** Every UserSig any fake server in this process was sent: the leak checks look for them. */
	static readonly userSigsSeen = new Set<string>();

	private server: Server | undefined;
	private readonly apps = new Map<number, AppState>();
	private readonly sockets = new Set<Socket>();
	private faults: FaultConfig = { ...DEFAULT_FAULTS };
	private scripted: ScriptedAnswer[] = [];
	private inFlight = 0;
	private random: () => number = Math.random;
	stats: FakeStats = emptyStats();
	readonly callbacks = new CallbackSender(); // [callbacks]
	/** Seconds since the epoch, as the server sees it: tests move it to expire UserSigs. */
	clockOffsetSeconds = 0;

	constructor(apps: FakeApp[] = []) {
		for (const app of apps) this.addApp(app);
	}

	get url(): string {
		const { port } = this.server?.address() as AddressInfo;
		return `http://127.0.0.1:${port}`;
	}

	async start(port = 0): Promise<string> {
		this.server = createServer((request, response) => void this.handle(request, response));
		this.server.keepAliveTimeout = 60_000;
		this.server.on('connection', (socket) => {
			this.stats.connections++;
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
		return this.url;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}

	addApp(app: FakeApp): void {
		const accounts = new Map(
			Object.entries(app.officialAccounts).map(([id, account]) => [
				id,
				{ maxSubscribers: account.maxSubscribers ?? Number.POSITIVE_INFINITY, subscribers: new Set(account.subscribers ?? []) },
			]),
		);
		this.apps.set(app.sdkAppId, { config: app, accounts, acceptedAt: [] });
	}

	setFaults(faults: Partial<FaultConfig>, seed?: number): void {
		this.faults = { ...DEFAULT_FAULTS, ...faults };
		if (seed !== undefined) this.random = seededRandom(seed);
	}

	script(...answers: ScriptedAnswer[]): void {
		this.scripted.push(...answers);
	}

	resetStats(): void {
		this.stats = emptyStats();
	}

	subscribers(sdkAppId: number, officialAccount: string): string[] {
		return [...(this.apps.get(sdkAppId)?.accounts.get(officialAccount)?.subscribers ?? [])];
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		this.inFlight++;
		this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.inFlight);
		response.on('close', () => {
			this.inFlight--;
			if (!response.writableFinished) this.stats.abandoned++;
		});
		try {
			const body = await readBody(request);
			const url = new URL(request.url ?? '/', 'http://127.0.0.1');
			if (url.pathname.startsWith('/_fake/')) return this.control(url.pathname, body, response);
			this.stats.requests++;
			await this.answer(url, body, request, response);
		} catch (error) {
			if (!response.headersSent) send(response, 500, { error: String(error) });
		}
	}

	private async answer(
		url: URL,
		rawBody: string,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		const reply = async (answer: object, status = 200) => {
			if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs);
			send(response, status, answer);
		};
		const fail = (errorCode: number, errorInfo: string) => reply({ ActionStatus: 'FAIL', ErrorCode: errorCode, ErrorInfo: errorInfo });

		if (request.method !== 'POST') return fail(60002, 'HTTP method must be POST');
		const match = /^\/v4\/([^/]+)\/([^/]+)$/.exec(url.pathname);
		if (!match) return fail(60002, 'unknown path');
		const [, service, command] = match;

		const params = url.searchParams;
		const sdkAppId = Number(params.get('sdkappid'));
		const identifier = params.get('identifier') ?? '';
		const userSig = params.get('usersig') ?? '';
		const random = Number(params.get('random'));
		if (
			!params.get('sdkappid') ||
			!identifier ||
			!userSig ||
			params.get('contenttype') !== 'json' ||
			!Number.isInteger(random) ||
			random < 0 ||
			random > 4294967295
		) {
			return fail(60025, 'invalid URL parameter');
		}
		const app = this.apps.get(sdkAppId);
		if (app === undefined) return fail(70016, 'SDKAppID not found in this data centre');
		this.stats.signaturesSeen++;
		FakeTencentServer.userSigsSeen.add(userSig);
		const sig = checkUserSig(userSig, {
			identifier,
			sdkAppId,
			secretKey: app.config.secretKey,
			nowSeconds: Math.floor(Date.now() / 1000) + this.clockOffsetSeconds,
		});
		if (!sig.ok) {
			this.stats.rejectedSignatures++;
			return fail(sig.errorCode as number, sig.errorInfo as string);
		}
		if (!app.config.admins.includes(identifier)) return fail(60016, 'identifier is not an app admin');

		let body: Record<string, unknown>;
		try {
			body = JSON.parse(rawBody) as Record<string, unknown>;
		} catch {
			return fail(60003, 'body is not JSON');
		}

		if (service === 'im_open_login_svc' && command === 'account_check') return reply(accountCheck(app, body));
		if (service !== 'official_account_open_http_svc' || command !== 'add_subscriber') {
			return fail(60002, `fake server has no ${service}/${command}`);
		}

		this.stats.addSubscriberCalls++;
		if (!this.admit(app, performance.now())) {
			this.stats.rateLimited++;
			return fail(60007, 'REST API call frequency exceeds the limit');
		}

		const scripted = this.scripted.shift();
		if (scripted?.kind === 'raw') {
			if (scripted.apply) addSubscriber(app, body);
			if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs);
			response.writeHead(scripted.status, { 'content-type': scripted.contentType ?? 'text/html' });
			response.end(scripted.body);
			return;
		}

		const fault = scripted?.kind === 'fault' ? scripted.fault : this.pickFault();
		if (fault !== undefined) this.stats.faultsInjected++;
		if (fault === 'http502') return reply({ message: 'Bad Gateway' }, 502);
		if (fault === 'error20005') return fail(20005, 'Internal server error, please try again');
		if (fault === 'resetBeforeApply') return void request.socket.destroy();

		const answer = addSubscriber(app, body);
		this.callbacks.emitAddedSubscribers(sdkAppId, identifier, body.Official_Account, answer.SubscriberList); // [callbacks]
		if (answer.ErrorCode === 0) this.stats.addSubscriberApplied++;
		if (fault === 'resetAfterApply') return void request.socket.destroy();
		if (fault === 'stall') await delay(this.faults.stallMs);
		if (scripted?.kind === 'transform') return reply(transformAnswer(answer, scripted.transform));
		return reply(answer);
	}

	/** One roll picks at most one fault, each with its configured share of the requests. */
	private pickFault(): FaultKind | undefined {
		let roll = this.random();
		for (const kind of FAULT_KINDS) {
			roll -= this.faults[kind];
			if (roll < 0) return kind;
		}
		return undefined;
	}

	/** The per-app limit over any sliding second; only calls let through count. */
	private admit(app: AppState, now: number): boolean {
		const budget = this.faults.callsPerSecond - this.faults.reservedCallsPerSecond;
		const recent = app.acceptedAt;
		let inWindow = 0;
		while (inWindow < recent.length && recent[recent.length - 1 - inWindow] > now - 1000) inWindow++;
		if (inWindow >= budget) return false;
		if (recent.length >= budget) {
			const span = now - recent[recent.length - budget];
			this.stats.tightestSpanMs = Math.min(this.stats.tightestSpanMs ?? span, span);
		}
		recent.push(now);
		if (recent.length > this.faults.callsPerSecond) recent.shift();
		this.stats.lastCallAt = Date.now();
		this.stats.firstCallAt ||= this.stats.lastCallAt;
		this.stats.peakCallsPerSecond = Math.max(this.stats.peakCallsPerSecond, inWindow + 1);
		return true;
	}

	private control(path: string, body: string, response: ServerResponse): void {
		const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
		if (path.startsWith('/_fake/callbacks')) return void this.callbacks.control(path, input).then((answer) => send(response, answer.status, answer.body)); // [callbacks]
		switch (path) {
			case '/_fake/apps':
				this.addApp(input as unknown as FakeApp);
				return send(response, 200, { ok: true });
			case '/_fake/faults':
				this.setFaults(input.faults as Partial<FaultConfig>, input.seed as number | undefined);
				return send(response, 200, { ok: true });
			case '/_fake/stats':
				return send(response, 200, this.stats);
			case '/_fake/reset-stats':
				this.resetStats();
				return send(response, 200, { ok: true });
			case '/_fake/subscribers':
				return send(response, 200, {
					subscribers: this.subscribers(Number(input.sdkAppId), String(input.officialAccount)),
				});
			default:
				return send(response, 404, { error: `no control ${path}` });
		}
	}
}

interface AddAnswer {
	ActionStatus: string;
	ErrorCode: number;
	ErrorInfo: string;
	SubscriberList?: Array<{ Subscriber_Account: string; Result: number }>;
}

function addSubscriber(app: AppState, body: Record<string, unknown>): AddAnswer {
	const failWith = (ErrorCode: number, ErrorInfo: string): AddAnswer => ({ ActionStatus: 'FAIL', ErrorCode, ErrorInfo });
	const accountId = body.Official_Account;
	const list = body.SubscriberList;
	if (typeof accountId !== 'string' || accountId === '') return failWith(6017, 'Official_Account is required');
	if (!Array.isArray(list) || list.length < 1 || list.length > 100) {
		return failWith(6017, 'SubscriberList must hold 1 to 100 subscribers');
	}
	const ids: string[] = [];
	for (const entry of list) {
		const id = (entry as Record<string, unknown>)?.Subscriber_Account;
		if (typeof id !== 'string') return failWith(6017, 'Subscriber_Account must be a string');
		ids.push(id);
	}
	const account = app.accounts.get(accountId);
	if (account === undefined) return failWith(130004, 'official account does not exist');

	const newcomers = new Set(ids.filter((id) => !account.subscribers.has(id) && isValidUserId(id)));
	if (account.subscribers.size + newcomers.size > account.maxSubscribers) {
		return failWith(130006, 'subscriber limit of the official account reached');
	}
	const SubscriberList = ids.map((id) => {
		if (!isValidUserId(id)) return { Subscriber_Account: id, Result: 0 };
		if (account.subscribers.has(id)) return { Subscriber_Account: id, Result: 2 };
		account.subscribers.add(id);
		return { Subscriber_Account: id, Result: 1 };
	});
	return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', SubscriberList };
}

/** The fake's stand-in for Tencent's own judgement of a UserID: at most 32 bytes. */
function isValidUserId(id: string): boolean {
	return Buffer.byteLength(id, 'utf8') <= MAX_USER_ID_BYTES;
}

function accountCheck(app: AppState, body: Record<string, unknown>): object {
	const items = Array.isArray(body.CheckItem) ? (body.CheckItem as Array<{ UserID?: unknown }>) : [];
	const known = new Set([...(app.config.accounts ?? []), ...app.config.admins]);
	return {
		ActionStatus: 'OK',
		ErrorCode: 0,
		ErrorInfo: '',
		ResultItem: items.map((item) => ({
			UserID: item.UserID,
			ResultCode: 0,
			ResultInfo: '',
			AccountStatus: known.has(String(item.UserID)) ? 'Imported' : 'NotImported',
		})),
	};
}

function transformAnswer(answer: AddAnswer, transform: string): object {
	const list = answer.SubscriberList ?? [];
	switch (transform) {
		case 'dropList':
			return { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
		case 'dropFirst':
			return { ...answer, SubscriberList: list.slice(1) };
		case 'addStranger':
			return { ...answer, SubscriberList: [...list, { Subscriber_Account: 'stranger', Result: 1 }] };
		case 'renameFirst':
			return {
				...answer,
				SubscriberList: list.map((entry, index) => (index === 0 ? { ...entry, Subscriber_Account: 'renamed' } : entry)),
			};
		case 'badResult':
			return { ...answer, SubscriberList: list.map((entry, index) => (index === 0 ? { ...entry, Result: 7 } : entry)) };
		default:
			return answer;
	}
}

function emptyStats(): FakeStats {
	return {
		requests: 0,
		addSubscriberCalls: 0,
		addSubscriberApplied: 0,
		rateLimited: 0,
		faultsInjected: 0,
		connections: 0,
		peakCallsPerSecond: 0,
		tightestSpanMs: null,
		maxInFlight: 0,
		abandoned: 0,
		firstCallAt: 0,
		lastCallAt: 0,
		signaturesSeen: 0,
		rejectedSignatures: 0,
	};
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function send(response: ServerResponse, status: number, body: object): void {
	if (response.destroyed) return;
	const text = JSON.stringify(body);
	response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	response.end(text);
}

/** Unref'd: a held answer never keeps a finished test process alive (the listening socket does, while it listens). */
function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** mulberry32: the same faults for the same seed, so a failing soak can be replayed. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
