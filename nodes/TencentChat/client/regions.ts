// Tencent Chat data centres: an SDKAppID lives in exactly one. Domains from Tencent's RESTful API
// overview, https://www.tencentcloud.com/document/product/1047/34620. (Mumbai's domain left that
// page in mid-2024; Custom URL reaches it should it still answer.)

export const REGIONS = {
	china: { name: 'China', domain: 'console.tim.qq.com', backupDomain: 'adminapi.my-imcloud.com' },
	singapore: {
		name: 'Singapore',
		domain: 'adminapisgp.im.qcloud.com',
		backupDomain: 'adminapisgp.my-imcloud.com',
	},
	seoul: {
		name: 'Seoul',
		domain: 'adminapikr.im.qcloud.com',
		backupDomain: 'adminapikr.my-imcloud.com',
	},
	tokyo: {
		name: 'Tokyo',
		domain: 'adminapijpn.im.qcloud.com',
		backupDomain: 'adminapijpn.my-imcloud.com',
	},
	frankfurt: {
		name: 'Frankfurt',
		domain: 'adminapiger.im.qcloud.com',
		backupDomain: 'adminapiger.my-imcloud.com',
	},
	siliconValley: {
		name: 'Silicon Valley',
		domain: 'adminapiusa.im.qcloud.com',
		backupDomain: 'adminapiusa.my-imcloud.com',
	},
	jakarta: {
		name: 'Jakarta',
		domain: 'adminapiidn.im.qcloud.com',
		backupDomain: 'adminapiidn.my-imcloud.com',
	},
} as const;

export type RegionKey = keyof typeof REGIONS;
export type RegionSetting = RegionKey | 'custom';

export interface EndpointSettings {
	region: RegionSetting;
	useBackupDomain?: boolean;
	baseUrl?: string;
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** A setting of the credential that cannot work, with the field it is in. */
export class EndpointError extends Error {
	readonly field = 'region' as const;
}

/**
 * Where requests go: scheme, host, port and any path prefix (a gateway at /tencent-gw), with no
 * trailing slash; `/v4/<service>/<command>` follows. A custom base URL must be HTTPS, except plain
 * HTTP to this machine, which exists for testing against a local server. A query, a fragment or a
 * user name in it would be dropped or leak, so they are refused.
 */
export function resolveBaseUrl(settings: EndpointSettings): string {
	if (settings.region !== 'custom') {
		const region = REGIONS[settings.region];
		if (region === undefined)
			throw new EndpointError(`Unknown Tencent Chat region "${String(settings.region)}"`);
		return `https://${settings.useBackupDomain ? region.backupDomain : region.domain}`;
	}

	const text = (settings.baseUrl ?? '').trim();
	if (text === '') {
		throw new EndpointError(
			'Base URL is empty: enter the address to send requests to, e.g. https://console.tim.qq.com',
		);
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new EndpointError(
			`Base URL "${text}" is not a URL: enter e.g. https://console.tim.qq.com`,
		);
	}
	const isLoopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname);
	if (url.protocol !== 'https:' && !isLoopbackHttp) {
		throw new EndpointError(
			`Base URL must start with https:// (plain http:// is allowed only to localhost), got "${url.origin}"`,
		);
	}
	if (url.username || url.password) {
		throw new EndpointError(
			'Base URL must not contain a user name or password: Tencent Chat signs requests with a UserSig',
		);
	}
	if (url.search || url.hash) {
		throw new EndpointError(
			`Base URL must not contain a query or fragment (${url.search}${url.hash}): the node adds its own query`,
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
