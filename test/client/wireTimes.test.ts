import { describe, expect, test } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

import { onWritten } from '../../nodes/TencentChat/client/wireTimes';

describe('onWritten', () => {
	test('hears when the request with its random is written, before the answer, and only that one', async () => {
		const events: string[] = [];
		const server = createServer((incoming, response) => {
			events.push(`served ${incoming.url}`);
			setTimeout(() => response.end('{}'), 20);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		try {
			onWritten(111, () => events.push('written 111'));
			const stopped = onWritten(222, () => events.push('written 222'));
			stopped();
			await Promise.all(
				[111, 222, 333].map(async (random) => {
					const response = await request(`http://127.0.0.1:${port}/v4/a/b?x=1&random=${random}`);
					await response.body.text();
				}),
			);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
		expect(events.filter((event) => event.startsWith('written'))).toEqual(['written 111']);
		expect(events.indexOf('written 111')).toBeLessThan(
			events.indexOf('served /v4/a/b?x=1&random=111'),
		);
	});
});
