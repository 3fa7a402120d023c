/** Limits Tencent documents for the server REST API; see shared/reference/tencent-chat-rest.md. */
export const LIMITS = {
	/** Official Account commands: calls per second, per app. */
	officialAccountCallsPerSecond: 200,
	/** add_subscriber: subscribers in one call. */
	addSubscriberMaxPerCall: 100,
	/** Tencent's backend gives up after this; a client should wait longer. */
	backendTimeoutMs: 3_000,
} as const;
