import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { type RoamingMessage } from './api';
import { TencentChatError } from '../../client';
import { type FieldLimit, isoTime, MAX_USER_ID_BYTES } from '../../fields';

// What the one-to-one history operations (Get History, Recall, Mark Read, Get Unread Count) share:
// their user fields, a message as the output shows it, and errors that name the end of the
// conversation Tencent did not find.

export const PEER_ID: FieldLimit = { field: 'Peer ID', maxBytes: MAX_USER_ID_BYTES };

export function peerField(description: string): INodeProperties {
	return {
		displayName: 'Peer ID',
		name: 'peerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. support',
		description,
	};
}

const RECALLED_FLAG = 8;

/** A message as Get History outputs it: its ends, the key Recall takes, ISO time, and whether it was recalled or read. */
export function messageJson(message: RoamingMessage): IDataObject {
	const flags = message.MsgFlagBits;
	return {
		from: message.From_Account as string,
		to: message.To_Account as string,
		msgKey: message.MsgKey,
		msgSeq: message.MsgSeq as number,
		msgRandom: message.MsgRandom as number,
		msgTime: isoTime(message.MsgTimeStamp),
		// Tencent's MsgFlagBits 8; a value that is no flag word says nothing either way.
		recalled:
			Number.isSafeInteger(flags) && (flags as number) >= 0
				? Math.floor((flags as number) / RECALLED_FLAG) % 2 === 1
				: null,
		readByRecipient: message.IsPeerRead === 1 ? true : message.IsPeerRead === 0 ? false : null,
		msgBody: (Array.isArray(message.MsgBody) ? message.MsgBody : []) as IDataObject[],
		...(message.CloudCustomData !== undefined
			? { cloudCustomData: message.CloudCustomData as string }
			: {}),
	};
}

/**
 * The openim table's hints for 90003 / 90008 speak of a send's recipient and sender; for these
 * commands they are told which of the operation's fields Tencent did not find.
 */
export function namingTheEnds(
	hints: Partial<Record<90003 | 90008, string>>,
): (error: unknown) => Promise<never> {
	return (error) => {
		if (!(error instanceof TencentChatError)) return Promise.reject(error);
		const hint = hints[error.code as 90003 | 90008];
		if (hint === undefined) return Promise.reject(error);
		const named = new TencentChatError(error.code, error.info, {
			action: error.action,
			hint,
			field: error.field,
			mayHaveBeenApplied: error.mayHaveBeenApplied,
		});
		named.attempts = error.attempts;
		return Promise.reject(named);
	};
}

export const NOT_IMPORTED = (field: string) =>
	`${field} is not an imported account (or has no such conversation): check it, or import it first (Account → Import).`;
