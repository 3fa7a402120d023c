import { type FieldLimit, InvalidInputError } from './field';

// Reading the IDs an item brings, and refusing, before any call, what can never succeed or would
// not be sent as meant: a missing or blank ID, one made only of invisible characters, one longer
// than Tencent allows, a number that has already lost digits, a value that is not an ID at all.

/** Tencent's UserIDs are at most 32 bytes: https://www.tencentcloud.com/document/product/1047/34953 */
export const MAX_USER_ID_BYTES = 32;
/** Official account IDs are at most 48 bytes: https://trtc.io/document/69506 */
export const MAX_OFFICIAL_ACCOUNT_ID_BYTES = 48;

// Format and separator characters, controls, and every kind of space: a name made of these alone
// looks empty in every UI.
const INVISIBLE = /^[\p{Cf}\p{Cc}\p{Z}\s\u115F\u1160\u3164\uFFA0]*$/u;

/** One ID: text (trimmed) or a whole number that JavaScript holds exactly. */
export function readId(value: unknown, rule: FieldLimit, where = ''): string {
	if (typeof value === 'string') {
		const id = value.trim();
		if (id === '') throw new InvalidInputError(rule.field, `${rule.field}${where} is empty`);
		if (INVISIBLE.test(id))
			throw new InvalidInputError(
				rule.field,
				`${rule.field}${where} holds only invisible characters`,
			);
		return checkedLength(id, rule, where);
	}
	const subject = `${rule.field}${where}`;
	if (typeof value === 'number') {
		if (Number.isSafeInteger(value)) return checkedLength(String(value), rule, where);
		if (Number.isInteger(value) || !Number.isFinite(value)) {
			throw new InvalidInputError(
				rule.field,
				`${subject} is the number ${value}, too large to be read exactly: pass IDs as text, e.g. "{{ String($json.id) }}" or a text column`,
			);
		}
		throw new InvalidInputError(rule.field, `${subject} is ${value}, not a whole number`);
	}
	if (typeof value === 'bigint') return checkedLength(value.toString(), rule, where);
	throw new InvalidInputError(rule.field, `${subject} ${describeNonId(value)}`);
}

/** One ID, a comma-separated list of IDs, or an array of IDs. */
export function readIdList(value: unknown, rule: FieldLimit): string[] {
	if (typeof value === 'string' && value.includes(',')) return value.split(',').map(entryOf(rule));
	if (Array.isArray(value)) {
		if (value.length === 0)
			throw new InvalidInputError(rule.field, `${rule.field} is an empty list`);
		return value.map(entryOf(rule));
	}
	return [readId(value, rule)];
}

/** Reads a list's entries; a bad one is read again to say which entry it is (no text is made for good ones). */
function entryOf(rule: FieldLimit) {
	return (member: unknown, position: number, list: unknown[]): string => {
		try {
			return readId(member, rule);
		} catch {
			return readId(member, rule, `: entry ${position + 1} of ${list.length}`);
		}
	};
}

function checkedLength(id: string, rule: FieldLimit, where: string): string {
	// A UTF-16 unit is at most 3 bytes of UTF-8: short IDs need no count.
	if (id.length * 3 <= rule.maxBytes) return id;
	const bytes = Buffer.byteLength(id, 'utf8');
	if (bytes > rule.maxBytes) {
		throw new InvalidInputError(
			rule.field,
			`${rule.field}${where} "${id.length > 40 ? `${id.slice(0, 40)}…` : id}" is ${bytes} bytes long; Tencent allows at most ${rule.maxBytes}`,
		);
	}
	return id;
}

function describeNonId(value: unknown): string {
	if (value === undefined || value === null) return 'is missing';
	if (Array.isArray(value)) return 'is a list, not an ID';
	return `must be an ID (text or a whole number), not ${typeof value === 'object' ? 'an object' : `a ${typeof value}`}`;
}
