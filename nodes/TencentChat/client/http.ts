import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

/** Connections one origin may open: the most Max Concurrent Requests allows. */
export const MAX_CONNECTIONS_PER_ORIGIN = 256;

let shared: { proxyKey: string; dispatcher: Dispatcher } | undefined;

/**
 * One keep-alive connection pool per origin for the whole process, reused across executions.
 * It honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY as n8n does; when they change, a new pool
 * takes over and the old one closes once its requests are done. The client's concurrency gate,
 * not the pool, bounds the calls in flight: a connection is opened only for a call that has a
 * place, so no more are opened than calls in flight, whatever each execution's setting.
 */
export function sharedDispatcher(): Dispatcher {
	const proxyKey = PROXY_VARIABLES.map((name) => process.env[name] ?? '').join('\n');
	if (shared?.proxyKey === proxyKey) return shared.dispatcher;

	const previous = shared?.dispatcher;
	const options = {
		connections: MAX_CONNECTIONS_PER_ORIGIN,
		pipelining: 1,
		keepAliveTimeout: 30_000,
		keepAliveMaxTimeout: 60_000,
	};
	const usesProxy = PROXY_VARIABLES.slice(0, 4).some((name) => process.env[name]);
	shared = { proxyKey, dispatcher: usesProxy ? new EnvHttpProxyAgent(options) : new Agent(options) };
	void previous?.close().catch(() => undefined);
	return shared.dispatcher;
}
