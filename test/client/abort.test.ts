import { describe, expect, test } from '@jest/globals';
import { getEventListeners } from 'node:events';

import { onAbort } from '../../nodes/TencentChat/client/abort';
import { ConcurrencyGate } from '../../nodes/TencentChat/client/gate';

describe('onAbort', () => {
	test('hundreds of waiters put one listener on the signal, and all hear the abort', async () => {
		const controller = new AbortController();
		const gate = new ConcurrencyGate(1);
		await gate.acquire();
		const waiters = Array.from({ length: 500 }, () => gate.acquire(controller.signal));
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);

		controller.abort(new Error('cancelled'));
		const outcomes = await Promise.allSettled(waiters);
		expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
	});

	test('a callback that unsubscribed is not called', () => {
		const controller = new AbortController();
		const heard: string[] = [];
		const leave = onAbort(controller.signal, () => heard.push('left'));
		onAbort(controller.signal, () => heard.push('stayed'));
		leave();
		controller.abort();
		expect(heard).toEqual(['stayed']);
	});
});
