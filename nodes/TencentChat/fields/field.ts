// What every field rule shares: the error that refuses one item's input before any call, naming
// the field as the editor shows it, and the byte limit Tencent sets on a field's text.

/** Bad input of one item; `field` is the field's name as the editor shows it. */
export class InvalidInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

/** A field Tencent bounds: its name as the editor shows it (e.g. "Subscriber IDs") and its most UTF-8 bytes. */
export interface FieldLimit {
	field: string;
	maxBytes: number;
}
