/**
 * Reads the IDs an item brings and rejects only what can never succeed: a missing or empty ID,
 * or a value that is not an ID at all. Anything else goes to Tencent, which judges it.
 */
export class InvalidInputError extends Error {
	constructor(
		readonly field: 'officialAccountId' | 'subscriberIds',
		message: string,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

export function readOfficialAccountId(value: unknown): string {
	const id = readId(value);
	if (id === undefined) {
		throw new InvalidInputError('officialAccountId', `Official Account ID ${describeProblem(value)}`);
	}
	return id;
}

/** One ID, a comma-separated list of IDs, or an array of IDs. */
export function readSubscriberIds(value: unknown): string[] {
	const single = readId(value);
	if (typeof value === 'string' && single !== undefined) {
		if (!single.includes(',')) return [single];
		const parts = value.split(',');
		return parts.map((part, position) => checkedMember(part, position, parts.length));
	}
	if (single !== undefined) return [single];
	if (Array.isArray(value)) {
		if (value.length === 0) throw new InvalidInputError('subscriberIds', 'Subscriber IDs is an empty list');
		return value.map((member, position) => checkedMember(member, position, value.length));
	}
	throw new InvalidInputError('subscriberIds', `Subscriber IDs ${describeProblem(value)}`);
}

function checkedMember(member: unknown, position: number, count: number): string {
	const id = readId(member);
	if (id === undefined) {
		throw new InvalidInputError(
			'subscriberIds',
			`Subscriber IDs: entry ${position + 1} of ${count} ${describeProblem(member)}`,
		);
	}
	return id;
}

/** A usable ID: a non-blank string (trimmed), or a finite number taken as its digits. */
function readId(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

function describeProblem(value: unknown): string {
	if (value === undefined || value === null) return 'is missing';
	if (typeof value === 'string') return 'is empty';
	if (Array.isArray(value)) return 'is a list, not an ID';
	if (typeof value === 'number') return `is not a usable ID (${value})`;
	return `must be an ID (text or number), not ${typeof value === 'object' ? 'an object' : `a ${typeof value}`}`;
}
