import { fork } from 'node:child_process';
import { join } from 'node:path';

import type { IsolatedCase, IsolatedResult } from './isolated/runCases';

export interface IsolatedRun {
	results: IsolatedResult[];
	/** The case that was running when the process crashed or ran out of time. */
	stuckIn?: string;
	why?: string;
}

/**
 * Runs the cases in a child process with a deadline and a small heap: a case that hangs or blows
 * the heap ends the child, not the test runner, and is named in `stuckIn`.
 */
export function runIsolated(cases: IsolatedCase[], deadlineMs: number): Promise<IsolatedRun> {
	return new Promise((resolve) => {
		const child = fork(join(__dirname, 'isolated', 'runCases.js'), [JSON.stringify({ cases })], {
			execArgv: ['--max-old-space-size=256'],
			stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
		});
		const results: IsolatedResult[] = [];
		let current: string | undefined;
		let buffered = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			buffered += chunk.toString();
			const lines = buffered.split('\n');
			buffered = lines.pop() ?? '';
			for (const line of lines) {
				if (line.startsWith('START ')) current = JSON.parse(line.slice(6)) as string;
				if (line.startsWith('RESULT ')) {
					results.push(JSON.parse(line.slice(7)) as IsolatedResult);
					current = undefined;
				}
			}
		});
		child.stderr?.resume();
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			resolve({
				results,
				stuckIn: current ?? '(before the first case)',
				why: `no end within ${deadlineMs} ms`,
			});
		}, deadlineMs);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve(
				current === undefined
					? { results }
					: { results, stuckIn: current, why: `exited with ${code ?? signal}` },
			);
		});
	});
}
