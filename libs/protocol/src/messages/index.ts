export * from './amm.js';
export * from './inner-messages.js';
export * from './layers.js';
export * from './segments.js';
export * from './decode-status-message.js';
export * from './chat-message-rules.js';
export * from './hash-ratchet-messages.js';
