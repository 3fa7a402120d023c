// The client's public face: HTTP, signing, pacing, retries and error classification, knowing no
// resource. Each resource's client functions and command table live in its folder
// (`actions/<resource>/api`).

export * from './commands';
export * from './credentials';
export * from './entryResults';
export * from './errorCodes';
export * from './messageElement';
export * from './observer';
export { MAX_CONNECTIONS_PER_ORIGIN } from './pool';
export { resetProcessState } from './processState';
export { randomUint32 } from './random';
export * from './regions';
export * from './serviceText';
export * from './TencentChatClient';
export * from './TencentChatError';
export * from './userSig';
