export * from './bundles.js';
export * from './contact-requests.js';
export * from './encryption-layer.js';
export * from './mvds.js';
export * from './topics.js';
export * from './sessions.js';
export * from './community-invite.js';
export * from './envelope.js';
