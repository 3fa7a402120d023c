// The shared field rules every operation reads its input by: IDs, text within Tencent's byte
// limits, numeric options and their editor fields, and message bodies. Each refuses bad input of
// one item with an InvalidInputError naming the field, before any call; times go out as ISO 8601.

export { type FieldLimit, InvalidInputError } from './field';
export { MAX_OFFICIAL_ACCOUNT_ID_BYTES, MAX_USER_ID_BYTES, readId, readIdList } from './ids';
export { readOptionalText, readText } from './text';
export {
	batchSizeField,
	batchSizeOption,
	CLIENT_OPTIONS,
	clientOptionFields,
	maxRetriesField,
	optionsField,
	readOptions,
	readWholeNumber,
	timeoutField,
	type WholeNumberOption,
} from './options';
export {
	checkMessageSize,
	MAX_MESSAGE_BYTES,
	MAX_MESSAGE_DEPTH,
	messageBodyFields,
	readMessageBody,
	readRawBody,
} from './messageBody';
export { isoTime, readTime } from './times';
