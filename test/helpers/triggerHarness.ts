import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-tencent-chat-test-'));

import { WebhookContext } from 'n8n-core';
import {
	type ICredentialDataDecryptedObject,
	type ICredentialsHelper,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import { TencentChatTrigger } from '../../nodes/TencentChatTrigger/TencentChatTrigger.node';
import { capture } from './capture';
import { SingleNodeType } from './engine';

// The Tencent Chat Trigger behind a real HTTP server on 127.0.0.1, called as n8n 2.41 calls a
// webhook trigger: n8n reads the body (keeping its bytes as `rawBody`, answering 422 itself to a
// JSON content type that does not parse), builds n8n-core's WebhookContext and calls webhook().

/** What one call of webhook() gave n8n. */
export interface TriggerCall {
	workflowData?: INodeExecutionData[][];
	noWebhookResponse?: boolean;
	/** Whether the trigger had sent its answer by the time webhook() returned. */
	answeredByTrigger: boolean;
	/** The webhook's responseMode, evaluated as n8n evaluates it. */
	responseMode: unknown;
	error?: Error;
}

export interface HarnessOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** In responseNode mode: what the workflow's Respond to Webhook node answers. */
	respondToWebhook?: (call: TriggerCall) => { status: number; body: IDataObject };
}

export interface Answer {
	status: number;
	text: string;
	json: IDataObject | undefined;
}

/** Every line the trigger logged, through the logger n8n gives a node. */
export const logs: string[] = [];
const logTo =
	(level: string) =>
	(message: string, meta?: object): void => {
		const line = `${level} ${message} ${meta ? JSON.stringify(meta) : ''}`;
		logs.push(line);
		capture(line);
	};
const logger = {
	error: logTo('error'),
	warn: logTo('warn'),
	info: logTo('info'),
	debug: logTo('debug'),
};

const NODE_TYPE = 'n8n-nodes-tencent-chat.tencentChatTrigger';
const N8N_PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

export class TriggerHarness {
	readonly calls: TriggerCall[] = [];
	private server: Server | undefined;
	private readonly nodeType = new TencentChatTrigger();

	constructor(private readonly options: HarnessOptions) {}

	/** The production URL of the trigger, as n8n would give it. */
	get url(): string {
		const { port } = this.server?.address() as AddressInfo;
		return `http://127.0.0.1:${port}/webhook/harness-webhook-id/callback`;
	}

	async start(): Promise<string> {
		this.server = createServer((request, response) => void this.handle(request, response));
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		return this.url;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}

	/** POSTs to the trigger; `body` as text is sent as it is. */
	async post(
		query: Record<string, string>,
		body: string | object,
		contentType = 'application/json',
	): Promise<Answer> {
		const url = new URL(this.url);
		for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': contentType, connection: 'close' },
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await response.text();
		let json: IDataObject | undefined;
		try {
			json = JSON.parse(text) as IDataObject;
		} catch {
			json = undefined;
		}
		return { status: response.status, text, json };
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const rawBody = await readRawBody(request);
		if (rawBody === undefined) return reply(response, 413, { message: 'request entity too large' });
		const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim();
		const parsed = parseLikeN8n(rawBody, contentType);
		if (parsed.unprocessable)
			return reply(response, 422, { message: 'Failed to parse request body' });

		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		Object.assign(request, {
			rawBody,
			body: parsed.body,
			query: queryLikeN8n(url.searchParams),
			params: {},
		});
		const call = await this.runWebhook(request, response);
		this.calls.push(call);
		if (call.error)
			return reply(response, 500, {
				message: 'Workflow Webhook Error: Workflow could not be started!',
			});
		if (call.noWebhookResponse || response.headersSent) return;
		const answer = this.options.respondToWebhook?.(call) ?? {
			status: 200,
			body: { harness: 'no Respond to Webhook' },
		};
		reply(response, answer.status, answer.body);
	}

	private async runWebhook(
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<TriggerCall> {
		const node: INode = {
			id: 'trigger-node',
			name: 'Tencent Chat Trigger',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'harness-webhook-id',
			parameters: this.options.parameters,
			credentials: { tencentChatApi: { id: '1', name: 'Tencent Chat account' } },
		};
		const workflow = new Workflow({
			id: 'trigger-workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new SingleNodeType(this.nodeType),
		});
		const credentials = this.options.credentials;
		const additionalData = {
			credentialsHelper: {
				isCredentialUsableByNode: () => true,
				getDecrypted: async () => ({ ...credentials }),
			} as unknown as ICredentialsHelper,
			httpRequest: request,
			httpResponse: response,
			webhookBaseUrl: 'http://127.0.0.1',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const description = this.nodeType.description.webhooks?.[0];
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'callback',
			webhookDescription: description,
			workflowId: 'trigger-workflow',
			workflowExecuteAdditionalData: additionalData,
			webhookId: 'harness-webhook-id',
		} as IWebhookData;
		const workflowNode = workflow.getNode(node.name) as INode;
		const responseMode = workflow.expression.getSimpleParameterValue(
			workflowNode,
			description?.responseMode,
			'webhook',
			{},
		);
		const context = new WebhookContext(
			workflow,
			workflowNode,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		// n8n's logger comes from its DI container, which a test does not set up.
		Object.defineProperty(context, 'logger', { value: logger });
		try {
			const result = await (this.nodeType.webhook as NonNullable<INodeType['webhook']>).call(
				context,
			);
			return { ...result, answeredByTrigger: response.writableEnded, responseMode };
		} catch (error) {
			return { answeredByTrigger: response.writableEnded, responseMode, error: error as Error };
		}
	}
}

/** The body bytes, or undefined past n8n's default N8N_PAYLOAD_SIZE_MAX. */
async function readRawBody(request: IncomingMessage): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > N8N_PAYLOAD_SIZE_MAX) return undefined;
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** n8n's parseBody for the content types a callback might come with. */
function parseLikeN8n(
	rawBody: Buffer,
	contentType: string,
): { body?: unknown; unprocessable?: true } {
	if (rawBody.length === 0) return {};
	if (contentType === 'application/json') {
		try {
			return { body: JSON.parse(rawBody.toString('utf8').replace(/^\uFEFF/, '')) };
		} catch {
			return { unprocessable: true };
		}
	}
	if (contentType === 'text/plain') return { body: rawBody.toString('utf8') };
	return {};
}

/** Express's query: a parameter given twice becomes an array. */
function queryLikeN8n(params: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const name of new Set(params.keys())) {
		const values = params.getAll(name);
		query[name] = values.length === 1 ? values[0] : values;
	}
	return query;
}

function reply(response: ServerResponse, status: number, body: object): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	response.end(text);
}
