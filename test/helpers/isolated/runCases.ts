// Runs node cases in a process of its own, one line of JSON per case on stdout, so that a case that
// would crash or hang n8n (a heap blown by a planning loop, a wait that never ends) fails its test
// instead of taking the test runner with it. Input: one JSON argument, { cases: IsolatedCase[] }.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../engine';

export interface IsolatedCase {
	name: string;
	parameters: INodeParameters;
	items: IDataObject[];
	credentials: Record<string, string | number | boolean>;
}

export interface IsolatedResult {
	name: string;
	error?: { message: string; description?: string | null };
	outputItems: number;
	statuses: string[];
}

async function main(): Promise<void> {
	const { cases } = JSON.parse(process.argv[2]) as { cases: IsolatedCase[] };
	for (const testCase of cases) {
		process.stdout.write(`START ${JSON.stringify(testCase.name)}\n`);
		const { output, error } = await runNode({ ...testCase, watchForLeaks: false });
		const result: IsolatedResult = {
			name: testCase.name,
			error: error && { message: error.message, description: error.description },
			outputItems: output.length,
			statuses: output.map((item) => String(item.json.status ?? item.json.error ?? '')),
		};
		process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
	}
	process.exit(0);
}

void main();
