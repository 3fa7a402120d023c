import type { MessageElement } from '../client';
import { InvalidInputError } from './ids';

// A message body given as JSON (Tencent's MsgBody), checked before any call: a non-empty array
// of {MsgType, MsgContent} elements within Tencent's size; anything else names what is wrong.

/** Tencent's bound on a message body (one-to-one and group messages; assumed for official accounts). */
export const MAX_MESSAGE_BYTES = 12 * 1024;

/** A MsgBody given as JSON: a non-empty array of {MsgType, MsgContent} elements. */
export function readRawBody(value: unknown): MessageElement[] {
	const field = 'Message Body';
	const parsed = typeof value === 'string' ? parseJson(value) : { body: value };
	if ('error' in parsed) throw new InvalidInputError(field, `Message Body is not valid JSON: ${parsed.error}`);
	const { body } = parsed;
	if (!Array.isArray(body) || body.length === 0) {
		throw new InvalidInputError(
			field,
			'Message Body must be a JSON array of message elements, e.g. [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "Hi"}}]',
		);
	}
	body.forEach((element: unknown, index) => {
		const at = `Message Body element ${index + 1} of ${body.length}`;
		if (typeof element !== 'object' || element === null || Array.isArray(element)) throw new InvalidInputError(field, `${at} is not an object`);
		const { MsgType, MsgContent } = element as Record<string, unknown>;
		if (typeof MsgType !== 'string' || !/^TIM\w+Elem$/.test(MsgType)) {
			throw new InvalidInputError(field, `${at} needs a MsgType such as "TIMTextElem" or "TIMCustomElem"`);
		}
		if (typeof MsgContent !== 'object' || MsgContent === null || Array.isArray(MsgContent)) {
			throw new InvalidInputError(field, `${at} needs a MsgContent object`);
		}
	});
	const bytes = Buffer.byteLength(JSON.stringify(body), 'utf8');
	if (bytes > MAX_MESSAGE_BYTES) throw new InvalidInputError(field, `Message Body is ${bytes} bytes long; Tencent allows at most ${MAX_MESSAGE_BYTES}`);
	return body as MessageElement[];
}

function parseJson(text: string): { body: unknown } | { error: string } {
	try {
		return { body: JSON.parse(text) as unknown };
	} catch (error) {
		return { error: (error as Error).message };
	}
}
