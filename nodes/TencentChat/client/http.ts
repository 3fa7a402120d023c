import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

let shared: { key: string; dispatcher: Dispatcher } | undefined;

/**
 * One keep-alive connection pool per origin for the whole process, reused across executions.
 * It honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY as n8n does; when they change, a new pool
 * takes over and the old one closes once its requests are done. A pool opens at most as many
 * connections as the client lets calls be in flight, so no connection is opened only to wait.
 */
export function sharedDispatcher(connectionsPerOrigin: number): Dispatcher {
	const key = [connectionsPerOrigin, ...PROXY_VARIABLES.map((name) => process.env[name] ?? '')].join('\n');
	if (shared?.key === key) return shared.dispatcher;

	const previous = shared?.dispatcher;
	const options = {
		connections: connectionsPerOrigin,
		pipelining: 1,
		keepAliveTimeout: 30_000,
		keepAliveMaxTimeout: 60_000,
	};
	const usesProxy = PROXY_VARIABLES.slice(0, 4).some((name) => process.env[name]);
	shared = { key, dispatcher: usesProxy ? new EnvHttpProxyAgent(options) : new Agent(options) };
	void previous?.close().catch(() => undefined);
	return shared.dispatcher;
}
