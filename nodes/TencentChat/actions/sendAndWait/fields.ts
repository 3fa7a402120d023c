import type { INodeProperties } from 'n8n-workflow';

import { maxRetriesField, timeoutField } from '../../fields';

// The fields of Send and Wait for Response, for every resource that offers it. Their names are
// n8n's own Send and Wait names (message, responseType, approvalOptions, defineForm, formFields,
// options.limitWaitTime, ...): n8n reads some of them itself (its "Human review" tool for AI
// agents hides `message` and `responseType` by name), and a user who knows Slack's or Telegram's
// Send and Wait finds the same fields here.

export const RESPONSE_TYPES = ['approval', 'freeText', 'customForm'] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

export const FORM_FIELD_TYPES = [
	'checkbox',
	'date',
	'dropdown',
	'email',
	'hiddenField',
	'number',
	'password',
	'radio',
	'text',
	'textarea',
] as const;

const showFor = (...responseTypes: ResponseType[]) => ({
	show: { responseType: [...responseTypes] },
});

const limitWaitTime: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether to limit the time this node waits for an answer; when the limit is reached the workflow goes on with no answer',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					description: 'Whether the wait ends after some time or at a set date and time',
					options: [
						{
							name: 'After Time Interval',
							value: 'afterTimeInterval',
							description: 'Waits for a certain amount of time',
						},
						{
							name: 'At Specified Time',
							value: 'atSpecifiedTime',
							description: 'Waits until the set date and time',
						},
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'The time to wait',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					default: 'hours',
					description: 'Unit of the interval value',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'The wait ends at this date and time',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

/** What every Options collection of Send and Wait holds, whatever the response type. */
const commonOptions: INodeProperties[] = [
	limitWaitTime,
	{
		// n8n's own name for this option, "n8n" in lower case as the brand writes it.
		// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased
		displayName: 'Append n8n Attribution',
		name: 'appendAttribution',
		type: 'boolean',
		default: true,
		description:
			'Whether to end the message with the line "This message was sent automatically with n8n"',
	},
	{
		displayName: 'Sender',
		name: 'from',
		type: 'string',
		default: '',
		placeholder: 'e.g. support_bot',
		description:
			"The sender's UserID (an imported account); left empty, the message comes from the credential's admin",
	},
	{
		displayName: 'Message Format',
		name: 'messageFormat',
		type: 'options',
		default: 'text',
		options: [
			{
				name: 'Text With Links',
				value: 'text',
				description:
					'A text message (TIMTextElem) that names each choice and its link: every client shows it',
			},
			{
				name: 'Custom Element',
				value: 'custom',
				description:
					'A custom element (TIMCustomElem) whose Data is JSON holding the text and each choice with its link, for apps that draw buttons',
			},
		],
		description: 'How the message carries its links',
	},
	maxRetriesField(
		'How often to retry the send when it failed in a way that may pass (network errors, timeouts, busy service), with growing pauses',
	),
	timeoutField(
		"How long to wait for Tencent's answer to the send. Tencent's own backend gives up after 3,000 ms.",
	),
];

const formFieldValues: INodeProperties[] = [
	{
		displayName: 'Field Name',
		name: 'fieldLabel',
		type: 'string',
		default: '',
		placeholder: 'e.g. What is your name?',
		description: 'Label that appears above the input field; the answer is keyed by it',
		required: true,
		displayOptions: { hide: { fieldType: ['hiddenField'] } },
	},
	{
		displayName: 'Element Type',
		name: 'fieldType',
		type: 'options',
		default: 'text',
		description: 'The type of field to add to the form',
		options: [
			{ name: 'Checkboxes', value: 'checkbox' },
			{ name: 'Date', value: 'date' },
			{ name: 'Dropdown', value: 'dropdown' },
			{ name: 'Email', value: 'email' },
			{ name: 'Hidden Field', value: 'hiddenField' },
			{ name: 'Number', value: 'number' },
			{ name: 'Password', value: 'password' },
			{ name: 'Radio Buttons', value: 'radio' },
			{ name: 'Text Input', value: 'text' },
			{ name: 'Textarea', value: 'textarea' },
		],
		required: true,
	},
	{
		displayName: 'Custom Field Name',
		name: 'fieldName',
		type: 'string',
		default: '',
		description: "The key of this field's value in the answer, in place of its label",
	},
	{
		displayName: 'Placeholder',
		name: 'placeholder',
		type: 'string',
		default: '',
		description: 'Sample text to display inside the field',
		displayOptions: {
			hide: { fieldType: ['dropdown', 'date', 'hiddenField', 'radio', 'checkbox'] },
		},
	},
	{
		displayName: 'Default Value',
		name: 'defaultValue',
		type: 'string',
		default: '',
		description: 'Value the field holds when the form opens',
		displayOptions: {
			show: { fieldType: ['text', 'number', 'email', 'textarea', 'date', 'dropdown', 'radio'] },
		},
	},
	{
		displayName: 'Field Value',
		name: 'fieldValue',
		type: 'string',
		default: '',
		description: 'The value the hidden field submits',
		displayOptions: { show: { fieldType: ['hiddenField'] } },
	},
	{
		displayName: 'Field Options',
		name: 'fieldOptions',
		placeholder: 'Add Field Option',
		description: 'The choices a person can pick from',
		type: 'fixedCollection',
		default: { values: [{ option: '' }] },
		required: true,
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { fieldType: ['dropdown', 'checkbox', 'radio'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [{ displayName: 'Option', name: 'option', type: 'string', default: '' }],
			},
		],
	},
	{
		displayName: 'Required Field',
		name: 'requiredField',
		type: 'boolean',
		default: false,
		description:
			'Whether to require the user to enter a value for this field before submitting the form',
		displayOptions: { hide: { fieldType: ['hiddenField'] } },
	},
];

const formFieldsProperties: INodeProperties[] = [
	{
		displayName: 'Define Form',
		name: 'defineForm',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		displayOptions: showFor('customForm'),
	},
	{
		displayName: 'Form Fields',
		name: 'jsonOutput',
		type: 'json',
		typeOptions: { rows: 5 },
		default:
			'[\n  {\n    "fieldLabel": "Reason",\n    "fieldType": "textarea",\n    "requiredField": true\n  },\n  {\n    "fieldLabel": "Priority",\n    "fieldType": "dropdown",\n    "fieldOptions": { "values": [{ "option": "low" }, { "option": "high" }] }\n  }\n]',
		description:
			"A JSON array of fields, each as n8n's Form node defines them (fieldLabel, fieldType, fieldOptions, requiredField, ...)",
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['json'] } },
	},
	{
		displayName: 'Form Elements',
		name: 'formFields',
		placeholder: 'Add Form Element',
		type: 'fixedCollection',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['fields'] } },
		options: [{ displayName: 'Values', name: 'values', values: formFieldValues }],
	},
];

