import type { ServerResponse } from 'node:http';

import {
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { callbackCommandOf, callbackItem, readCallbackBody } from './callbackBody';
import { ALL_EVENTS, eventOptions, isEventSelected } from './callbackCommands';
import { readCallbackQuery, type TriggerSecrets, verifyCallback } from './verifyCallback';

const CREDENTIAL_TYPE = 'tencentChatApi';

/** What Tencent expects back: the callback is taken, and a "before" callback is allowed. */
export const OK_ANSWER = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } as const;

/** What the canvas shows under the trigger: the one event's name ("Subscriber Added"), or how many. No "}}" inside. */
const EVENT_NAMES = JSON.stringify(
	Object.fromEntries(eventOptions().map(({ name, value }) => [value, name])),
);
const EVENTS_SUBTITLE = `={{ $parameter["events"].length === 1 ? (${EVENT_NAMES}[$parameter["events"][0]] || $parameter["events"][0]) : $parameter["events"].length + " events" }}`;

/**
 * A Respond to Webhook node of version 1, to paste into the canvas: n8n's later versions accept only
 * n8n's own Webhook, Form and Chat triggers ("No Webhook node found"), and the nodes panel adds those.
 */
const RESPOND_NODE_V1 = JSON.stringify({
	nodes: [
		{
			parameters: {
				respondWith: 'json',
				responseBody: '={{ { ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" } }}',
				options: {},
			},
			name: 'Respond to Tencent',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1,
			position: [400, 0],
		},
	],
	connections: {},
});

export class TencentChatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Chat Trigger',
		name: 'tencentChatTrigger',
		icon: {
			light: 'file:../../icons/tencentChat.svg',
			dark: 'file:../../icons/tencentChat.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: EVENTS_SUBTITLE,
		description: "Starts the workflow on Tencent Cloud Chat's webhooks (callbacks), verified",
		defaults: { name: 'Tencent Chat Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: '={{ $parameter["respond"] }}',
				path: 'callback',
			},
		],
		properties: [
			{
				displayName:
					'Paste the Production URL above into the Chat console: your app > Webhook / Callback configuration, and tick the same events there; changes take a few minutes to reach Tencent. Set a callback token there and the same Callback Token in the credential: without one, anyone who knows the URL can start this workflow.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [ALL_EVENTS],
				description:
					'The callbacks that start the workflow. Others are answered OK and start nothing.',
				options: eventOptions(),
			},
			{
				displayName: 'Respond',
				name: 'respond',
				type: 'options',
				default: 'onReceived',
				options: [
					{
						name: 'Immediately',
						value: 'onReceived',
						description:
							'Answer OK at once (Tencent goes ahead with the action of a "before" callback)',
					},
					{
						name: "Using 'Respond to Webhook' Node (Version 1)",
						value: 'responseNode',
						description:
							'The workflow answers, e.g. to allow or refuse a "before" callback, with a Respond to Webhook node of version 1: later versions fail for this trigger',
					},
				],
			},
			{
				displayName: `Answer with a Respond to Webhook node of <b>version 1</b>: the one the nodes panel adds (1.1 and later) accepts only n8n's own Webhook, Form and Chat triggers and fails with "No Webhook node found" (Tencent then gets a 500). Copy this and paste it into the canvas: <code>${RESPOND_NODE_V1}</code> Answer within 2 s: Tencent waits no longer for a "before" callback, then applies its default. Every path of the workflow must end in such a node.`,
				name: 'respondNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { respond: ['responseNode'] } },
			},
		],
	};

	// Tencent has no API to register a callback URL: it is pasted into the Chat console, so
	// there is nothing to check, create or delete here.
	webhookMethods = {
		default: {
			async checkExists(): Promise<boolean> {
				return false;
			},
			async create(): Promise<boolean> {
				return true;
			},
			async delete(): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const refuse = (status: number, reason: string): IWebhookResponseData => {
			this.logger.warn(`Tencent Chat Trigger refused a callback (HTTP ${status}): ${reason}`, {
				workflowId: this.getWorkflow().id,
				node: this.getNode().name,
			});
			answer(response, status, { ActionStatus: 'FAIL', ErrorCode: status, ErrorInfo: reason });
			return { noWebhookResponse: true };
		};

		const query = readCallbackQuery(this.getQueryData());
		const verdict = verifyCallback(query, await readSecrets(this), Date.now());
		if (!verdict.accepted) return refuse(401, verdict.reason);

		const request = this.getRequestObject() as { rawBody?: Buffer };
		const reading = readCallbackBody(request.rawBody, this.getBodyData());
		if (!reading.ok) return refuse(reading.status, reading.reason);
		const command = callbackCommandOf(query, reading.body);
		if (command === undefined)
			return refuse(400, 'CallbackCommand is missing from the query and the body');

		const events = this.getNodeParameter('events', []) as string[];
		if (!isEventSelected(command, events)) {
			answer(response, 200, OK_ANSWER);
			return { noWebhookResponse: true };
		}

		const workflowData = [
			this.helpers.returnJsonArray([callbackItem(command, query, reading.body)]),
		];
		if (this.getNodeParameter('respond', 'onReceived') === 'responseNode') return { workflowData };
		answer(response, 200, OK_ANSWER);
		return { noWebhookResponse: true, workflowData };
	}
}

async function readSecrets(context: IWebhookFunctions): Promise<TriggerSecrets> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const token = credentials.callbackToken;
	return {
		sdkAppId: Number(credentials.sdkAppId),
		callbackToken: typeof token === 'string' ? token : '',
	};
}

/** Sent by the trigger itself: n8n would otherwise answer a trigger's call with its own text. */
function answer(response: ServerResponse, status: number, body: IDataObject): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
	});
	response.end(text);
}
