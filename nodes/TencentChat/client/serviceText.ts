// Text that comes from the service or the network (ErrorInfo, an HTML page, a gateway's message,
// a socket error) before it reaches an output item, an error or a log line: the UserSig in any
// quoted URL is hidden, control characters and binary data do not pass, and the length is bounded
// so that a 1 MB ErrorInfo copied into every failed item cannot swell an execution.

/** The most characters of service text passed on. */
export const MAX_SERVICE_TEXT = 300;

const USERSIG = /(usersig=)[^&\s"'<>]*/gi;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Hides the value of every `usersig=` parameter. */
export function redact(text: string): string {
	return text.replace(USERSIG, '$1***');
}

/** Service text made safe to show: redacted, printable, one line, bounded. */
export function serviceText(text: unknown, maxLength = MAX_SERVICE_TEXT): string {
	const raw = typeof text === 'string' ? text : String(text ?? '');
	// Redact before cutting, so that a cut cannot leave part of a signature behind.
	const flat = redact(raw).replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
	if (flat.length <= maxLength) return flat;
	return `${flat.slice(0, maxLength)}… (${flat.length - maxLength} more characters)`;
}

/** A short, printable description of an answer body that is not Tencent's JSON. */
export function previewBody(body: Buffer): string {
	if (body.length === 0) return '(empty body)';
	const text = body.toString('utf8');
	// U+FFFD marks bytes that are not UTF-8: binary data (a compressed or image body) is not shown.
	const undecodable = (text.match(/\uFFFD/g) ?? []).length;
	if (undecodable > 2 || undecodable > text.length / 50) return `(${body.length} bytes of binary data)`;
	return serviceText(text, 80);
}
