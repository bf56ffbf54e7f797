import type { ErrorCode } from './error-code.js';

/** A failure with a stable code. Messages are for people; `code` and `details` are for programs. */
export class StatusError extends Error {
  override readonly name = 'StatusError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isStatusError = (value: unknown): value is StatusError => value instanceof StatusError;
