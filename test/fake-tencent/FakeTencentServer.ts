// A Tencent Chat REST server for tests: real HTTP on 127.0.0.1. The core here verifies UserSigs,
// routes `/v4/<service>/<command>` to the module of the resource whose table has that command
// (`services/`, one module per resource), enforces each command's limits from that table, injects
// faults and scripted answers into any command, and keeps stats. What tests read of an app's state
// is each module's own (its `inspections`, through `inspect`), so the core names no resource.
// Control and inspection go through `/_fake/*` too (see `control.ts`), so it serves in-process and
// as a child process (`main.ts`).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { type Command } from '../../nodes/TencentChat/client/commands';
import { commandAt } from '../../nodes/TencentChat/actions/resources';
import { CallWindows } from './callWindows';
import { DEFAULT_FAULTS, type FakeApp, type FaultConfig, type ScriptedAnswer } from './config';
import { CallbackSender } from './callbacks';
import { answerControl, NotFound } from './controlEndpoints';
import { pickFault, seededRandom } from './faults';
import { delay, readBody, sendJson } from './http';
import { mutateAnswer, sendAsIs, transformAnswer } from './scriptedAnswers';
import {
	createStates,
	INSPECTION_NAMES,
	type InspectionArgs,
	type InspectionName,
	type InspectionResult,
	inspectionRouteOf,
	isImportedIn,
	type Route,
	routeOf,
} from './services';
import {
	type Answer,
	failed,
	type RequestBody,
	type ServiceModule,
	TencentFailure,
} from './services/service';
import { countAdmitted, countApplied, countCall, emptyStats, type FakeStats } from './stats';
import { checkUserSig, userSigsSeen } from './userSigCheck';

export { DEFAULT_FAULTS } from './config';
export type { FakeApp, FaultConfig, FaultKind, ScriptedAnswer, Transform } from './config';
export type { FakeStats } from './stats';

interface AppState {
	config: FakeApp;
	/** Each module's own state for this app. */
	services: Map<ServiceModule<unknown>, unknown>;
	windows: CallWindows;
}

/** A call that passed every check and was let through the limits, ready to be carried out. */
interface Call {
	app: AppState;
	route: Route;
	command: Command;
	body: RequestBody;
	/** The admin that made the call: the callbacks' Operator_Account. */
	identifier: string;
}

export class FakeTencentServer {
	/** Every UserSig any fake server in this process was sent: the leak checks look for them. */
	static readonly userSigsSeen = userSigsSeen;

	private server: Server | undefined;
	private readonly apps = new Map<number, AppState>();
	private readonly sockets = new Set<Socket>();
	private faults: FaultConfig = { ...DEFAULT_FAULTS };
	private scripted: ScriptedAnswer[] = [];
	/** The last answer each command's service gave (before any mutation): for tests that change one value of it. */
	readonly answersGiven = new Map<string, Record<string, unknown>>();
	private inFlight = 0;
	private random: () => number = Math.random;
	stats: FakeStats = emptyStats();
	/** The webhooks the app's commands send, once a test gives it a callback URL. */
	readonly callbacks = new CallbackSender();
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

	/** Adds the app, or replaces it with fresh state and fresh call windows. */
	addApp(app: FakeApp): void {
		this.apps.set(app.sdkAppId, {
			config: app,
			services: createStates(app),
			windows: new CallWindows(),
		});
	}

	setFaults(faults: Partial<FaultConfig>, seed?: number): void {
		this.faults = { ...DEFAULT_FAULTS, ...faults };
		if (seed !== undefined) this.random = seededRandom(seed);
	}

	/** Answers for the next service calls, one each, whatever their command. */
	script(...answers: ScriptedAnswer[]): void {
		this.scripted.push(...answers);
	}

	resetStats(): void {
		this.stats = emptyStats();
	}

	/**
	 * What the inspection `name` of a module reads of that module's state of the app (or, for a
	 * test's setup, sets), typed by the module's declaration. Throws `NotFound` for a name no module
	 * declares or an app the server does not have.
	 */
	inspect<Name extends InspectionName>(
		name: Name,
		sdkAppId: number,
		...args: InspectionArgs<Name>
	): InspectionResult<Name> {
		const route = inspectionRouteOf(name);
		if (route === undefined)
			throw new NotFound(
				`the fake server has no inspection ${JSON.stringify(name)}; its modules declare ${INSPECTION_NAMES.join(', ')}`,
			);
		const app = this.apps.get(sdkAppId);
		if (app === undefined) throw new NotFound(`the fake server has no app ${sdkAppId}`);
		return route.inspect(
			app.services.get(route.module) as never,
			...(args as unknown as never[]),
		) as InspectionResult<Name>;
	}

