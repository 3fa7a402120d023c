import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { MessageElement } from '../../client';
import { CLIENT_OPTIONS, readOptions } from '../../fields';
import { asInputError, failureRouting, inputErrorItem } from '../shapes/output';
import { type PerItemOperation, runPerItem } from '../shapes/perItem';
import { readSendAndWait } from './request';

// Send and Wait for one recipient (a user, a group): the message is sent as every send is (paced,
// one MsgRandom for all its attempts, `ambiguous` after an attempt that may have been delivered),
// then the execution waits for the answer. As in n8n's own nodes, one message goes out per
// execution, made from the first item: one execution waits for one answer.

/**
 * Sends the first item's message with `operationFor(body)` and puts the execution to wait. A send
 * that failed under On Error "Continue" gives its failed item and no wait.
 */
export async function runSendAndWait<Input>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operationFor: (body: MessageElement[]) => PerItemOperation<Input>,
): Promise<INodeExecutionData[]> {
	// The send's numeric options fail first, as every operation's do, before a link is made.
	readOptions(this, CLIENT_OPTIONS);
	let request;
	try {
		request = readSendAndWait(this);
	} catch (error) {
		const inputError = asInputError(this, error, 0);
		if (!this.continueOnFail()) throw inputError;
		return [inputErrorItem(inputError, 0, failureRouting(this))];
	}
	const [sent] = await runPerItem.call(this, items.slice(0, 1), operationFor(request.body));
	if (sent?.json.status !== 'sent') return sent ? [sent] : [];

	// When the wait limit comes first, n8n resumes the execution and this node passes its input on
	// unchanged: that input becomes an item saying that no answer came. An answer replaces it.
	const timedOut: INodeExecutionData = {
		json: { data: { timedOut: true, waitTill: request.waitTill.toISOString() } },
		pairedItem: { item: 0 },
	};
	this.getExecuteData().data = { main: [[timedOut]] };
	await this.putExecutionToWait(request.waitTill);
	return [sent];
}
