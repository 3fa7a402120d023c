/** What quietEnvironment.ts and leakWatch.ts share through the test's global: a test's held output. */
export const QUIET_LOGS = '__tencentChatQuietLogs';

export type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface QuietLogs {
	/** True while a test runs: its output is held, not printed. */
	holding: boolean;
	held: Array<[ConsoleMethod, unknown[]]>;
	/** Prints as the console would have. */
	print: (method: ConsoleMethod, args: unknown[]) => void;
}