/** The fields after the recipient: the message, the response type and its settings, the options. */
export function sendAndWaitFields(): INodeProperties[] {
	return [
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 4 },
			placeholder: 'e.g. Refund of 40 EUR for order 1042: approve?',
			description: 'The text the person reads above the links',
		},
		{
			displayName: 'Response Type',
			name: 'responseType',
			type: 'options',
			default: 'approval',
			options: [
				{
					name: 'Approval',
					value: 'approval',
					description: 'The person approves (or declines) with a link in the message',
				},
				{
					name: 'Free Text',
					value: 'freeText',
					description: 'The person answers in a form with one text field',
				},
				{
					name: 'Custom Form',
					value: 'customForm',
					description: 'The person answers in a form with the fields defined here',
				},
			],
		},
		...formFieldsProperties,
		{
			displayName: 'Approval Options',
			name: 'approvalOptions',
			type: 'fixedCollection',
			placeholder: 'Add option',
			default: {},
			displayOptions: showFor('approval'),
			options: [
				{
					displayName: 'Values',
					name: 'values',
					values: [
						{
							displayName: 'Type of Approval',
							name: 'approvalType',
							type: 'options',
							default: 'single',
							options: [
								{ name: 'Approve Only', value: 'single' },
								{ name: 'Approve and Disapprove', value: 'double' },
							],
						},
						{
							displayName: 'Approve Button Label',
							name: 'approveLabel',
							type: 'string',
							default: 'Approve',
						},
						{
							displayName: 'Disapprove Button Label',
							name: 'disapproveLabel',
							type: 'string',
							default: 'Decline',
							displayOptions: { show: { approvalType: ['double'] } },
						},
					],
				},
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: showFor('approval'),
			options: commonOptions,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: showFor('freeText', 'customForm'),
			options: [
				{
					displayName: 'Message Button Label',
					name: 'messageButtonLabel',
					type: 'string',
					default: 'Respond',
				},
				{
					displayName: 'Response Form Title',
					name: 'responseFormTitle',
					type: 'string',
					default: '',
					description: 'Title of the form the person opens to answer',
				},
				{
					displayName: 'Response Form Description',
					name: 'responseFormDescription',
					type: 'string',
					default: '',
					description: "Text under the form's title; left empty, the form shows the message",
				},
				{
					displayName: 'Response Form Button Label',
					name: 'responseFormButtonLabel',
					type: 'string',
					default: 'Submit',
				},
				...commonOptions,
			],
		},
	];
}
