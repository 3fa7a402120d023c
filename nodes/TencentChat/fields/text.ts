import { type FieldLimit, InvalidInputError } from './field';

// Free text a field sends to Tencent (a custom string, a name, an introduction): text or a number,
// within the bytes Tencent allows, refused before any call otherwise.

export function readText(value: unknown, rule: FieldLimit): string {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') {
		throw new InvalidInputError(
			rule.field,
			`${rule.field} must be text, not ${value === null || value === undefined ? 'missing' : typeof value}`,
		);
	}
	const bytes = Buffer.byteLength(value, 'utf8');
	if (bytes > rule.maxBytes) {
		throw new InvalidInputError(
			rule.field,
			`${rule.field} is ${bytes} bytes long; Tencent allows at most ${rule.maxBytes}`,
		);
	}
	return value;
}

/** Text a field may leave out: undefined when it is not given, checked as `readText` otherwise. */
export function readOptionalText(value: unknown, rule: FieldLimit): string | undefined {
	return value === undefined || value === null ? undefined : readText(value, rule);
}
