import { connect, createServer, type Server, type Socket } from 'node:net';

// A TCP proxy on 127.0.0.1 between a client and a server, for fault tests: it can hold every
// chunk back by a delay in each direction, cut every connection (and refuse new ones) and let
// them through again.

export class FaultProxy {
	port = 0;
	/** Each chunk waits this long before it is passed on, in either direction; order is kept. */
	delayMs = 0;
	private cutOff = false;
	private readonly sockets = new Set<Socket>();
	private readonly server: Server;

	constructor(private readonly targetPort: number) {
		this.server = createServer((client) => this.accept(client));
	}

	async start(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as { port: number }).port;
	}

	/** Drops every connection and refuses new ones until `restore`. */
	cut(): void {
		this.cutOff = true;
		for (const socket of this.sockets) socket.destroy();
	}

	restore(): void {
		this.cutOff = false;
	}

	async stop(): Promise<void> {
		this.cut();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private accept(client: Socket): void {
		if (this.cutOff) {
			client.destroy();
			return;
		}
		const upstream = connect(this.targetPort, '127.0.0.1');
		for (const socket of [client, upstream]) {
			this.sockets.add(socket);
			socket.on('close', () => {
				this.sockets.delete(socket);
				client.destroy();
				upstream.destroy();
			});
			socket.on('error', () => undefined);
		}
		this.pipe(client, upstream);
		this.pipe(upstream, client);
	}

	/** Passes chunks on after the delay, in order: each waits for the one before it. */
	private pipe(from: Socket, to: Socket): void {
		let last = 0;
		from.on('data', (chunk: Buffer) => {
			const at = Math.max(last, Date.now() + this.delayMs);
			last = at;
			setTimeout(() => {
				if (!to.destroyed) to.write(chunk);
			}, at - Date.now());
		});
	}
}
