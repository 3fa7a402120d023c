import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A real Redis for the tests: Debian's redis-server (.ci/run installs it when missing), on a free
// port of 127.0.0.1, keeping nothing on disk. It can be killed and started again on the same port.

export interface RedisServerOptions {
	/** requirepass: the default user's password. */
	password?: string;
}

export class RedisServer {
	port = 0;
	private process: ChildProcess | undefined;
	private readonly dir = mkdtempSync(join(tmpdir(), 'tencent-chat-redis-'));

	constructor(private readonly options: RedisServerOptions = {}) {}

	async start(): Promise<void> {
		if (this.port === 0) this.port = await freePort();
		const args = [
			'--port',
			String(this.port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			this.dir,
		];
		if (this.options.password) args.push('--requirepass', this.options.password);
		const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
		this.process = child;
		await new Promise<void>((resolve, reject) => {
			let out = '';
			child.stdout?.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (out.includes('Ready to accept connections')) resolve();
			});
			child.on('error', reject);
			child.on('exit', (code) =>
				reject(new Error(`redis-server exited with ${code}: ${out.slice(-300)}`)),
			);
		});
	}

	/** Kills the server at once, as a crash would: every connection drops, every key is lost. */
	async kill(): Promise<void> {
		const child = this.process;
		this.process = undefined;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}

	async stop(): Promise<void> {
		await this.kill();
		rmSync(this.dir, { recursive: true, force: true });
	}
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}
