import {
	createServer,
	type IncomingMessage,
	request,
	type Server,
	type ServerResponse,
} from 'node:http';

// An HTTP stand-in on 127.0.0.1 in front of the fake server that passes every call on, but holds
// the calls to one path after the first few until the test lets them go: a test can then look at
// a state that would otherwise last only as long as the machine happens to be slow.

export class HeldCalls {
	url = '';
	private path = '';
	private passFirst = Number.POSITIVE_INFINITY;
	private seen = 0;
	private held: Array<() => void> = [];
	private heldOne: () => void = () => undefined;
	/** Resolves when the first call is held. */
	readonly holding: Promise<void>;
	private readonly server: Server;

	constructor(private readonly target: string) {
		this.server = createServer((incoming, outgoing) => this.pass(incoming, outgoing));
		this.holding = new Promise((resolve) => (this.heldOne = resolve));
	}

	async start(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
	}

	/** Holds every call to `path` after the first `passFirst` of them. */
	hold(path: string, passFirst = 0): void {
		this.path = path;
		this.passFirst = passFirst;
	}

	/** Lets the held calls go on, and every later one. */
	release(): void {
		this.passFirst = Number.POSITIVE_INFINITY;
		for (const go of this.held.splice(0)) go();
	}

	async stop(): Promise<void> {
		this.release();
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private pass(incoming: IncomingMessage, outgoing: ServerResponse): void {
		const go = () => this.forward(incoming, outgoing);
		const path = new URL(incoming.url ?? '/', this.url).pathname;
		if (path !== this.path || this.seen++ < this.passFirst) return go();
		this.held.push(go);
		this.heldOne();
	}

	private forward(incoming: IncomingMessage, outgoing: ServerResponse): void {
		const target = new URL(this.target);
		const upstream = request(
			{
				host: target.hostname,
				port: target.port,
				method: incoming.method,
				path: incoming.url,
				headers: incoming.headers,
			},
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		upstream.on('error', () => outgoing.destroy());
		incoming.pipe(upstream);
	}
}
