import type { FunctionsBase, IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	type ClientOptions,
	CredentialError,
	type EgressRules,
	EndpointError,
	readCredentials,
	TencentChatClient,
	type TencentChatError,
} from '../client';

// The one place the node meets the Tencent Chat client: it makes the execution's client from the
// credential, and turns the client's errors into the errors n8n shows.

export const CREDENTIAL_TYPE = 'tencentChatApi';

/**
 * What making a client needs of n8n: an execution's context, or the editor's (a list search), which
 * has no execution to give hints to.
 */
export type ClientContext = Pick<FunctionsBase, 'getCredentials' | 'getNode' | 'logger'> & {
	helpers: object;
	addExecutionHints?: IExecuteFunctions['addExecutionHints'];
};

export async function createClient(
	this: ClientContext,
	options: ClientOptions,
): Promise<TencentChatClient> {
	const data = await this.getCredentials(CREDENTIAL_TYPE);
	const logger = this.logger;
	let client: TencentChatClient;
	try {
		client = new TencentChatClient(readCredentials(data), {
			...options,
			log: (message) => logger.debug(message),
			notice: (message) => {
				logger.warn(message);
				this.addExecutionHints?.({ message, type: 'warning', location: 'outputPane' });
			},
			egress: egressRules(this),
		});
		await client.connectSharedBudget();
	} catch (error) {
		if (error instanceof CredentialError || error instanceof EndpointError) {
			const field = error instanceof CredentialError ? error.field : 'Region / Base URL';
			throw new NodeOperationError(this.getNode(), error.message, {
				description: `Fix "${field}" in the Tencent Chat API credential.`,
			});
		}
		throw new NodeOperationError(this.getNode(), error as Error);
	}
	const refusal = await client.egressRefusal();
	if (refusal !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`This n8n instance's network rules do not allow ${client.baseUrl}: ${refusal}`,
			{
				description:
					'n8n blocks requests to private and internal addresses when its SSRF protection is on (N8N_SSRF_PROTECTION_ENABLED). An administrator can allow the address with N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES.',
			},
		);
	}
	return client;
}

/** n8n's egress filter, on an n8n that has one (2.41 and later); older ones have no rules to apply. */
function egressRules(context: ClientContext): EgressRules | undefined {
	const helpers = context.helpers as Partial<{ getSecureEgressFilter: () => EgressRules }>;
	return typeof helpers.getSecureEgressFilter === 'function'
		? helpers.getSecureEgressFilter()
		: undefined;
}

const FIELD_NAMES = {
	sdkAppId: 'SDKAppID',
	identifier: 'Admin UserID',
	secretKey: 'Secret Key',
	region: 'Region',
} as const;

/**
 * A failed call as n8n shows it: Tencent's code and ErrorInfo, and what to do about it. The message
 * never holds a network error's code (ETIMEDOUT, ECONNRESET): n8n would replace it with its own
 * generic advice. The client describes network errors in words for that reason.
 */
export function toNodeApiError(
	node: INode,
	error: TencentChatError,
	context: { itemIndex?: number; description?: string },
): NodeApiError {
	const fix = error.field
		? `Check "${FIELD_NAMES[error.field]}" in the Tencent Chat API credential. `
		: '';
	const attempts = error.attempts > 1 ? ` (after ${error.attempts} attempts)` : '';
	const description = [error.hint ? `${fix}${error.hint}` : fix || undefined, context.description]
		.filter(Boolean)
		.join(' ');
	// Tencent's own names: n8n takes an `errorCode` for an HTTP status and swaps the message of one
	// that names a network error (ETIMEDOUT) for generic advice.
	const response: JsonObject = {
		ErrorCode: error.code,
		ErrorInfo: error.info,
		attempts: error.attempts,
	};
	const message = error.isTransport
		? `Tencent Chat call failed${attempts}: ${error.info}`
		: `Tencent Chat error ${error.code}${attempts}: ${error.info}`;
	return new NodeApiError(node, response, {
		message,
		description: description || undefined,
		itemIndex: context.itemIndex,
	});
}
