export * from './errorCodes';
export { MAX_CONNECTIONS_PER_ORIGIN } from './http';
export * from './limits';
export * from './officialAccount';
export * from './regions';
export * from './requestForm';
export * from './TencentChatClient';
export * from './TencentChatError';
export * from './userSig';
