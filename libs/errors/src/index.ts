export { ErrorCode } from './error-code.js';
export { StatusError, isStatusError } from './status-error.js';
export { type Result, ok, err, fail, unwrap } from './result.js';
export { InvariantError, bug } from './invariant.js';
