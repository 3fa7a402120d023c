import { type IDataObject, type IExecuteFunctions, WAIT_INDEFINITELY } from 'n8n-workflow';

import type { MessageElement } from '../../client';
import {
	InvalidInputError,
	MAX_MESSAGE_BYTES,
	MAX_USER_ID_BYTES,
	readId,
	readText,
} from '../../fields';
import { RESPONSE_TYPES, type ResponseType } from './fields';
import { readFormFields } from './form';

// What one Send and Wait asks, read before the send: the response type, the choices the message
// offers with their links (n8n's signed resume URLs for this execution and node), when the wait
// ends, and the message body that carries it all to Tencent.

export const ATTRIBUTION = 'This message was sent automatically with n8n';
/** The data type of the custom element, for apps that draw the choices as buttons. */
export const CUSTOM_ELEMENT_TYPE = 'n8n.sendAndWait';

const SENDER = { field: 'Sender', maxBytes: MAX_USER_ID_BYTES };

/** The item's Sender (Options); left empty, none: the credential's admin sends. */
export function readSender(
	context: IExecuteFunctions,
	itemIndex: number,
): { From_Account?: string } {
	const from = context.getNodeParameter('options.from', itemIndex, '');
	return from === '' || from === null || from === undefined
		? {}
		: { From_Account: readId(from, SENDER) };
}

export interface Choice {
	label: string;
	url: string;
	/** What `{ data: { approved } }` says when the person follows this link. */
	approved: boolean;
}

export interface SendAndWaitRequest {
	responseType: ResponseType;
	choices: Choice[];
	waitTill: Date;
	body: MessageElement[];
}

const MESSAGE = { field: 'Message', maxBytes: MAX_MESSAGE_BYTES };
const LABEL = { maxBytes: 256 };
const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
const LIMIT = 'Limit Wait Time';

export function readResponseType(value: unknown): ResponseType {
	if (RESPONSE_TYPES.includes(value as ResponseType)) return value as ResponseType;
	throw new InvalidInputError(
		'Response Type',
		`Response Type must be one of ${RESPONSE_TYPES.join(', ')}, not ${JSON.stringify(value)}`,
	);
}

/** When the wait ends: never without a limit, else after the interval from `now` or at the date. */
export function waitTillFor(limitWaitTime: unknown, now: number): Date {
	const limit = (limitWaitTime as { values?: IDataObject } | undefined)?.values;
	if (limit === undefined || limit === null) return WAIT_INDEFINITELY;
	if ((limit.limitType ?? 'afterTimeInterval') === 'afterTimeInterval') {
		const amount =
			typeof limit.resumeAmount === 'string' && limit.resumeAmount.trim() !== ''
				? Number(limit.resumeAmount)
				: (limit.resumeAmount ?? 1);
		const unit = UNIT_MS[String(limit.resumeUnit ?? 'hours')];
		if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
			throw new InvalidInputError(
				LIMIT,
				`${LIMIT}: Amount must be a number of 0 or more, got ${JSON.stringify(limit.resumeAmount)}`,
			);
		}
		if (unit === undefined)
			throw new InvalidInputError(
				LIMIT,
				`${LIMIT}: Unit must be minutes, hours or days, got ${JSON.stringify(limit.resumeUnit)}`,
			);
		return new Date(now + amount * unit);
	}
	if (limit.limitType !== 'atSpecifiedTime') {
		throw new InvalidInputError(
			LIMIT,
			`${LIMIT}: Limit Type must be afterTimeInterval or atSpecifiedTime, got ${JSON.stringify(limit.limitType)}`,
		);
	}
	let raw: unknown = limit.maxDateAndTime;
	// An expression may give a Luxon DateTime ({{ $now.plus({ hours: 2 }) }}).
	if (typeof (raw as { toISO?: unknown } | null)?.toISO === 'function')
		raw = (raw as { toISO: () => string }).toISO();
	const date =
		raw instanceof Date
			? raw
			: new Date(typeof raw === 'string' || typeof raw === 'number' ? raw : NaN);
	if (raw === '' || Number.isNaN(date.getTime())) {
		throw new InvalidInputError(
			LIMIT,
			`${LIMIT}: Max Date and Time is not a date and time, got ${JSON.stringify(raw)}`,
		);
	}
	return date;
}

