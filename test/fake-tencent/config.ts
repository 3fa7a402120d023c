// What a test sets up on the fake server: the apps it knows, the faults it injects, and the
// answers it is scripted to give. Plain data, so the same shapes cross the `/_fake/*` endpoints.

// An app's fields are the core's (`CoreApp`) and those its modules read: each module declares its
// own (the `Setup` of its `ServiceModule`), and `services/index.ts` makes `FakeApp` of them all.
export type { FakeApp } from './services';
export type { CoreApp } from './services/service';

export const FAULT_KINDS = [
	'http502',
	'error20005',
	'resetBeforeApply',
	'resetAfterApply',
	'stall',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultConfig {
	/** Added before answering every request, in ms. */
	latencyMs: number;
	/** Share of requests answered HTTP 502 without being carried out. */
	http502: number;
	/** Share of requests answered ErrorCode 20005 without being carried out. */
	error20005: number;
	/** Share of requests whose connection is destroyed before they are carried out. */
	resetBeforeApply: number;
	/** Share of requests carried out, whose connection is then destroyed without an answer. */
	resetAfterApply: number;
	/** Share of requests carried out, whose answer is then held for `stallMs`. */
	stall: number;
	stallMs: number;
	/**
	 * Tencent's 200 calls a second, as this test wants it; with `reservedCallsPerSecond` (calls some
	 * other client of the app uses up) it scales every command counted on the app: see `budgetFor`.
	 */
	callsPerSecond: number;
	reservedCallsPerSecond: number;
}

export const DEFAULT_FAULTS: FaultConfig = {
	latencyMs: 0,
	http502: 0,
	error20005: 0,
	resetBeforeApply: 0,
	resetAfterApply: 0,
	stall: 0,
	stallMs: 0,
	callsPerSecond: 200,
	reservedCallsPerSecond: 0,
};

/** Where a value sits in an answer: field names and list indexes from the top. */
export type AnswerPath = Array<string | number>;

/**
 * One change to an answer: a value set (of another type, out of range, huge) or removed, or the
 * list entry at `path` given again (`repeat`) or copied with its text values renamed, as an entry
 * for an ID nobody asked about (`stranger`).
 */
export type Mutation =
	| { path: AnswerPath; set: unknown }
	| { path: AnswerPath; remove: true }
	| { path: AnswerPath; repeat: true }
	| { path: AnswerPath; stranger: true };

/** How to change an answer's per-entry list (where it is: the command's entry in its module's `entryLists`). */
export type Transform = 'dropList' | 'dropFirst' | 'addStranger' | 'renameFirst' | 'badResult';

/**
 * An answer for the next service call, whatever its command, to test what the client makes of it.
 * `apply: true` carries the call out before the scripted answer is sent; otherwise it is not.
 */
export type ScriptedAnswer =
	| {
			kind: 'raw';
			status: number;
			body: string;
			contentType?: string;
			headers?: Record<string, string>;
			/** Sent gzip-compressed, with `content-encoding: gzip`. */
			gzip?: boolean;
			apply?: boolean;
	  }
	/** The real answer, with its per-entry list changed. */
	| { kind: 'transform'; transform: Transform }
	/** The real answer (the call carried out), with one value changed: see `Mutation`. */
	| { kind: 'mutate'; mutation: Mutation }
	/** One of the injected faults, for this call only. */
	| { kind: 'fault'; fault: FaultKind }
	/** HTTP 200: the start of a JSON answer, `bytes` of padding in chunks, then its end. */
	| { kind: 'huge'; bytes: number; apply?: boolean }
	/** HTTP 200 that never ends: chunks until the client goes away (every `intervalMs`, or as fast as it reads). */
	| { kind: 'endless'; apply?: boolean; chunkBytes?: number; intervalMs?: number }
	| { kind: 'redirect'; status: 301 | 302 | 307 | 308; location: string }
	/** HTTP 429 with `Retry-After`, as a gateway in front of the service might answer. */
	| { kind: 'tooMany'; retryAfterSeconds: number }
	/**
	 * A FAIL whose ErrorInfo quotes the request's UserSig, padded to `bytes` (about 1 MB): in the full URL (the
	 * default), the URL percent-encoded (`usersig%3D…`), as JSON (`"usersig":"…"`), bare, or base64.
	 */
	| { kind: 'echoUrl'; errorCode: number; form?: EchoForm; bytes?: number }
	/** A redirect whose Location carries the request's UserSig (`form` as for echoUrl). */
	| { kind: 'echoRedirect'; form: EchoForm }
	/** An HTTP error whose status text (the reason phrase) quotes the request URL, UserSig and all. */
	| { kind: 'echoStatusText'; status: number };

export type EchoForm = 'url' | 'percentEncoded' | 'json' | 'bare' | 'base64';
