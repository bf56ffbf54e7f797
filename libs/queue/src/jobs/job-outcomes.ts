// The three outcomes of a job: a value (BullMQ completes it), a permanent failure (failed at once, never
// retried) and retry later (BullMQ tries again after its backoff, up to its attempts). Anything else a
// processor throws is a bug, and is retried like RetryLaterError. A handler keeps expected failures as
// Result and turns them into one of these at the job edge, with the two adapters below.
import { UnrecoverableError } from 'bullmq';
import type { ErrorCode, Result, StatusError } from '@status-communities/errors';

/**
 * A job that must not be retried: BullMQ moves it to `failed` at once (it is an UnrecoverableError) and the
 * worker goes on. `code` says why, as a StatusError would.
 */
export class PermanentJobError extends UnrecoverableError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * A job that cannot be done yet but will be (another service has not caught up, a peer is not there yet):
 * BullMQ tries it again after its backoff, and fails it when its attempts are spent.
 */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The value, or the failure as a PermanentJobError: a failure that no retry can change. */
export const orFailPermanently = <T>(result: Result<T, StatusError>): T => {
  if (result.ok) return result.value;
  throw new PermanentJobError(result.error.code, result.error.message, result.error.details);
};

/** The value, or the failure as a RetryLaterError: a failure that time may mend. */
export const orRetryLater = <T>(result: Result<T, StatusError>): T => {
  if (result.ok) return result.value;
  throw new RetryLaterError(result.error.message, { code: result.error.code, ...result.error.details });
};
