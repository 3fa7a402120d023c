import type { ServerResponse } from 'node:http';

import type {
	IDataObject,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { InvalidInputError } from '../../fields';
import { type FormField, readFormAnswer, readFormFields, submittedValues } from './form';
import { formPage, messagePage, PAGE_CSP, recordedPage } from './pages';
import { readResponseType } from './request';
import { isAutomatedRequest } from './userAgent';

// What happens when a person follows a link of the message. n8n has checked the link's signature
// before calling this (it does so for a node whose operation is sendAndWait) and answers itself
// once the execution is over ("no action required"). Here: an approval resumes the execution with
// `{ data: { approved } }`; a form link shows its form, and the form's POST resumes it with the
// answer. A machine's GET (a chat client's link preview) resumes nothing.

/**
 * The links' webhooks, as n8n's Send and Wait declares them: under this node's id, used only to
 * resume a waiting execution (restartWebhook), never registered as a trigger.
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = (['GET', 'POST'] as const).map(
	(httpMethod) => ({
		name: 'default',
		httpMethod,
		responseMode: 'onReceived',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	}),
);

/** What the editor shows on the node while its execution waits. */
export const WAITING_TOOLTIP =
	'={{ $parameter["operation"] === "sendAndWait" ? "The execution goes on once the person answers" : "" }}';

const FREE_TEXT: FormField[] = [
	{
		key: 'text',
		label: 'Response',
		type: 'textarea',
		placeholder: '',
		defaultValue: '',
		choices: [],
		required: true,
		hiddenValue: '',
	},
];

function send(response: ServerResponse, status: number, html: string): void {
	response.statusCode = status;
	response.setHeader('content-type', 'text/html; charset=utf-8');
	response.setHeader('content-security-policy', PAGE_CSP);
	response.setHeader('cache-control', 'no-store');
	response.setHeader('x-robots-tag', 'noindex');
	response.end(html);
}

/**
 * A parameter as the page needs it. The webhook runs without the execution's input items, so an
 * expression on `$json` cannot be evaluated here: the page falls back instead of failing.
 */
function parameter(context: IWebhookFunctions, name: string, fallback: unknown): unknown {
	try {
		return context.getNodeParameter(name, fallback) ?? fallback;
	} catch {
		return fallback;
	}
}

const nonEmpty = (value: unknown, fallback: string): string =>
	typeof value === 'string' && value.trim() !== '' ? value : fallback;

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const response = this.getResponseObject();
	const options = parameter(this, 'options', {}) as IDataObject;
	const attribution = options.appendAttribution !== false && options.appendAttribution !== 'false';
	const respondedAt = () => new Date().toISOString();

	let responseType;
	try {
		responseType = readResponseType(parameter(this, 'responseType', 'approval'));
	} catch (error) {
		send(response, 500, formError(error, attribution));
		return { noWebhookResponse: true };
	}

	if (responseType === 'approval') {
		if (isAutomatedRequest(request.headers['user-agent'])) {
			send(response, 200, '');
			return { noWebhookResponse: true };
		}
		send(response, 200, recordedPage(attribution));
		const approved = request.query.approved === 'true';
		return {
			noWebhookResponse: true,
			workflowData: [[{ json: { data: { approved, respondedAt: respondedAt() } } }]],
		};
	}

	let fields = FREE_TEXT;
	if (responseType === 'customForm') {
		try {
			fields = readFormFields((name, fallback) => parameter(this, name, fallback));
		} catch (error) {
			send(response, 500, formError(error, attribution));
			return { noWebhookResponse: true };
		}
	}
	const form = {
		title: nonEmpty(parameter(this, 'options.responseFormTitle', ''), ''),
		description: nonEmpty(
			parameter(this, 'options.responseFormDescription', ''),
			String(parameter(this, 'message', '') ?? ''),
		),
		fields,
		buttonLabel: nonEmpty(parameter(this, 'options.responseFormButtonLabel', 'Submit'), 'Submit'),
		attribution,
	};
	if (request.method !== 'POST') {
		send(response, 200, formPage(form));
		return { noWebhookResponse: true };
	}
	const read = readFormAnswer(fields, submittedValues(this.getBodyData()));
	if ('missing' in read) {
		send(response, 400, formPage({ ...form, note: `Please fill in "${read.missing}".` }));
		return { noWebhookResponse: true };
	}
	send(response, 200, recordedPage(attribution));
	// respondedAt last: a form field of that name cannot stand in for the time of the answer.
	return {
		noWebhookResponse: true,
		workflowData: [[{ json: { data: { ...read.answer, respondedAt: respondedAt() } } }]],
	};
}

function formError(error: unknown, attribution: boolean): string {
	const reason =
		error instanceof InvalidInputError ? error.message : 'The form could not be built.';
	return messagePage(
		'This form cannot be shown',
		`${reason} Ask the workflow's owner to fix the node.`,
		attribution,
	);
}
