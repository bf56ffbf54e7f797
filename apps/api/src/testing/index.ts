// The api for tests of other packages (tests/stories): a real server on a fresh database and a Redis prefix,
// a graphql-ws client, and API key secrets as the admin API makes them.
export { type ApiHarness, type GraphQLResponse, REDIS_URL, startApiHarness } from './api-harness.js';
export { type Received, connectClient, subscribe } from './subscription-client.js';
export { newApiKeySecret } from '../auth/api-key-secret.js';
