import { processState } from './processState';

// Text that comes from the service or the network (ErrorInfo, an HTML page, a gateway's message, a
// redirect's Location, a socket error) before it reaches an output item, an error or a log line: the
// UserSig does not pass in any form, control characters and binary data do not pass, and the length
// is bounded so that a 1 MB ErrorInfo copied into every failed item cannot swell an execution.
//
// A UserSig is hidden two ways: the value of anything named usersig (a query parameter, quoted or
// percent-encoded, or a JSON field), and every signature this process signed lately wherever it
// appears, bare, percent-encoded, JSON-escaped or base64-encoded, whole or any run of 16 characters of it.

/** The most characters of service text passed on. */
export const MAX_SERVICE_TEXT = 300;

const MASK = '***';
const NAMED_USERSIG = /(usersig(?:=|%3D|%253D|\\?"\s*:\s*\\?"))[^&\s"'<>\\]*/gi;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** How far past the characters shown a text is read, so that what is shown is redacted in full. */
const READ_PAST = 4_096;
/** A piece of a signature this long is hidden; shorter runs are common in any text. */
const PIECE = 16;

/** Hides every value named usersig, and every piece of a signature this process signed. */
export function redact(text: string): string {
	return maskSignatures(text.replace(NAMED_USERSIG, `$1${MASK}`), processState.userSigs.recent());
}

/** Service text made safe to show: redacted, printable, one line, bounded. */
export function serviceText(text: unknown, maxLength = MAX_SERVICE_TEXT): string {
	const raw = typeof text === 'string' ? text : String(text ?? '');
	// Only the start can be shown: a 1 MB text is read no further than a few KB past what is shown.
	const read = raw.length > maxLength + READ_PAST ? raw.slice(0, maxLength + READ_PAST) : raw;
	// Redact before cutting, so that a cut cannot leave part of a signature behind.
	const flat = redact(read.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim());
	const unread = raw.length - read.length;
	if (flat.length <= maxLength && unread === 0) return flat;
	return `${flat.slice(0, maxLength)}… (${Math.max(0, flat.length - maxLength) + unread} more characters)`;
}

/** A short, printable description of an answer body that is not Tencent's JSON. */
export function previewBody(body: Buffer): string {
	if (body.length === 0) return '(empty body)';
	const text = body.toString('utf8');
	// U+FFFD marks bytes that are not UTF-8: binary data (a compressed or image body) is not shown.
	const undecodable = (text.match(/\uFFFD/g) ?? []).length;
	if (undecodable > 2 || undecodable > text.length / 50)
		return `(${body.length} bytes of binary data)`;
	return serviceText(text, 80);
}

/** Each signature's pieces, in every encoding, made once per list of signatures (a new list on each signing). */
let pieces: { of: readonly string[]; set: Set<string> } | undefined;

function piecesOf(signatures: readonly string[]): Set<string> {
	if (pieces?.of === signatures) return pieces.set;
	const set = new Set<string>();
	for (const signature of signatures) {
		for (const form of encodings(signature)) {
			for (let start = 0; start + PIECE <= form.length; start++)
				set.add(form.slice(start, start + PIECE));
		}
	}
	pieces = { of: signatures, set };
	return set;
}

/** The forms a signature takes when a server quotes it: as sent, percent-encoded (once or twice), JSON-escaped, base64. */
function encodings(signature: string): string[] {
	const forms = [
		signature,
		signature.replace(/\*/g, '%2A'),
		signature.replace(/\*/g, '%2a'),
		signature.replace(/\*/g, '%252A'),
		signature.replace(/\*/g, '\\u002a'),
	];
	// Base64 of a text holding the signature: its bytes fall in groups of three from any of three offsets.
	for (let offset = 0; offset < 3; offset++) {
		const whole = signature.slice(offset, offset + Math.floor((signature.length - offset) / 3) * 3);
		const base64 = Buffer.from(whole, 'latin1').toString('base64');
		forms.push(base64, base64.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return forms;
}

function maskSignatures(text: string, signatures: readonly string[]): string {
	if (signatures.length === 0 || text.length < PIECE) return text;
	const set = piecesOf(signatures);
	let masked = '';
	let copiedTo = 0;
	let hiddenTo = -1;
	for (let start = 0; start + PIECE <= text.length; start++) {
		if (!set.has(text.slice(start, start + PIECE))) continue;
		if (start > hiddenTo) {
			masked += text.slice(copiedTo, start) + MASK;
		}
		hiddenTo = start + PIECE;
		copiedTo = hiddenTo;
	}
	return copiedTo === 0 ? text : masked + text.slice(copiedTo);
}
