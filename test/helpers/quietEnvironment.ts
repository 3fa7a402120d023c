import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';

import { type QuietLogs, QUIET_LOGS } from './quietLogs';

/**
 * Node's test environment, whose tests keep their console output to themselves unless they fail.
 * The engine logs every node error it runs into, and most tests here make nodes fail on purpose:
 * printed, those expected errors read like failures. leakWatch.ts holds each test's output back
 * (and still checks it for secrets); a test that fails has it printed after its failure, under a
 * header. QUIET_LOGS=0 prints everything as it comes.
 */
export default class QuietEnvironment extends TestEnvironment {
	private readonly logs: QuietLogs = { holding: false, held: [], print: () => {} };

	async setup(): Promise<void> {
		await super.setup();
		(this.global as unknown as Record<string, unknown>)[QUIET_LOGS] = this.logs;
	}

	handleTestEvent(event: Circus.Event): void {
		if (process.env.QUIET_LOGS === '0') return;
		if (event.name === 'test_start') {
			this.logs.holding = true;
			this.logs.held = [];
		} else if (event.name === 'test_done') {
			this.logs.holding = false;
			if (event.test.errors.length > 0 && this.logs.held.length > 0) {
				this.logs.print('log', [`--- what "${event.test.name}" logged before it failed ---`]);
				for (const [method, args] of this.logs.held) this.logs.print(method, args);
			}
			this.logs.held = [];
		}
	}
}
