// The bulk shape: IDs that items ask for under a key (subscribers of an official account, accounts
// to import) are read from every item first, then grouped by key, de-duplicated and cut into calls
// of the command's size, each call sent as soon as it is full for the client to pace, and answered
// with one output item per ID asked for, in input order (see `planning` for how a large job
// overlaps its planning and its output with its calls).
// An operation states only what is its own (`contract.ts`): its parameters, its client call, and
// what one ID's result means. This is what operations and tests import.

export { type BulkOperation, freeze, type Outcome } from './contract';
export { planning } from './plan';
export { runBulk } from './run';
