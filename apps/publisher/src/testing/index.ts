// Test fixtures other services' tests start a real publisher with (the request handler's): test-only, never built.
export { type Harness, REDIS_URL, createHarness, finished } from './harness.js';
export { type CreatedCommunity, createCommunity, identityInput, newChannel } from './fixtures.js';
export { byPubsubTopic, decodeMessages, decodeOnly } from './decode.js';
