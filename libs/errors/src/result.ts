import type { ErrorCode } from './error-code.js';
import { StatusError } from './status-error.js';

/** Expected failures travel as values; exceptions are kept for bugs. */
export type Result<T, E = StatusError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** Shorthand for the common case: a failed Result carrying a StatusError. */
export const fail = (
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Result<never, StatusError> => err(new StatusError(code, message, details));

/** Unwraps a Result at a boundary where failure is exceptional (tests, CLIs after validation). */
export const unwrap = <T>(result: Result<T, StatusError>): T => {
  if (result.ok) return result.value;
  throw result.error;
};
