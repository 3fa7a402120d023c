import type { IDataObject } from 'n8n-workflow';

import { type Command, describeErrorCode } from '../../client';
import { freeze, type Outcome } from './bulk';

// The outcome of an entry a bulk answer fails with its own code (account_check's ResultCode,
// batchsendmsg's ErrorList): failed, with the code and what the service's table says of it.

const MAX_CACHED_CODES = 256;

/** One shared outcome per code; `fields` go before status and error, e.g. `{ deleted: false }`. */
export function codeOutcomes(
	command: Command,
	fallbackInfo: string,
	fields: (code: number) => IDataObject = () => ({}),
): (code: number) => Outcome {
	const outcomes = new Map<number, Outcome>();
	return (code) => {
		let outcome = outcomes.get(code);
		if (outcome === undefined) {
			const info = describeErrorCode(command, code).hint ?? fallbackInfo;
			outcome = freeze(
				{ ...fields(code), status: 'failed', errorCode: code, errorInfo: info },
				{ code, info },
			);
			// Kept for the codes Tencent uses; an answer inventing codes cannot grow the cache without end.
			if (outcomes.size < MAX_CACHED_CODES) outcomes.set(code, outcome);
		}
		return outcome;
	};
}
