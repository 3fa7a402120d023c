import { createHash } from 'node:crypto';
import { request } from 'node:http';

// The fake server's webhooks: Tencent POSTs a callback to the URL set in the console, with
// SdkAppid, CallbackCommand, contenttype, ClientIP and OptPlatform in the query, plus RequestTime
// and Sign when a token is set. Signed here as Tencent describes it, independently of the node.

export interface CallbackTarget {
	url: string;
	/** The console's callback token; without one, no RequestTime and no Sign are sent. */
	token?: string;
}

/** Changes to what Tencent would send, for tests of what the receiver refuses. */
export interface CallbackTampering {
	/** Seconds added to RequestTime before signing: the Sign is right, the time is not. */
	requestTimeOffsetSeconds?: number;
	/** Query parameters replaced after signing, e.g. a wrong `Sign` or another `SdkAppid`. */
	query?: Record<string, string>;
}

export interface CallbackDelivery {
	sdkAppId: number;
	command: string;
	/** The receiver's HTTP status, or 0 when no answer came. */
	status: number;
	answer: string;
	error?: string;
}

export const CLIENT_IP = '127.0.0.1';
const DELIVERY_TIMEOUT_MS = 10_000;

export function callbackSign(token: string, requestTime: number): string {
	return createHash('sha256').update(`${token}${requestTime}`).digest('hex');
}

export class CallbackSender {
	private readonly targets = new Map<number, CallbackTarget>();
	private readonly pending = new Set<Promise<void>>();
	readonly deliveries: CallbackDelivery[] = [];

	/** `clock` gives ms since the epoch, as Tencent's servers see it. */
	constructor(private readonly clock: () => number = Date.now) {}

	configure(sdkAppId: number, target: CallbackTarget | undefined): void {
		if (target === undefined) this.targets.delete(sdkAppId);
		else this.targets.set(sdkAppId, target);
	}

	/** POSTs the callback if the app has a URL; `settled()` waits for its answer. */
	emit(
		sdkAppId: number,
		command: string,
		body: object,
		tampering: CallbackTampering = {},
	): boolean {
		const target = this.targets.get(sdkAppId);
		if (target === undefined) return false;
		const delivery = this.deliver(
			sdkAppId,
			command,
			JSON.stringify(body),
			this.urlFor(sdkAppId, command, target, tampering),
		);
		this.pending.add(delivery);
		void delivery.finally(() => this.pending.delete(delivery));
		return true;
	}

	/** Resolves once every callback emitted so far, and any emitted meanwhile, has its answer. */
	async settled(): Promise<CallbackDelivery[]> {
		while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
		return this.deliveries;
	}

	/** `/_fake/callbacks*` control requests: configure an app's URL and token, emit, and settle. */
	async control(
		path: string,
		input: Record<string, unknown>,
	): Promise<{ status: number; body: object }> {
		const sdkAppId = Number(input.sdkAppId);
		switch (path) {
			case '/_fake/callbacks':
				this.configure(
					sdkAppId,
					typeof input.url === 'string'
						? { url: input.url, token: input.token as string | undefined }
						: undefined,
				);
				return { status: 200, body: { ok: true } };
			case '/_fake/callbacks/emit': {
				const sent = this.emit(
					sdkAppId,
					String(input.command),
					input.body as object,
					input.tampering as CallbackTampering,
				);
				return {
					status: sent ? 200 : 404,
					body: sent ? { ok: true } : { error: `no callback URL for app ${sdkAppId}` },
				};
			}
			case '/_fake/callbacks/settled':
				return { status: 200, body: { deliveries: await this.settled() } };
			default:
				return { status: 404, body: { error: `no control ${path}` } };
		}
	}

	private urlFor(
		sdkAppId: number,
		command: string,
		target: CallbackTarget,
		tampering: CallbackTampering,
	): URL {
		const url = new URL(target.url);
		const query: Record<string, string> = {
			SdkAppid: String(sdkAppId),
			CallbackCommand: command,
			contenttype: 'json',
			ClientIP: CLIENT_IP,
			OptPlatform: 'RESTAPI',
		};
		if (target.token) {
			const requestTime =
				Math.floor(this.clock() / 1000) + (tampering.requestTimeOffsetSeconds ?? 0);
			query.RequestTime = String(requestTime);
			query.Sign = callbackSign(target.token, requestTime);
		}
		for (const [name, value] of Object.entries({ ...query, ...tampering.query }))
			url.searchParams.set(name, value);
		return url;
	}

	/** One POST on its own connection: no keep-alive socket outlives a test. */
	private deliver(sdkAppId: number, command: string, body: string, url: URL): Promise<void> {
		return new Promise((resolve) => {
			let recorded = false;
			const record = (status: number, answer: string, error?: string) => {
				if (recorded) return;
				recorded = true;
				this.deliveries.push({ sdkAppId, command, status, answer, ...(error ? { error } : {}) });
			};
			const outgoing = request(
				url,
				{
					method: 'POST',
					agent: false,
					timeout: DELIVERY_TIMEOUT_MS,
					headers: {
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body),
					},
				},
				(incoming) => {
					const chunks: Buffer[] = [];
					incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
					incoming.on('end', () => {
						record(incoming.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
						resolve();
					});
					incoming.on('error', (error) => {
						record(incoming.statusCode ?? 0, '', error.message);
						resolve();
					});
				},
			);
			outgoing.on('timeout', () =>
				outgoing.destroy(new Error(`no answer in ${DELIVERY_TIMEOUT_MS} ms`)),
			);
			outgoing.on('error', (error) => {
				record(0, '', error.message);
				resolve();
			});
			outgoing.end(body);
		});
	}
}
