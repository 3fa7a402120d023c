/** Tencent Chat data centres. An SDKAppID lives in exactly one of them. */
export const REGIONS = {
	china: { name: 'China', domain: 'console.tim.qq.com', backupDomain: 'adminapi.my-imcloud.com' },
	singapore: {
		name: 'Singapore',
		domain: 'adminapisgp.im.qcloud.com',
		backupDomain: 'adminapisgp.my-imcloud.com',
	},
	seoul: { name: 'Seoul', domain: 'adminapikr.im.qcloud.com', backupDomain: 'adminapikr.my-imcloud.com' },
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

/**
 * The origin (scheme, host and port) that requests go to. A custom base URL must be HTTPS,
 * except plain HTTP to this machine, which exists for local testing against a fake server.
 */
export function resolveOrigin(settings: EndpointSettings): string {
	if (settings.region !== 'custom') {
		const region = REGIONS[settings.region];
		if (region === undefined) throw new Error(`Unknown Tencent Chat region "${settings.region}"`);
		return `https://${settings.useBackupDomain ? region.backupDomain : region.domain}`;
	}

	let url: URL;
	try {
		url = new URL(settings.baseUrl ?? '');
	} catch {
		throw new Error(`Base URL "${settings.baseUrl ?? ''}" is not a URL, e.g. https://console.tim.qq.com`);
	}
	const isLoopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname);
	if (url.protocol !== 'https:' && !isLoopbackHttp) {
		throw new Error(
			`Base URL must start with https:// (plain http:// is allowed only to localhost), got "${url.origin}"`,
		);
	}
	return url.origin;
}
