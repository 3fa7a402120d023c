import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { readCredentials, signedQuery } from '../nodes/TencentChat/client/credentials';
import {
	configurationErrorCodes,
	transientErrorCodes,
} from '../nodes/TencentChat/client/errorCodes';
import { REGIONS, resolveBaseUrl } from '../nodes/TencentChat/client/regions';

/**
 * SDKAppID, app admin and secret key of a Tencent Chat app. Requests are signed with a UserSig
 * made here, so the HTTP Request node can call any Tencent Chat REST API with this credential.
 */
export class TencentChatApi implements ICredentialType {
	name = 'tencentChatApi';

	displayName = 'Tencent Chat API';

	icon = {
		light: 'file:../icons/tencentChat.svg',
		dark: 'file:../icons/tencentChat.dark.svg',
	} as const;

	documentationUrl = 'https://www.tencentcloud.com/document/product/1047/34620';

	properties: INodeProperties[] = [
		{
			displayName: 'SDKAppID',
			name: 'sdkAppId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '1400000000',
			description: 'The SDKAppID of the app, shown on its card in the Chat console',
		},
		{
			displayName: 'Admin UserID',
			name: 'identifier',
			type: 'string',
			required: true,
			default: 'administrator',
			description: 'An app admin account, from Account Management in the Chat console',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: "The app's key for signing UserSigs, from Basic Information in the Chat console",
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'singapore',
			description: 'The data centre the app was created in',
			options: [
				...Object.entries(REGIONS).map(([value, region]) => ({
					name: region.name,
					value,
					description: region.domain,
				})),
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'Another address, e.g. a proxy or a test server',
				},
			],
		},
		{
			displayName: 'Use Backup Domain',
			name: 'useBackupDomain',
			type: 'boolean',
			default: false,
			description:
				"Whether to use the region's backup domain, for networks where the main one is unreachable",
			displayOptions: { hide: { region: ['custom'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://console.tim.qq.com',
			description:
				'Must be https://; plain http:// only to localhost, for testing. A path is kept (a gateway at https://gw.example.com/tencent); a query or user name is refused.',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Keep Rate Limits',
			name: 'limitsKeptBy',
			type: 'options',
			default: 'process',
			description:
				"Where Tencent's per-app limits are counted. In queue mode, Redis lets every worker share the app's limits: one job alone gets all of them, several together never exceed them.",
			options: [
				{
					name: 'This n8n Process Only',
					value: 'process',
					description: 'Each n8n process keeps to its share on its own',
				},
				{
					name: 'In Redis, for All n8n Processes',
					value: 'redis',
					description:
						'Every process using this Redis counts on one budget; without Redis each keeps to its share',
				},
			],
		},
		{
			displayName: 'Redis Host',
			name: 'redisHost',
			type: 'string',
			default: 'localhost',
			description: 'The Redis n8n uses for queue mode (QUEUE_BULL_REDIS_HOST) will do',
			displayOptions: { show: { limitsKeptBy: ['redis'] } },
		},
		{
			displayName: 'Redis Port',
			name: 'redisPort',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 65535 },
			default: 6379,
			displayOptions: { show: { limitsKeptBy: ['redis'] } },
		},
		{
			displayName: 'Redis Database',
			name: 'redisDatabase',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			displayOptions: { show: { limitsKeptBy: ['redis'] } },
		},
		{
			displayName: 'Redis User',
			name: 'redisUser',
			type: 'string',
			default: '',
			description: 'An ACL user; empty for the default user',
			displayOptions: { show: { limitsKeptBy: ['redis'] } },
		},
		{
			displayName: 'Redis Password',
			name: 'redisPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { limitsKeptBy: ['redis'] } },
		},
		{
			displayName: 'Redis TLS',
			name: 'redisTls',
			type: 'boolean',
			default: false,
			description: 'Whether to connect to Redis over TLS',
			displayOptions: { show: { limitsKeptBy: ['redis'] } },
		},
		{
			displayName: 'Redis Key Prefix',
			name: 'redisKeyPrefix',
			type: 'string',
			default: 'n8n-tencent-chat:',
			description: 'Starts the name of every key this credential keeps in Redis',
			displayOptions: { show: { limitsKeptBy: ['redis'] } },
		},
		{
			displayName: 'Share of Rate Limits (%)',
			name: 'rateLimitShare',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 100,
			description:
				"The part of Tencent's per-app limits (e.g. 200 calls a second for official account commands) that n8n keeps to in each of its processes. With several n8n processes calling the same app (queue-mode workers), give each its share, e.g. 50 for two. With Redis, the share each process keeps to while Redis is away.",
		},
		{
			displayName: 'Callback Token',
			name: 'callbackToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'For the Tencent Chat Trigger: the token set in the Chat console (your app > Webhook / Callback configuration). The trigger then accepts only callbacks signed with it. Without it, anyone who knows the URL can start the workflow.',
		},
	];

	/** Adds the signed query that every Tencent Chat REST call carries. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const settings = readCredentials(credentials);
		const baseUrl = resolveBaseUrl(settings);
		const isRelative = !/^https?:\/\//i.test(requestOptions.url ?? '');
		return {
			...requestOptions,
			...(isRelative && requestOptions.baseURL === undefined ? { baseURL: baseUrl } : {}),
			qs: { ...requestOptions.qs, ...signedQuery(settings) },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/v4/im_open_login_svc/account_check',
			body: { CheckItem: [{ UserID: '={{ $credentials.identifier }}' }] },
			json: true,
			// Every answer is judged by the rules below, never by its status text, which a server or a
			// gateway writes (and may quote the signed URL in); a redirect is not followed, so the
			// signed query goes nowhere else.
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		},
		rules: [
			...[...configurationErrorCodes(), ...transientErrorCodes()].map(({ code, hint }) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'ErrorCode', value: code, message: hint },
			})),
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ActionStatus',
					value: 'FAIL',
					message: 'Tencent Chat refused the request: check SDKAppID, Admin UserID and Secret Key',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ActionStatus',
					value: undefined,
					message:
						"The server did not answer as Tencent Chat does (an HTTP error, a redirect or a page that is not Tencent's JSON): check the Region, or the Base URL",
				},
			},
		],
	};
}
