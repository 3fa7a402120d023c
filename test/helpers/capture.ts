/**
 * Everything a test file lets out: console and stdio lines, n8n log lines, node outputs and errors.
 * `leakWatch.ts` checks it for secrets after each test file.
 */
export const captured: string[] = [];

export function capture(text: string): void {
	captured.push(text);
}
