import type { FormField } from './form';

// The pages a person sees after following a link of the message: the answer recorded, and the
// forms of Free Text and Custom Form. Self-contained HTML (no script, no request to anywhere else),
// every text from the node escaped. The form posts to its own URL, which carries n8n's signature.

/** No script, nothing loaded from elsewhere, forms post only back to this instance. */
export const PAGE_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;background:#f5f6f8;color:#2d2e33;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:460px;margin:48px auto;padding:0 16px}.card{background:#fff;border:1px solid #dbdfe7;border-radius:8px;padding:24px}
h1{font-size:20px;font-weight:600;margin:0 0 8px}p{margin:0 0 16px;color:#555;white-space:pre-wrap}.note{color:#b42318}
label{display:block;font-weight:600;margin:16px 0 6px}.choice{font-weight:400;margin:4px 0}input[type=text],input[type=email],
input[type=number],input[type=password],input[type=date],select,textarea{width:100%;padding:8px 10px;border:1px solid #c8ccd4;border-radius:6px;font:inherit}
textarea{min-height:120px}button{margin-top:24px;width:100%;padding:10px;border:0;border-radius:6px;background:#ff6d5a;color:#fff;font-family:inherit;font-size:15px;font-weight:600;cursor:pointer}
footer{text-align:center;color:#888;font-size:12px;margin-top:12px}`;

function page(title: string, body: string, attribution: boolean): string {
	const footer = attribution ? '<footer>Automated with n8n</footer>' : '';
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><div class="card">${body}</div>${footer}</main></body></html>`;
}

/** A page that only says something: a heading and a paragraph. */
export function messagePage(title: string, text: string, attribution: boolean): string {
	return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`, attribution);
}

/** What a person sees once their answer is recorded. */
export function recordedPage(attribution: boolean): string {
	return messagePage(
		'Got it, thanks',
		'Your answer has been recorded. This page can be closed now.',
		attribution,
	);
}

function input(field: FormField, name: string): string {
	const required = field.required ? ' required' : '';
	const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
	const value = field.defaultValue ? ` value="${escapeHtml(field.defaultValue)}"` : '';
	switch (field.type) {
		case 'textarea':
			return `<textarea id="${name}" name="${name}"${placeholder}${required}>${escapeHtml(field.defaultValue)}</textarea>`;
		case 'dropdown': {
			const options = field.choices.map(
				(choice) =>
					`<option${choice === field.defaultValue ? ' selected' : ''}>${escapeHtml(choice)}</option>`,
			);
			return `<select id="${name}" name="${name}"${required}><option value="">Select…</option>${options.join('')}</select>`;
		}
		case 'radio':
		case 'checkbox':
			return field.choices
				.map((choice, index) => {
					const checked = field.type === 'radio' && choice === field.defaultValue ? ' checked' : '';
					// A required radio group needs one answer; a browser cannot require "one of these checkboxes", the node checks it.
					const needed = field.type === 'radio' && index === 0 ? required : '';
					return `<label class="choice"><input type="${field.type}" name="${name}" value="${escapeHtml(choice)}"${checked}${needed}> ${escapeHtml(choice)}</label>`;
				})
				.join('');
		default:
			return `<input type="${field.type}" id="${name}" name="${name}"${placeholder}${value}${required}>`;
	}
}

export interface FormPage {
	title: string;
	description: string;
	fields: FormField[];
	buttonLabel: string;
	attribution: boolean;
	/** Shown above the form when a submitted form was refused. */
	note?: string;
}

/** A form whose fields post as field-0, field-1, ... (as n8n's forms name them) to the page's own URL. */
export function formPage({
	title,
	description,
	fields,
	buttonLabel,
	attribution,
	note,
}: FormPage): string {
	const elements = fields
		.map((field, index) => {
			const name = `field-${index}`;
			if (field.type === 'hiddenField') return '';
			const labelFor = field.type === 'radio' || field.type === 'checkbox' ? '' : ` for="${name}"`;
			return `<label${labelFor}>${escapeHtml(field.label)}${field.required ? ' *' : ''}</label>${input(field, name)}`;
		})
		.join('\n');
	const heading = title ? `<h1>${escapeHtml(title)}</h1>` : '';
	const text = description ? `<p>${escapeHtml(description)}</p>` : '';
	const warning = note ? `<p class="note">${escapeHtml(note)}</p>` : '';
	return page(
		title || 'Your answer',
		`${heading}${text}${warning}<form method="post" enctype="multipart/form-data">${elements}<button type="submit">${escapeHtml(buttonLabel)}</button></form>`,
		attribution,
	);
}
