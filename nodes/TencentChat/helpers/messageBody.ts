import type { MessageElement } from '../client';
import { InvalidInputError } from './ids';

// A message body given as JSON (Tencent's MsgBody), checked before any call: a non-empty array
// of {MsgType, MsgContent} elements within Tencent's size; anything else names what is wrong.

/**
 * Tencent's bound on a message body: 12 KB (one-to-one and group messages; assumed for official
 * accounts). What Tencent counts is UNCONFIRMED, so the stricter honest rule holds for every
 * operation that sends a message: the MsgBody's bytes as Tencent receives it, UTF-8 JSON, with the
 * element's names, quotes and backslashes escaped.
 */
export const MAX_MESSAGE_BYTES = 12 * 1024;
/** How deep a MsgBody may nest: Tencent's elements are a few levels deep (an image's ImageInfoArray, 4). */
export const MAX_MESSAGE_DEPTH = 32;

/** Refuses a message over Tencent's 12 KB as sent, or nested past any element Tencent has, naming `field`. */
export function checkMessageSize(body: MessageElement[], field: string): void {
	const depth = depthUpTo(body, MAX_MESSAGE_DEPTH + 1);
	if (depth > MAX_MESSAGE_DEPTH) {
		throw new InvalidInputError(
			field,
			`${field} is nested more than ${MAX_MESSAGE_DEPTH} levels deep; Tencent's message elements are a few levels deep, so it cannot be a message Tencent takes`,
		);
	}
	const bytes = Buffer.byteLength(JSON.stringify(body), 'utf8');
	if (bytes > MAX_MESSAGE_BYTES) {
		throw new InvalidInputError(
			field,
			`The message is ${bytes} bytes long as Tencent gets it (its MsgBody as JSON, quotes and backslashes escaped); a message may be at most ${MAX_MESSAGE_BYTES}`,
		);
	}
}

/** How deep `value` nests, counted without recursion (a value nested 100,000 deep cannot overflow the stack), up to `limit`. */
function depthUpTo(value: unknown, limit: number): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop() as [unknown, number];
		if (typeof current !== 'object' || current === null) continue;
		deepest = Math.max(deepest, depth);
		if (deepest >= limit) return deepest;
		for (const inner of Object.values(current))
			if (typeof inner === 'object' && inner !== null) stack.push([inner, depth + 1]);
	}
	return deepest;
}

/** A MsgBody given as JSON: a non-empty array of {MsgType, MsgContent} elements. */
export function readRawBody(value: unknown): MessageElement[] {
	const field = 'Message Body';
	const parsed = typeof value === 'string' ? parseJson(value) : { body: value };
	if ('error' in parsed)
		throw new InvalidInputError(field, `Message Body is not valid JSON: ${parsed.error}`);
	const { body } = parsed;
	if (!Array.isArray(body) || body.length === 0) {
		throw new InvalidInputError(
			field,
			'Message Body must be a JSON array of message elements, e.g. [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "Hi"}}]',
		);
	}
	body.forEach((element: unknown, index) => {
		const at = `Message Body element ${index + 1} of ${body.length}`;
		if (typeof element !== 'object' || element === null || Array.isArray(element))
			throw new InvalidInputError(field, `${at} is not an object`);
		const { MsgType, MsgContent } = element as Record<string, unknown>;
		if (typeof MsgType !== 'string' || !/^TIM\w+Elem$/.test(MsgType)) {
			throw new InvalidInputError(
				field,
				`${at} needs a MsgType such as "TIMTextElem" or "TIMCustomElem"`,
			);
		}
		if (typeof MsgContent !== 'object' || MsgContent === null || Array.isArray(MsgContent)) {
			throw new InvalidInputError(field, `${at} needs a MsgContent object`);
		}
	});
	checkMessageSize(body as MessageElement[], field);
	return body as MessageElement[];
}

function parseJson(text: string): { body: unknown } | { error: string } {
	try {
		return { body: JSON.parse(text) as unknown };
	} catch (error) {
		return { error: (error as Error).message };
	}
}
