import { randomInt } from 'node:crypto';

import type { EndpointSettings, RegionSetting } from './regions';
import { type UserSigInput, userSigCache } from './userSig';

export type TencentChatCredentials = UserSigInput & EndpointSettings;

/** The query every Tencent Chat REST call carries: see shared/reference, "Request form". */
export function signedQuery(credentials: UserSigInput) {
	return {
		sdkappid: credentials.sdkAppId,
		identifier: credentials.identifier,
		usersig: userSigCache.get(credentials),
		random: randomInt(0, 2 ** 32),
		contenttype: 'json',
	};
}

/** The credential's fields as n8n stores them (a number may arrive as text) in the client's terms. */
export function readCredentials(data: Record<string, unknown>): TencentChatCredentials {
	return {
		sdkAppId: Number(data.sdkAppId),
		identifier: String(data.identifier),
		secretKey: String(data.secretKey),
		region: data.region as RegionSetting,
		useBackupDomain: data.useBackupDomain === true,
		baseUrl: data.baseUrl as string | undefined,
	};
}
