import type { CredentialField, ErrorAction } from './errorCodes';

/**
 * A call that did not succeed. `code` is Tencent's ErrorCode when the service answered, otherwise
 * a short name for what happened on the way: `ETIMEDOUT`, `ECONNRESET`, `HTTP_502`,
 * `INVALID_RESPONSE`, `ANSWER_TOO_LARGE`, `REDIRECTED`. `info` is already safe to show (see serviceText).
 */
export class TencentChatError extends Error {
	readonly code: number | string;
	readonly info: string;
	readonly action: ErrorAction;
	readonly hint?: string;
	readonly field?: CredentialField;
	/** Attempts made, the first included. */
	attempts = 1;
	/** True when an attempt may have been carried out by the service although no answer said so. */
	mayHaveBeenApplied = false;
	/** How long the server asked to wait before the next attempt (HTTP Retry-After). */
	retryAfterMs?: number;

	constructor(
		code: number | string,
		info: string,
		details: {
			action: ErrorAction;
			hint?: string;
			field?: CredentialField;
			mayHaveBeenApplied?: boolean;
		},
	) {
		super(`Tencent Chat error ${code}: ${info}`);
		this.name = 'TencentChatError';
		this.code = code;
		this.info = info;
		this.action = details.action;
		this.hint = details.hint;
		this.field = details.field;
		this.mayHaveBeenApplied = details.mayHaveBeenApplied ?? false;
	}

	get retryable(): boolean {
		return this.action === 'retry' || this.action === 'slowDown' || this.action === 'renewUserSig';
	}

	/** No answer was given: the network or a gateway failed, not Tencent's service. */
	get isTransport(): boolean {
		return typeof this.code === 'string';
	}

	/** The same error, `hint` said after its own: its attempts and Retry-After kept. */
	withHint(hint: string): TencentChatError {
		const hinted = new TencentChatError(this.code, this.info, {
			action: this.action,
			hint: this.hint ? `${this.hint} ${hint}` : hint,
			field: this.field,
			mayHaveBeenApplied: this.mayHaveBeenApplied,
		});
		hinted.attempts = this.attempts;
		hinted.retryAfterMs = this.retryAfterMs;
		return hinted;
	}
}
