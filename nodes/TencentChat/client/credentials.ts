import { randomUint32 } from './random';

import { type EndpointSettings, REGIONS, type RegionSetting } from './regions';
import { processState } from './processState';
import type { SharedBudgetSettings } from './shared/redisStore';
import type { UserSigInput } from './userSig';

export interface TencentChatCredentials extends UserSigInput, EndpointSettings {
	/**
	 * The part of each of Tencent's per-app limits this n8n process keeps to, in percent: always,
	 * or with `sharedBudget` only while Redis is away.
	 */
	rateLimitShare: number;
	/** The Redis that keeps the app's limits for every n8n process, when the credential names one. */
	sharedBudget?: SharedBudgetSettings;
}

/** The credential's option for where Tencent's limits are kept. */
export const LIMITS_KEPT = { process: 'process', redis: 'redis' } as const;
export const DEFAULT_KEY_PREFIX = 'n8n-tencent-chat:';

/** A credential field that cannot work; `field` names it. */
export class CredentialError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'CredentialError';
	}
}

/** The query every Tencent Chat REST call carries: https://www.tencentcloud.com/document/product/1047/34620 */
export function signedQuery(credentials: UserSigInput) {
	return {
		sdkappid: credentials.sdkAppId,
		identifier: credentials.identifier,
		usersig: processState.userSigs.get(credentials),
		random: randomUint32(),
		contenttype: 'json',
	};
}

/**
 * The credential's fields as n8n stores them, in the client's terms, checked: a value that can
 * never work is refused here, naming its field, before any call.
 */
export function readCredentials(data: Record<string, unknown>): TencentChatCredentials {
	const sdkAppId = Number(typeof data.sdkAppId === 'string' ? data.sdkAppId.trim() : data.sdkAppId);
	if (!Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) {
		throw new CredentialError(
			'SDKAppID',
			`SDKAppID must be the app's number from the Chat console, got "${String(data.sdkAppId)}"`,
		);
	}
	const identifier = typeof data.identifier === 'string' ? data.identifier.trim() : '';
	if (identifier === '')
		throw new CredentialError(
			'Admin UserID',
			'Admin UserID is empty: enter an app admin account, e.g. administrator',
		);
	if (typeof data.secretKey !== 'string' || data.secretKey === '') {
		throw new CredentialError(
			'Secret Key',
			"Secret Key is empty: copy it from the app's Basic Information in the Chat console",
		);
	}
	const region = (data.region ?? 'singapore') as RegionSetting;
	if (region !== 'custom' && !(region in REGIONS))
		throw new CredentialError('Region', `Unknown region "${String(region)}"`);

	const share =
		data.rateLimitShare === undefined || data.rateLimitShare === ''
			? 100
			: Number(data.rateLimitShare);
	if (!Number.isFinite(share) || share <= 0 || share > 100) {
		throw new CredentialError(
			'Share of Rate Limits (%)',
			`Share of Rate Limits (%) must be a number from 1 to 100, got "${String(data.rateLimitShare)}"`,
		);
	}
	return {
		sdkAppId,
		identifier,
		secretKey: data.secretKey,
		region,
		useBackupDomain: data.useBackupDomain === true,
		baseUrl: typeof data.baseUrl === 'string' ? data.baseUrl : undefined,
		rateLimitShare: share,
		sharedBudget: data.limitsKeptBy === LIMITS_KEPT.redis ? readRedisSettings(data) : undefined,
	};
}

function readRedisSettings(data: Record<string, unknown>): SharedBudgetSettings {
	const host = typeof data.redisHost === 'string' ? data.redisHost.trim() : '';
	if (host === '' || /[\s/]/.test(host)) {
		throw new CredentialError(
			'Redis Host',
			`Redis Host must be a host name or address, such as redis or 10.0.0.5, got "${String(data.redisHost ?? '')}"`,
		);
	}
	const port = wholeField(data.redisPort, 6379, 1, 65535, 'Redis Port');
	const database = wholeField(data.redisDatabase, 0, 0, 65535, 'Redis Database');
	const keyPrefix =
		typeof data.redisKeyPrefix === 'string' && data.redisKeyPrefix !== ''
			? data.redisKeyPrefix
			: DEFAULT_KEY_PREFIX;
	if (keyPrefix.length > 100)
		throw new CredentialError(
			'Redis Key Prefix',
			'Redis Key Prefix must be at most 100 characters',
		);
	return {
		host,
		port,
		database,
		user: typeof data.redisUser === 'string' ? data.redisUser.trim() : '',
		password: typeof data.redisPassword === 'string' ? data.redisPassword : '',
		tls: data.redisTls === true,
		keyPrefix,
	};
}

function wholeField(
	value: unknown,
	fallback: number,
	min: number,
	max: number,
	field: string,
): number {
	const number = value === undefined || value === '' || value === null ? fallback : Number(value);
	if (!Number.isInteger(number) || number < min || number > max) {
		throw new CredentialError(
			field,
			`${field} must be a whole number from ${min} to ${max}, got "${String(value)}"`,
		);
	}
	return number;
}
