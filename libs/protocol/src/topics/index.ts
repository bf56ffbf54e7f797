export * from './chat-ids.js';
export * from './content-topics.js';
export * from './shards.js';
export * from './clock.js';
export * from './share-urls.js';
export * from './message-version.js';
