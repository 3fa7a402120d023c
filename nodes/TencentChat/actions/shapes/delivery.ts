import { TencentChatError } from '../../client';

// What every send (to a user, into a group) says when its message may have gone out although it
// failed: one hint, so that no copy of it loses what the error carries (its Retry-After).

/** A failed send that may have been delivered all the same says so in its hint; `where` is what to check. */
export function maybeDelivered(error: unknown, where: 'the conversation' | 'the group'): unknown {
	if (!(error instanceof TencentChatError) || !error.mayHaveBeenApplied) return error;
	return error.withHint(
		`The message may have been delivered although no answer said so: check ${where} before sending it again, which could deliver it twice.`,
	);
}
