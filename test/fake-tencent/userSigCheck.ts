// Verifies UserSigs the way Tencent's server does, from the steps in tencent-chat-rest.md.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { inflateSync } from 'node:zlib';

export interface SigCheck {
	ok: boolean;
	errorCode?: number;
	errorInfo?: string;
}

export interface DecodedUserSig {
	'TLS.ver': string;
	'TLS.identifier': string;
	'TLS.sdkappid': number;
	'TLS.expire': number;
	'TLS.time': number;
	'TLS.sig': string;
}

/** Undoes TLSSigAPIv2's URL-safe base64 and zlib steps. Throws on anything malformed. */
export function decodeUserSig(userSig: string): DecodedUserSig {
	const base64 = userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
	return JSON.parse(inflateSync(Buffer.from(base64, 'base64')).toString('utf8')) as DecodedUserSig;
}

export function expectedSignature(doc: DecodedUserSig, secretKey: string): string {
	const signed =
		`TLS.identifier:${doc['TLS.identifier']}\n` +
		`TLS.sdkappid:${doc['TLS.sdkappid']}\n` +
		`TLS.time:${doc['TLS.time']}\n` +
		`TLS.expire:${doc['TLS.expire']}\n`;
	return createHmac('sha256', secretKey).update(signed).digest('base64');
}

/** Verifies a UserSig the way Tencent describes it, answering Tencent's codes. */
export function checkUserSig(
	userSig: string,
	expected: { identifier: string; sdkAppId: number; secretKey: string; nowSeconds: number },
): SigCheck {
	let doc: DecodedUserSig;
	try {
		doc = decodeUserSig(userSig);
	} catch {
		return { ok: false, errorCode: 70003, errorInfo: 'UserSig is malformed' };
	}
	if (
		typeof doc['TLS.sig'] !== 'string' ||
		typeof doc['TLS.time'] !== 'number' ||
		typeof doc['TLS.expire'] !== 'number'
	) {
		return { ok: false, errorCode: 70005, errorInfo: 'UserSig fields are malformed' };
	}
	if (doc['TLS.identifier'] !== expected.identifier) {
		return { ok: false, errorCode: 70013, errorInfo: 'UserSig identifier does not match' };
	}
	if (doc['TLS.sdkappid'] !== expected.sdkAppId) {
		return { ok: false, errorCode: 70014, errorInfo: 'UserSig SDKAppID does not match' };
	}
	const actual = Buffer.from(doc['TLS.sig'], 'base64');
	const wanted = Buffer.from(expectedSignature(doc, expected.secretKey), 'base64');
	if (actual.length !== wanted.length || !timingSafeEqual(actual, wanted)) {
		return { ok: false, errorCode: 70009, errorInfo: 'UserSig signature verification failed' };
	}
	if (expected.nowSeconds > doc['TLS.time'] + doc['TLS.expire']) {
		return { ok: false, errorCode: 70001, errorInfo: 'UserSig expired' };
	}
	return { ok: true };
}

/** Every UserSig any fake server in this process was sent: the leak checks look for them. */
export const userSigsSeen = new Set<string>();
