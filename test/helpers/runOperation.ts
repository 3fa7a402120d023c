import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeTencentServer } from '../fake-tencent/FakeTencentServer';
import { type NodeRun, type RunOptions, runNode } from './engine';
import { credentialsFor } from './fixtures';

// The one way a node test runs an operation: the node's parameters for one resource and
// operation, the credential of the fake server, and the engine's settings for the run.

/** Settings → On Error, as a test names it. */
export type OnError = NonNullable<RunOptions['onError']>;

/** How an operation runs, beside its parameters and input. */
export interface OperationRun extends Omit<RunOptions, 'parameters' | 'items' | 'credentials'> {
	/** The fake server the credential points at. */
	server: FakeTencentServer;
	/** The node's Options collection. */
	options?: INodeParameters;
	/** Credential fields in place of those of `credentialsFor(server)`. */
	credentials?: Record<string, unknown>;
}

/** What a test file's own binding of `runOperation` passes through: all but the server. */
export type RunExtra = Partial<Omit<OperationRun, 'server'>>;

/**
 * Runs `operation` of `resource` with `fields` (the operation's parameters, expressions included)
 * on `items`, inside n8n-core's engine, against `server`.
 */
export function runOperation(
	resource: string,
	operation: string,
	fields: INodeParameters,
	items: IDataObject[],
	{ server, options = {}, credentials, ...run }: OperationRun,
): Promise<NodeRun> {
	return runNode({
		parameters: { resource, operation, ...fields, options },
		items,
		credentials: credentialsFor(server, credentials),
		...run,
	});
}
