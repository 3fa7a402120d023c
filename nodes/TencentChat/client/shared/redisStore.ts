import { createHash, randomBytes } from 'node:crypto';

import type { RedisClientType } from '@redis/client';

import { CredentialError } from '../credentials';
import { type Clock, realClock } from '../pacer';
import { serviceText } from '../serviceText';
import { HOURLY, RESERVE } from './scripts';

// One connection to the Redis that keeps this package's budgets for every n8n process that uses
// it, and whether it can be trusted right now. Redis faults never stop the work: a command that
// fails or answers late marks the store down for a moment, the pacers fall back to this process's
// share, and the client reconnects on its own. Only a refusal of the credential (a wrong password,
// user or database) stops executions, with an error that names the field.

export interface SharedBudgetSettings {
	host: string;
	port: number;
	database: number;
	user: string;
	password: string;
	tls: boolean;
	keyPrefix: string;
}

/**
 * A command that has not answered by then is a fault: the pacers go on without Redis. Long enough
 * that a busy event loop in this process (planning a large job) is not taken for a Redis fault.
 */
export const REDIS_TIMEOUT_MS = 2_000;
/** How long an execution waits for the first connection before it starts without Redis. */
const FIRST_CONNECT_WAIT_MS = 1_500;
/** After a fault, how long before Redis is asked again (its connection, if lost, comes back on its own). */
const RETRY_AFTER_FAULT_MS = 1_000;

export type ScriptName = 'reserve' | 'hourly';
const SCRIPTS: Record<ScriptName, { text: string; sha: string }> = {
	reserve: { text: RESERVE, sha: sha1(RESERVE) },
	hourly: { text: HOURLY, sha: sha1(HOURLY) },
};

/** A fault of Redis (down, slow, flushed): the pacers fall back; never shown as a failure of the call. */
export class RedisFault extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RedisFault';
	}
}

export class RedisBudgetStore {
	/** Names this process's slots in Redis: unique across workers, no secret in it. */
	readonly worker = randomBytes(6).toString('base64url');
	readonly where: string;
	/** Counts the times Redis went away: an execution says so once per time. */
	episode = 0;
	/** Why Redis is not used right now, safe to show. */
	reason = '';
	/** When Redis came back after having been away (undefined if it never went away). */
	returnedAt: number | undefined;
	private client: RedisClientType | undefined;
	private firstConnection: Promise<void> | undefined;
	private refusal: CredentialError | undefined;
	private down = false;
	private faultUntil = Number.NEGATIVE_INFINITY;
	private connectedOnce = false;

	constructor(
		readonly settings: SharedBudgetSettings,
		/** Tells stores apart: storeKey(settings). */
		readonly id: string,
		readonly clock: Clock = realClock,
	) {
		this.where = `${settings.host}:${settings.port}`;
	}

	/** The key of `name` under the credential's prefix. */
	key(name: string): string {
		return `${this.settings.keyPrefix}${name}`;
	}

	/**
	 * At the start of an execution: connects if not yet connected, waiting a moment for it.
	 * Throws a CredentialError if Redis refused the credential; otherwise never throws.
	 */
	async ready(): Promise<void> {
		if (this.refusal) throw this.refusal;
		// Only the first execution waits: later ones find Redis connected, or go on without it at once.
		this.firstConnection ??= this.waitForFirstConnection();
		await this.firstConnection;
		if (this.refusal) throw this.refusal;
	}

	/** Whether the pacers may count on Redis now. */
	usable(): boolean {
		if (this.refusal || !this.client?.isReady) {
			if (this.firstConnection)
				this.goDown(this.reason || `the connection to Redis at ${this.where} was lost`);
			return false;
		}
		if (this.clock.now() < this.faultUntil) return false;
		if (this.down) {
			this.down = false;
			this.returnedAt = this.clock.now();
		}
		return true;
	}

	/** Redis failed a command or lied about a window: go on without it for a moment. */
	fault(reason: string): void {
		this.goDown(reason);
		this.faultUntil = this.clock.now() + RETRY_AFTER_FAULT_MS;
	}

