// The few HTTP moves the fake server makes, kept apart from what it answers.

import type { IncomingMessage, ServerResponse } from 'node:http';

export function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

export function sendJson(
	response: ServerResponse,
	status: number,
	body: object,
	headers: Record<string, string> = {},
): void {
	if (response.destroyed) return;
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(text)),
		...headers,
	});
	response.end(text);
}

/** Writes a chunk, waiting for the client to read when it lags; false once the client has gone away. */
export function write(response: ServerResponse, chunk: string | Buffer): Promise<boolean> {
	if (response.destroyed || response.writableEnded) return Promise.resolve(false);
	if (response.write(chunk)) return Promise.resolve(true);
	return new Promise((resolve) => {
		const settle = (open: boolean) => {
			response.off('drain', onDrain);
			response.off('close', onClose);
			resolve(open);
		};
		const onDrain = () => settle(true);
		const onClose = () => settle(false);
		response.on('drain', onDrain);
		response.on('close', onClose);
	});
}

/** Unref'd: a held answer never keeps a finished test process alive (the listening socket does, while it listens). */
export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Lets other work run between the chunks of a stream. */
export function nextTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}
