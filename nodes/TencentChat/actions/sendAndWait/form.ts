import type { IDataObject } from 'n8n-workflow';

import { InvalidInputError } from '../../fields';
import { FORM_FIELD_TYPES } from './fields';

// A Custom Form's fields, defined in the node as n8n's Form node defines them (fieldLabel,
// fieldType, fieldOptions.values[].option, requiredField, ...), and a submitted form read back into
// the answer: each field under its name (Custom Field Name, else its label), as n8n's forms key it.

export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface FormField {
	/** The answer's key for this field. */
	key: string;
	label: string;
	type: FormFieldType;
	placeholder: string;
	defaultValue: string;
	/** The choices of a dropdown, checkboxes or radio buttons. */
	choices: string[];
	required: boolean;
	/** What a hidden field submits. */
	hiddenValue: string;
}

const FIELD = 'Form Elements';
const MAX_FIELDS = 100;
const CHOOSING: FormFieldType[] = ['dropdown', 'checkbox', 'radio'];

const text = (value: unknown): string =>
	value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value);

function readField(raw: unknown, index: number): FormField {
	const at = `${FIELD}: field ${index + 1}`;
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		throw new InvalidInputError(FIELD, `${at} must be an object with a fieldLabel`);
	const field = raw as IDataObject;
	const type = (field.fieldType ?? 'text') as FormFieldType;
	if (!FORM_FIELD_TYPES.includes(type)) {
		throw new InvalidInputError(
			FIELD,
			`${at} has the type ${JSON.stringify(field.fieldType)}; the types are ${FORM_FIELD_TYPES.join(', ')}`,
		);
	}
	const label = text(field.fieldLabel).trim();
	const key = text(field.fieldName).trim() || label;
	if (key === '')
		throw new InvalidInputError(
			FIELD,
			`${at} needs a ${type === 'hiddenField' ? 'Custom Field Name' : 'Field Name (fieldLabel)'}`,
		);
	const options = (field.fieldOptions as { values?: unknown } | undefined)?.values;
	const choices = Array.isArray(options)
		? options
				.map((option) => text((option as IDataObject)?.option).trim())
				.filter((option) => option !== '')
		: [];
	if (CHOOSING.includes(type) && choices.length === 0)
		throw new InvalidInputError(
			FIELD,
			`${at} ("${key}") needs at least one option in fieldOptions`,
		);
	return {
		key,
		label: label || key,
		type,
		placeholder: text(field.placeholder),
		defaultValue: text(field.defaultValue),
		choices,
		required: field.requiredField === true || field.requiredField === 'true',
		hiddenValue: text(field.fieldValue),
	};
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** The form's fields from the node's parameters (`parameter(name, fallback)` reads one); throws InvalidInputError. */
export function readFormFields(
	parameter: (name: string, fallback: unknown) => unknown,
): FormField[] {
	let raw: unknown;
	if ((parameter('defineForm', 'fields') ?? 'fields') === 'json') {
		raw = parameter('jsonOutput', '[]');
		if (typeof raw === 'string') raw = parseJson(raw);
		if (raw === undefined)
			throw new InvalidInputError(
				'Form Fields',
				'Form Fields is not valid JSON: it must be an array of fields such as [{"fieldLabel": "Reason"}]',
			);
	} else {
		raw = parameter('formFields.values', []);
	}
	if (!Array.isArray(raw)) throw new InvalidInputError(FIELD, 'The form fields must be an array');
	if (raw.length === 0)
		throw new InvalidInputError(FIELD, 'A Custom Form needs at least one field');
	if (raw.length > MAX_FIELDS)
		throw new InvalidInputError(
			FIELD,
			`A Custom Form holds at most ${MAX_FIELDS} fields, not ${raw.length}`,
		);
	const fields = raw.map(readField);
	const keys = new Set<string>();
	for (const field of fields) {
		if (keys.has(field.key))
			throw new InvalidInputError(
				FIELD,
				`Two fields are named "${field.key}": give one a Custom Field Name`,
			);
		keys.add(field.key);
	}
	return fields;
}

/** The submitted values by name: n8n parses a multipart form into `{ data, files }`, a urlencoded one into the fields themselves. */
export function submittedValues(body: unknown): Record<string, unknown> {
	const object = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const data = object.data;
	return typeof data === 'object' && data !== null && !Array.isArray(data)
		? (data as IDataObject)
		: object;
}

const list = (value: unknown): string[] =>
	Array.isArray(value)
		? value.map(text)
		: value === undefined || value === null || value === ''
			? []
			: [text(value)];

/**
 * One submitted form as the answer's fields, or the first required field left empty. Choices not
 * offered are dropped: the answer holds only what the form offered.
 */
export function readFormAnswer(
	fields: FormField[],
	values: Record<string, unknown>,
): { answer: IDataObject } | { missing: string } {
	const answer: IDataObject = {};
	for (const [index, field] of fields.entries()) {
		const submitted = list(values[`field-${index}`]);
		let value: IDataObject[string];
		switch (field.type) {
			case 'hiddenField':
				value = field.hiddenValue;
				break;
			case 'checkbox':
				value = submitted.filter((choice) => field.choices.includes(choice));
				break;
			case 'dropdown':
			case 'radio':
				value = field.choices.includes(submitted[0]) ? submitted[0] : null;
				break;
			case 'number': {
				const number =
					submitted[0] === undefined || submitted[0].trim() === '' ? NaN : Number(submitted[0]);
				value = Number.isFinite(number) ? number : null;
				break;
			}
			default:
				value =
					submitted[0] === undefined
						? null
						: field.type === 'text' || field.type === 'email'
							? submitted[0].trim()
							: submitted[0];
		}
		const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
		if (field.required && empty) return { missing: field.label };
		answer[field.key] = value;
	}
	return { answer };
}
