// The request handler for tests of other packages (tests/stories): started in a test's process, or its main
// as a process of the test's own.
export { type RequestHandlerConfig, parseRequestHandlerConfig } from '../config.js';
export type { JobOutcome } from '../outcome.js';
export { REQUEST_HANDLER_SECRET_LOG_KEYS, type RequestHandler, startRequestHandler } from '../service.js';

export const REQUEST_HANDLER_MAIN = new URL('../main.ts', import.meta.url);
