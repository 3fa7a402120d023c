import type { IDataObject } from 'n8n-workflow';

import { type Command, describeErrorCode } from '../../client';
import { freeze, type Outcome } from './bulk';

// The outcome of an entry a bulk answer fails with its own code (account_check's ResultCode,
// batchsendmsg's ErrorList, a recall's RetCode): failed, with the code and what the service's
// table says of it.

const MAX_CACHED_CODES = 256;

/**
 * One shared outcome per code; `fields` go before status and error, e.g. `{ deleted: false }`.
 * `meaning`: the command, whose error codes say what a code means, or a table of the codes of
 * the answer's own; `fallbackInfo`: what a code neither names means.
 */
export function codeOutcomes(
	meaning: Command | Readonly<Record<number, string>>,
	fallbackInfo: string | ((code: number) => string),
	fields: (code: number) => IDataObject = () => ({}),
): (code: number) => Outcome {
	const known = isCommand(meaning)
		? (code: number) => describeErrorCode(meaning, code).hint
		: (code: number) => meaning[code];
	const fallback = typeof fallbackInfo === 'string' ? () => fallbackInfo : fallbackInfo;
	const outcomes = new Map<number, Outcome>();
	return (code) => {
		let outcome = outcomes.get(code);
		if (outcome === undefined) {
			const info = known(code) ?? fallback(code);
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

/** A recall's RetCode other than 0, as the service's table of RetCodes says; shared by every message it answers. */
export function retCodeOutcomes(
	retCodes: Readonly<Record<number, string>>,
	fields?: (retCode: number) => IDataObject,
): (retCode: number) => Outcome {
	return codeOutcomes(
		retCodes,
		(retCode) => `Tencent answered RetCode ${retCode} for this message without saying why`,
		fields,
	);
}

function isCommand(meaning: Command | Readonly<Record<number, string>>): meaning is Command {
	return 'errors' in meaning;
}