	/**
	 * Carries a command out on an app's state directly, as a test's setup: no HTTP, no limit, no
	 * scripted answer used up (it counts as applied, and sends its callbacks). Returns its answer.
	 */
	seed(sdkAppId: number, path: string, body: RequestBody): Answer {
		const app = this.apps.get(sdkAppId);
		const command = commandAt(path);
		const route = command && routeOf(command);
		if (app === undefined || command === undefined || route === undefined)
			throw new Error(`cannot seed ${path} of app ${sdkAppId}`);
		return this.carryOut({ app, route, command, body, identifier: app.config.admins[0] });
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
			if (url.pathname.startsWith('/_fake/'))
				return answerControl(this, url.pathname, body, response);
			this.stats.requests++;
			await this.answer(url, body, request, response);
		} catch (error) {
			if (!response.headersSent) sendJson(response, 500, { error: String(error) });
		}
	}

	private async answer(
		url: URL,
		rawBody: string,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		let call: Call;
		try {
			call = this.admit(request.method, url, rawBody);
		} catch (error) {
			if (!(error instanceof TencentFailure)) throw error;
			return this.reply(response, failed(error.errorCode, error.errorInfo));
		}

		const scripted = this.scripted.shift();
		if (
			scripted !== undefined &&
			scripted.kind !== 'fault' &&
			scripted.kind !== 'transform' &&
			scripted.kind !== 'mutate'
		) {
			if ('apply' in scripted && scripted.apply) this.carryOut(call);
			await this.latency();
			return sendAsIs(scripted, request, response);
		}

		const fault = scripted?.kind === 'fault' ? scripted.fault : pickFault(this.faults, this.random);
		if (fault !== undefined) {
			this.stats.faultsInjected++;
			this.stats.faultsByKind[fault] = (this.stats.faultsByKind[fault] ?? 0) + 1;
		}
		if (fault === 'http502') return this.reply(response, { message: 'Bad Gateway' }, 502);
		if (fault === 'error20005')
			return this.reply(response, failed(20005, 'Internal server error, please try again'));
		if (fault === 'resetBeforeApply') return void request.socket.destroy();

		const answer = this.carryOut(call);
		this.answersGiven.set(call.command.name, answer);
		if (fault === 'resetAfterApply') return void request.socket.destroy();
		if (fault === 'stall') await delay(this.faults.stallMs);
		if (scripted?.kind === 'mutate')
			return this.reply(response, mutateAnswer(answer, scripted.mutation));
		if (scripted?.kind !== 'transform') return this.reply(response, answer);
		const entries = call.route.module.entryLists?.[call.route.key];
		return this.reply(response, transformAnswer(answer, scripted.transform, entries));
	}

	/** The checks Tencent makes before a command runs, in its order; a failed one throws its answer. */
	private admit(method: string | undefined, url: URL, rawBody: string): Call {
		if (method !== 'POST') throw new TencentFailure(60002, 'HTTP method must be POST');
		const [, serviceName, commandName] = /^\/v4\/([^/]+)\/([^/]+)$/.exec(url.pathname) ?? [];
		if (serviceName === undefined) throw new TencentFailure(60002, 'unknown path');
		const app = this.authenticate(url.searchParams);

		let body: unknown;
		try {
			body = JSON.parse(rawBody);
		} catch {
			throw new TencentFailure(60003, 'body is not JSON');
		}
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			throw new TencentFailure(60003, 'body is not a JSON object');
		}

		const command = commandAt(`${serviceName}/${commandName}`);
		const route = command && routeOf(command);
		if (command === undefined || route === undefined)
			throw new TencentFailure(60002, `fake server has no ${serviceName}/${commandName}`);

		countCall(this.stats, command.name);
		const key =
			command.keyField === undefined
				? undefined
				: String((body as RequestBody)[command.keyField] ?? '');
		const admission = app.windows.admit(command, key, this.faults, performance.now());
		if (!admission.admitted) {
			this.stats.rateLimited++;
			throw new TencentFailure(60007, 'REST API call frequency exceeds the limit');
		}
		countAdmitted(this.stats, command.name, admission.inWindow, admission.spanMs);
		return {
			app,
			route,
			command,
			body: body as RequestBody,
			identifier: url.searchParams.get('identifier') ?? '',
		};
	}

	private authenticate(params: URLSearchParams): AppState {
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
			throw new TencentFailure(60025, 'invalid URL parameter');
		}
		const app = this.apps.get(sdkAppId);
		if (app === undefined)
			throw new TencentFailure(70016, 'SDKAppID not found in this data centre');
		this.stats.signaturesSeen++;
		FakeTencentServer.userSigsSeen.add(userSig);
		const sig = checkUserSig(userSig, {
			identifier,
			sdkAppId,
			secretKey: app.config.secretKey,
			nowSeconds: this.nowSeconds(),
		});
		if (!sig.ok) {
			this.stats.rejectedSignatures++;
			throw new TencentFailure(sig.errorCode as number, sig.errorInfo as string);
		}
		if (!app.config.admins.includes(identifier))
			throw new TencentFailure(60016, 'identifier is not an app admin');
		return app;
	}

	private carryOut({ app, route, command, body, identifier }: Call): Answer {
		let answer: Answer;
		try {
			answer = route.handler(app.services.get(route.module), body, {
				command,
				nowSeconds: this.nowSeconds(),
				operator: identifier,
				isImported: (userId) => isImportedIn(app.services, userId),
			});
		} catch (error) {
			if (!(error instanceof TencentFailure)) throw error;
			answer = failed(error.errorCode, error.errorInfo);
		}
		if (answer.ErrorCode === 0) {
			countApplied(this.stats, command.name);
			const events =
				route.module.callbacks?.[route.key]?.(body, answer, {
					operator: identifier,
					nowMs: this.nowSeconds() * 1000,
				}) ?? [];
			for (const event of events)
				this.callbacks.emit(app.config.sdkAppId, event.command, event.body);
		}
		return answer;
	}

	private async reply(response: ServerResponse, answer: object, status = 200): Promise<void> {
		await this.latency();
		sendJson(response, status, answer);
	}

	private async latency(): Promise<void> {
		if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs);
	}

	private nowSeconds(): number {
		return Math.floor(Date.now() / 1000) + this.clockOffsetSeconds;
	}
}
