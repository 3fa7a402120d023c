import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseQueryString } from 'node:querystring';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-tencent-chat-test-'));

import { WebhookContext } from 'n8n-core';
import {
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import { TencentChat } from '../../nodes/TencentChat/TencentChat.node';
import { capture } from './capture';
import { SingleNodeType } from './engine';

// The Tencent Chat node's waiting webhook behind a real HTTP server on 127.0.0.1, called as n8n
// 2.41 calls it when a link of a Send and Wait message is followed (after n8n has checked the
// link's signature): n8n parses the body (a multipart form into `{ data, files }`, a urlencoded
// one into its fields), builds n8n-core's WebhookContext and calls the node's webhook().

export interface WebhookCall {
	workflowData?: INodeExecutionData[][];
	noWebhookResponse?: boolean;
	error?: Error;
}

export interface PageAnswer {
	status: number;
	contentType: string | null;
	csp: string | null;
	text: string;
	/** What the one webhook() call of the request gave n8n. */
	call: WebhookCall;
}

const NODE_ID = 'send-and-wait-node';

export class WaitingWebhookHarness {
	private server: Server | undefined;
	private readonly nodeType = new TencentChat();
	private lastCall: WebhookCall = {};

	constructor(private readonly parameters: INodeParameters) {}

	/** The link's path as n8n makes it: /webhook-waiting/<executionId>/<nodeId>. */
	get url(): string {
		const { port } = this.server?.address() as AddressInfo;
		return `http://127.0.0.1:${port}/webhook-waiting/execution-1/${NODE_ID}`;
	}

	async start(): Promise<void> {
		this.server = createServer((request, response) => void this.handle(request, response));
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}

	async request(
		method: 'GET' | 'POST',
		query: Record<string, string>,
		{
			userAgent,
			body,
			contentType,
		}: {
			userAgent?: string;
			body?: string | FormData | URLSearchParams;
			contentType?: string;
		} = {},
	): Promise<PageAnswer> {
		const url = new URL(this.url);
		for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
		const headers: Record<string, string> = { connection: 'close' };
		if (userAgent !== undefined) headers['user-agent'] = userAgent;
		if (contentType !== undefined) headers['content-type'] = contentType;
		// fetch sends its own User-Agent ("node"): a request with none is made with a raw header set to ''.
		if (userAgent === undefined) headers['user-agent'] = '';
		const response = await fetch(url, { method, headers, body });
		const text = await response.text();
		capture(text);
		capture(JSON.stringify(this.lastCall.workflowData ?? null));
		return {
			status: response.status,
			contentType: response.headers.get('content-type'),
			csp: response.headers.get('content-security-policy'),
			text,
			call: this.lastCall,
		};
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim();
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const body = await parseLikeN8n(rawBody, contentType, request.headers['content-type'] ?? '');
		Object.assign(request, {
			rawBody,
			body,
			contentType,
			query: Object.fromEntries(url.searchParams),
			params: {},
		});
		this.lastCall = await this.runWebhook(request, response);
		if (!response.writableEnded) {
			response.statusCode = this.lastCall.error ? 500 : 200;
			response.end(
				this.lastCall.error ? 'Workflow Webhook Error' : 'answered by n8n, not the node',
			);
		}
	}

	private async runWebhook(
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<WebhookCall> {
		const node: INode = {
			id: NODE_ID,
			name: 'Tencent Chat',
			type: 'n8n-nodes-tencent-chat.tencentChat',
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'waiting-webhook-id',
			parameters: this.parameters,
			credentials: { tencentChatApi: { id: '1', name: 'Tencent Chat account' } },
		};
		const workflow = new Workflow({
			id: 'wf',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new SingleNodeType(this.nodeType),
		});
		const additionalData = {
			httpRequest: request,
			httpResponse: response,
			webhookBaseUrl: 'http://127.0.0.1',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const description = this.nodeType.description.webhooks?.find(
			(webhook) => webhook.httpMethod === request.method,
		);
		const webhookData = {
			httpMethod: request.method,
			node: node.name,
			path: NODE_ID,
			webhookDescription: description,
			workflowId: 'wf',
			workflowExecuteAdditionalData: additionalData,
		} as IWebhookData;
		const context = new WebhookContext(
			workflow,
			workflow.getNode(node.name) as INode,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		try {
			return await (this.nodeType.webhook as NonNullable<TencentChat['webhook']>).call(context);
		} catch (error) {
			return { error: error as Error };
		}
	}
}

/** n8n's body parsing for what a form page posts: multipart (formidable, `multiples: true`) or urlencoded. */
async function parseLikeN8n(
	rawBody: Buffer,
	contentType: string,
	header: string,
): Promise<unknown> {
	if (contentType === 'multipart/form-data') {
		const form = await new Request('http://127.0.0.1/', {
			method: 'POST',
			headers: { 'content-type': header },
			body: rawBody,
		}).formData();
		const data: Record<string, string | string[]> = {};
		for (const name of new Set(form.keys())) {
			const values = form.getAll(name).map(String);
			data[name] = values.length === 1 ? values[0] : values;
		}
		return { data, files: {} };
	}
	if (contentType === 'application/x-www-form-urlencoded')
		return parseQueryString(rawBody.toString('utf8'));
	return {};
}
