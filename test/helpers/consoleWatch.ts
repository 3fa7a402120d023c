import { format } from 'node:util';

import { capture } from './capture';
import { type ConsoleMethod, type QuietLogs, QUIET_LOGS } from './quietLogs';

// What the tests print, seen by leakWatch.ts. Imported before anything else: n8n's logger (winston)
// binds console.log when it is made, and would otherwise print around this watch.
// Every line is checked for secrets; while a test runs it is held, and printed only if the test
// fails (quietEnvironment.ts).
const quiet = (globalThis as unknown as Record<string, QuietLogs | undefined>)[QUIET_LOGS];
const originals = {} as Record<ConsoleMethod, (...args: unknown[]) => void>;
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = (originals[method] = console[method].bind(console));
	console[method] = (...args: unknown[]) => {
		capture(format(...args));
		if (quiet?.holding) quiet.held.push([method, args]);
		else original(...args);
	};
}
// n8n's logger (winston) writes to the console's own streams when it has them, not through its methods.
const consoleStreams = console as unknown as Record<
	'_stdout' | '_stderr',
	NodeJS.WritableStream | undefined
>;
const watched = new Set<NodeJS.WritableStream>();
for (const [name, method] of [
	['_stdout', 'log'],
	['_stderr', 'error'],
] as const) {
	const stream = consoleStreams[name];
	if (!stream || watched.has(stream)) continue; // Jest's console writes both to one stream
	watched.add(stream);
	const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
	stream.write = ((chunk: unknown, ...rest: unknown[]) => {
		capture(String(chunk));
		if (!quiet?.holding) return write(chunk, ...rest);
		quiet.held.push([method, [String(chunk).replace(/\n$/, '')]]);
		return true;
	}) as typeof stream.write;
}
if (quiet) quiet.print = (method, args) => originals[method](...args);
for (const stream of [process.stdout, process.stderr]) {
	const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
	stream.write = ((chunk: unknown, ...rest: unknown[]) => {
		capture(String(chunk));
		return original(chunk, ...rest);
	}) as typeof stream.write;
}
