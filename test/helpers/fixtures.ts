import type { INodeParameters } from 'n8n-workflow';

import type { FakeApp, FakeTencentServer } from '../fake-tencent/FakeTencentServer';

export const SDK_APP_ID = 1400000001;
export const SECRET_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
export const ADMIN = 'administrator';
export const WRONG_SECRET_KEY = 'not-the-right-key-3f9a1c';
/** Every key the tests sign with: none may appear in any output, error or log. */
export const TEST_SECRETS = [SECRET_KEY, WRONG_SECRET_KEY];

export function fakeApp(officialAccounts: FakeApp['officialAccounts'], accounts?: string[]): FakeApp {
	return { sdkAppId: SDK_APP_ID, secretKey: SECRET_KEY, admins: [ADMIN], officialAccounts, ...(accounts ? { accounts } : {}) };
}

export function credentialsFor(server: FakeTencentServer, overrides: Record<string, unknown> = {}) {
	return {
		sdkAppId: SDK_APP_ID,
		identifier: ADMIN,
		secretKey: SECRET_KEY,
		region: 'custom',
		baseUrl: server.url,
		...overrides,
	};
}

export function addSubscribersParameters(options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'officialAccount',
		operation: 'addSubscribers',
		officialAccountId: '={{ $json.officialAccount }}',
		subscriberIds: '={{ $json.subscribers }}',
		options,
	};
}


/** The node's parameters for an operation of the Official Account resource. */
export function officialAccountParameters(operation: string, fields: INodeParameters = {}, options: INodeParameters = {}): INodeParameters {
	return { resource: 'officialAccount', operation, ...fields, options };
}

/** The node's parameters for an operation of another resource (Account, Message). */
export function resourceParameters(resource: string, operation: string, fields: INodeParameters = {}, options: INodeParameters = {}): INodeParameters {
	return { resource, operation, ...fields, options };
}
