import type { IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { type ClientOptions, readCredentials, TencentChatClient, type TencentChatError } from '../client';

export const CREDENTIAL_TYPE = 'tencentChatApi';

/** The one place the node meets the Tencent Chat client. */
export async function createClient(this: IExecuteFunctions, options: ClientOptions): Promise<TencentChatClient> {
	const credentials = readCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	const logger = this.logger;
	return new TencentChatClient(credentials, { ...options, log: (message) => logger.debug(message) });
}

const FIELD_NAMES = {
	sdkAppId: 'SDKAppID',
	identifier: 'Admin UserID',
	secretKey: 'Secret Key',
	region: 'Region',
} as const;

/** A failed call as n8n shows it: Tencent's code and ErrorInfo, and what to do about it. */
export function toNodeApiError(
	node: INode,
	error: TencentChatError,
	context: { itemIndex?: number; description?: string },
): NodeApiError {
	const fix = error.field ? `Check "${FIELD_NAMES[error.field]}" in the Tencent Chat API credential. ` : '';
	const description = [error.hint ? `${fix}${error.hint}` : undefined, context.description]
		.filter(Boolean)
		.join(' ');
	const response: JsonObject = { errorCode: error.code, errorInfo: error.info, attempts: error.attempts };
	return new NodeApiError(node, response, {
		message: `Tencent Chat error ${error.code}: ${error.info}`,
		description: description || undefined,
		itemIndex: context.itemIndex,
	});
}
