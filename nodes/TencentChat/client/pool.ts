import type { LookupFunction } from 'node:net';
import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';

import { processState } from './processState';

const PROXY_VARIABLES = [
	'HTTPS_PROXY',
	'https_proxy',
	'HTTP_PROXY',
	'http_proxy',
	'NO_PROXY',
	'no_proxy',
];

/** Connections one origin may open, across every execution of the process. */
export const MAX_CONNECTIONS_PER_ORIGIN = 256;

/**
 * One keep-alive connection pool per origin for the whole process, reused across executions.
 * It honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY as n8n does; when they change, a new pool takes
 * over and the old one closes once its requests are done. Each execution's concurrency gate bounds
 * its own calls in flight; the pool bounds the connections of them all.
 *
 * `lookup` is the DNS lookup of n8n's egress rules (its SSRF protection), which checks every address
 * a connection is about to open; n8n gives the same function to every execution, so one pool serves.
 */
export function sharedDispatcher(lookup?: LookupFunction): Dispatcher {
	const proxyKey = PROXY_VARIABLES.map((name) => process.env[name] ?? '').join('\n');
	const current = processState.pool;
	if (current?.proxyKey === proxyKey && current.lookup === lookup) return current.dispatcher;

	const options = {
		connections: MAX_CONNECTIONS_PER_ORIGIN,
		pipelining: 1,
		keepAliveTimeout: 30_000,
		keepAliveMaxTimeout: 60_000,
	};
	const usesProxy = PROXY_VARIABLES.slice(0, 4).some((name) => process.env[name]);
	const connect = lookup ? { connect: { lookup } } : {};
	const dispatcher = usesProxy
		? new EnvHttpProxyAgent({ ...options, ...connect })
		: new Agent({ ...options, ...connect });
	processState.pool = { proxyKey, lookup, dispatcher };
	void current?.dispatcher.close().catch(() => undefined);
	return dispatcher;
}
