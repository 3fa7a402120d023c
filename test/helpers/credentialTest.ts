import type { ICredentialDataDecryptedObject, INodeType } from 'n8n-workflow';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { capture } from './capture';
import { runNode } from './engine';

// The credential's Test as n8n's CredentialsTester runs a declarative test: its request through
// n8n-core's RoutingNode (signed by the credential's authenticate), then its rules over the answer,
// and n8n's own messages for a request that failed (the status text, the error's code, its message).

const credential = new TencentChatApi();

const testNode: INodeType = {
	description: {
		displayName: 'Credential Test',
		name: 'credentialTest',
		group: ['transform'],
		version: 1,
		description: 'Runs the credential test request',
		defaults: { name: 'Credential Test' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'tencentChatApi', required: true }],
		properties: [
			{
				displayName: 'Temp',
				name: 'temp',
				type: 'string',
				default: '',
				routing: { request: credential.test.request },
			},
		],
	},
} as INodeType;

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export async function runCredentialTest(
	credentials: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	// What the request answered stays inside n8n's tester, as in n8n: only what the test says is shown, and watched.
	const { output, run } = await runNode({
		parameters: {},
		items: [{}],
		credentials,
		nodeType: testNode,
		watchForLeaks: false,
	});
	const result = judge(output[0]?.json ?? {}, run.data.resultData.error);
	capture(result.message);
	return result;
}

function judge(body: object, caught: unknown): CredentialTestResult {
	const error = caught as
		| (Error & { cause?: { response?: { status: number; statusText?: string }; code?: string } })
		| undefined;
	if (error) {
		const response = error.cause?.response;
		if (response && (response.status < 199 || response.status > 299)) {
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
		if (!response && error.cause?.code) return { status: 'Error', message: error.cause.code };
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of credential.test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = (body as Record<string, unknown>)[rule.properties.key];
		if (value === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