function label(value: unknown, fallback: string, field: string): string {
	if (value === undefined || value === null || value === '') return fallback;
	const text = readText(value, { field, ...LABEL }).trim();
	return text === '' ? fallback : text;
}

/** The message's choices; each link is signed by n8n for this execution and this node. */
function choicesFor(
	context: IExecuteFunctions,
	responseType: ResponseType,
	options: IDataObject,
): Choice[] {
	const link = (approved: boolean) => context.getSignedResumeUrl({ approved: String(approved) });
	if (responseType !== 'approval') {
		return [
			{
				label: label(options.messageButtonLabel, 'Respond', 'Message Button Label'),
				url: link(true),
				approved: true,
			},
		];
	}
	const approval = (context.getNodeParameter('approvalOptions.values', 0, {}) ?? {}) as IDataObject;
	const approve = {
		label: label(approval.approveLabel, 'Approve', 'Approve Button Label'),
		url: link(true),
		approved: true,
	};
	if ((approval.approvalType ?? 'single') === 'single') return [approve];
	if (approval.approvalType !== 'double') {
		throw new InvalidInputError(
			'Type of Approval',
			`Type of Approval must be single or double, not ${JSON.stringify(approval.approvalType)}`,
		);
	}
	return [
		approve,
		{
			label: label(approval.disapproveLabel, 'Decline', 'Disapprove Button Label'),
			url: link(false),
			approved: false,
		},
	];
}

/** The text a person reads: the message, one line per choice with its link, the attribution. */
export function messageText(message: string, choices: Choice[], attribution: boolean): string {
	const lines = choices.map((choice) => `${choice.label}: ${choice.url}`);
	return [message.trim(), lines.join('\n'), ...(attribution ? [ATTRIBUTION] : [])].join('\n\n');
}

function bodyFor(
	message: string,
	responseType: ResponseType,
	choices: Choice[],
	options: IDataObject,
): MessageElement[] {
	const attribution = options.appendAttribution !== false && options.appendAttribution !== 'false';
	const format = options.messageFormat ?? 'text';
	let element: MessageElement;
	if (format === 'text') {
		element = {
			MsgType: 'TIMTextElem',
			MsgContent: { Text: messageText(message, choices, attribution) },
		};
	} else if (format === 'custom') {
		const data = {
			type: CUSTOM_ELEMENT_TYPE,
			text: message.trim(),
			responseType,
			choices,
			...(attribution ? { attribution: ATTRIBUTION } : {}),
		};
		// Desc is what an offline push shows: the message, without the links.
		element = {
			MsgType: 'TIMCustomElem',
			MsgContent: { Data: JSON.stringify(data), Desc: message.trim(), Ext: '' },
		};
	} else {
		throw new InvalidInputError(
			'Message Format',
			`Message Format must be text or custom, not ${JSON.stringify(format)}`,
		);
	}
	const bytes = Buffer.byteLength(JSON.stringify(element.MsgContent), 'utf8');
	if (bytes > MAX_MESSAGE_BYTES) {
		throw new InvalidInputError(
			'Message',
			`The message with its links is ${bytes} bytes long; Tencent allows at most ${MAX_MESSAGE_BYTES}: shorten the Message`,
		);
	}
	return [element];
}

/** Reads the first item's Send and Wait fields; throws InvalidInputError naming the field. */
export function readSendAndWait(context: IExecuteFunctions, now = Date.now()): SendAndWaitRequest {
	const responseType = readResponseType(context.getNodeParameter('responseType', 0, 'approval'));
	const message = readText(context.getNodeParameter('message', 0, ''), MESSAGE);
	if (message.trim() === '')
		throw new InvalidInputError(
			MESSAGE.field,
			'Message is empty: the person needs to know what they answer',
		);
	const options = (context.getNodeParameter('options', 0, {}) ?? {}) as IDataObject;
	// A form that cannot be built fails now, not when the person opens the link.
	if (responseType === 'customForm')
		readFormFields((name, fallback) => context.getNodeParameter(name, 0, fallback));
	const waitTill = waitTillFor(options.limitWaitTime, now);
	const choices = choicesFor(context, responseType, options);
	return {
		responseType,
		choices,
		waitTill,
		body: bodyFor(message, responseType, choices, options),
	};
}
