import { createHash, createHmac } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export interface UserSigInput {
	sdkAppId: number;
	identifier: string;
	secretKey: string;
}

/** TLSSigAPIv2, as Tencent's own libraries make it: https://www.tencentcloud.com/document/product/1047/34385 */
export function signUserSig(
	input: UserSigInput,
	issuedAtSeconds: number,
	lifetimeSeconds: number,
): string {
	const { sdkAppId, identifier, secretKey } = input;
	const signed =
		`TLS.identifier:${identifier}\n` +
		`TLS.sdkappid:${sdkAppId}\n` +
		`TLS.time:${issuedAtSeconds}\n` +
		`TLS.expire:${lifetimeSeconds}\n`;
	const document = {
		'TLS.ver': '2.0',
		'TLS.identifier': identifier,
		'TLS.sdkappid': sdkAppId,
		'TLS.expire': lifetimeSeconds,
		'TLS.time': issuedAtSeconds,
		'TLS.sig': createHmac('sha256', secretKey).update(signed).digest('base64'),
	};
	return deflateSync(Buffer.from(JSON.stringify(document)))
		.toString('base64')
		.replace(/\+/g, '*')
		.replace(/\//g, '-')
		.replace(/=/g, '_');
}

const LIFETIME_SECONDS = 24 * 60 * 60;
/** Signatures remembered for masking: a few per credential in use, enough for every one a call may still carry. */
const MAX_REMEMBERED = 64;
/** Renew this long before expiry, so that a signature never expires in flight. */
const RENEW_BEFORE_SECONDS = 60 * 60;

interface CachedSig {
	userSig: string;
	renewAtSeconds: number;
}

/**
 * One UserSig per (SDKAppID, admin, key), reused until shortly before it expires. The map is
 * keyed by a hash, so the cache never holds a secret key as a readable string.
 */
export class UserSigCache {
	private readonly sigs = new Map<string, CachedSig>();
	/** The signatures signed lately, renewed ones included: what service text must never show. A new list on each change. */
	private signed: readonly string[] = [];

	constructor(private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000)) {}

	get(input: UserSigInput): string {
		const key = cacheKey(input);
		const now = this.nowSeconds();
		const cached = this.sigs.get(key);
		if (cached !== undefined && now < cached.renewAtSeconds) return cached.userSig;

		const userSig = signUserSig(input, now, LIFETIME_SECONDS);
		this.sigs.set(key, { userSig, renewAtSeconds: now + LIFETIME_SECONDS - RENEW_BEFORE_SECONDS });
		this.signed = [...this.signed.slice(1 - MAX_REMEMBERED), userSig];
		return userSig;
	}

	/** Every signature signed lately, the current ones among them. */
	recent(): readonly string[] {
		return this.signed;
	}

	/** The service said the signature expired (70001): the next `get` signs anew. */
	invalidate(input: UserSigInput): void {
		this.sigs.delete(cacheKey(input));
	}
}

function cacheKey({ sdkAppId, identifier, secretKey }: UserSigInput): string {
	return createHash('sha256').update(`${sdkAppId}\n${identifier}\n${secretKey}`).digest('hex');
}
