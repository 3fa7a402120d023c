import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readText } from '../../fields';

// The Reason of the Options that a recall or a removal sends with every call: one text for the
// whole execution, checked once before any call.

export const recallReasonOption: INodeProperties = {
	displayName: 'Reason',
	name: 'reason',
	type: 'string',
	default: '',
	placeholder: 'e.g. Sent by mistake',
	description: 'Why the messages are recalled, up to 100 bytes (the same for every item)',
};

/** The Options' Reason, at most `maxBytes`; left empty, none. Too long, it stops the node before any call. */
export function readReason(context: IExecuteFunctions, maxBytes: number): string | undefined {
	const { reason } = (context.getNodeParameter('options', 0, {}) ?? {}) as { reason?: unknown };
	if (reason === undefined || reason === '') return undefined;
	try {
		return readText(reason, { field: 'Reason', maxBytes });
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Shorten "Reason" in the Options. No call was made to Tencent.',
		});
	}
}