	/** Runs a script on its keys; a failure or a late answer is a fault, and throws RedisFault. */
	async run(script: ScriptName, keys: string[], args: Array<string | number>): Promise<number[]> {
		const client = this.client;
		if (client === undefined || !this.usable()) throw new RedisFault(this.reason);
		const argv = [String(keys.length), ...keys, ...args.map(String)];
		try {
			try {
				return await client.sendCommand<number[]>(['EVALSHA', SCRIPTS[script].sha, ...argv], {
					timeout: REDIS_TIMEOUT_MS,
				});
			} catch (error) {
				if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
				return await client.sendCommand<number[]>(['EVAL', SCRIPTS[script].text, ...argv], {
					timeout: REDIS_TIMEOUT_MS,
				});
			}
		} catch (error) {
			const refusal = this.refusalOf(error);
			if (refusal) this.refuse(refusal);
			const reason = `Redis at ${this.where} failed a command: ${this.describe(error)}`;
			this.fault(reason);
			throw new RedisFault(reason);
		}
	}

	async close(): Promise<void> {
		const client = this.client;
		this.client = undefined;
		if (client?.isReady) await client.close().catch(() => client.destroy());
		else client?.destroy();
	}

	private goDown(reason: string): void {
		this.reason = reason;
		if (this.down) return;
		this.down = true;
		this.episode++;
	}

	private async waitForFirstConnection(): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const waited = new Promise<void>(
			(resolve) => (timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS)),
		);
		await Promise.race([this.connect(), waited]);
		clearTimeout(timer);
		if (!this.connectedOnce && !this.refusal)
			this.goDown(this.reason || `Redis at ${this.where} did not answer`);
	}

	private async connect(): Promise<void> {
		const { createClient } = await import('@redis/client');
		const { host, port, database, user, password, tls } = this.settings;
		const client = createClient({
			socket: {
				host,
				port,
				...(tls ? { tls: true as const, servername: host } : {}),
				connectTimeout: REDIS_TIMEOUT_MS,
				// Reconnects for as long as the process lives, at most a second apart; a refused credential stops it.
				reconnectStrategy: (retries: number) =>
					this.refusal ? false : Math.min(50 * 2 ** retries, 1_000),
			},
			username: user || undefined,
			password: password || undefined,
			database,
			// A command while disconnected fails at once: the pacers fall back rather than wait.
			disableOfflineQueue: true,
			RESP: 2,
		}) as unknown as RedisClientType;
		client.on('error', (error: unknown) => {
			const refusal = this.refusalOf(error);
			if (refusal) this.refuse(refusal);
			else if (this.connectedOnce)
				this.goDown(`the connection to Redis at ${this.where} was lost: ${this.describe(error)}`);
			else this.reason = `Redis at ${this.where} did not answer: ${this.describe(error)}`;
		});
		client.on('ready', () => (this.connectedOnce = true));
		this.client = client;
		await client.connect().catch((error: unknown) => {
			const refusal = this.refusalOf(error);
			if (refusal) this.refuse(refusal);
		});
	}

	private refuse(refusal: CredentialError): void {
		this.refusal = refusal;
		this.goDown(refusal.message);
		this.client?.destroy();
	}

	/** Redis's answers that mean the credential is wrong, not that Redis is away. */
	private refusalOf(error: unknown): CredentialError | undefined {
		const text = String((error as Error | undefined)?.message ?? '');
		if (/^WRONGPASS|invalid (username-)?password|^NOAUTH/i.test(text)) {
			return new CredentialError(
				'Redis Password',
				`Redis at ${this.where} refused the Redis User and Redis Password: ${this.describe(error)}`,
			);
		}
		if (/without any password configured/i.test(text)) {
			return new CredentialError(
				'Redis Password',
				`Redis at ${this.where} has no password: leave Redis Password empty`,
			);
		}
		if (/^NOPERM/i.test(text)) {
			return new CredentialError(
				'Redis User',
				`Redis at ${this.where} does not let Redis User run scripts (EVAL, EVALSHA): ${this.describe(error)}`,
			);
		}
		if (/DB index is out of range|invalid DB index/i.test(text)) {
			return new CredentialError(
				'Redis Database',
				`Redis at ${this.where} has no database ${this.settings.database}`,
			);
		}
		return undefined;
	}

	/** An error's text, safe to show: bounded, printable, without the password even if Redis echoed it. */
	private describe(error: unknown): string {
		const code = (error as { code?: unknown } | undefined)?.code;
		const text = String((error as Error | undefined)?.message || code || error);
		const password = this.settings.password;
		return serviceText(password ? text.split(password).join('***') : text, 200);
	}
}

/** One store per Redis and settings: the key holds a hash of the password, never the password. */
export function storeKey(settings: SharedBudgetSettings): string {
	const { password, ...rest } = settings;
	return JSON.stringify({
		...rest,
		password: createHash('sha256').update(password).digest('base64url'),
	});
}

function sha1(text: string): string {
	return createHash('sha1').update(text).digest('hex');
}
