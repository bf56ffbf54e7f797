import type { ApiProblem } from './errors.js';
import { problemsOfGraphQLErrors } from './errors.js';

// Codes after which opening the subscription again cannot help: the key or the document is refused.
const FATAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'INVALID_QUERY', 'NOT_FOUND']);

export interface FeedFailure {
  readonly problems: readonly ApiProblem[];
  /** Resuming would fail the same way. */
  readonly fatal: boolean;
}

const isCloseEvent = (error: unknown): error is { code: number; reason: string } =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { code?: unknown }).code === 'number' &&
  'reason' in error;

/**
 * What a graphql-ws subscription's failure means: the errors the API sent (with their codes), or the
 * WebSocket's close — 4403 is the API refusing the key at connection time.
 */
export const classifyFeedFailure = (error: unknown): FeedFailure => {
  if (Array.isArray(error)) {
    const problems = problemsOfGraphQLErrors(
      error as { message?: unknown; extensions?: { code?: unknown } }[],
    );
    return { problems, fatal: problems.some((problem) => FATAL_CODES.has(problem.code)) };
  }
  if (isCloseEvent(error)) {
    if (error.code === 4403)
      return { problems: [{ code: 'UNAUTHENTICATED', message: error.reason || 'Forbidden' }], fatal: true };
    if (error.code === 4400 || error.code === 4004)
      return { problems: [{ code: 'INVALID_QUERY', message: error.reason }], fatal: true };
    if (error.code === 4429)
      return { problems: [{ code: 'RATE_LIMITED', message: error.reason }], fatal: false };
    return { problems: [{ code: 'NETWORK', message: `connection closed (${error.code})` }], fatal: false };
  }
  return {
    problems: [{ code: 'NETWORK', message: error instanceof Error ? error.message : String(error) }],
    fatal: false,
  };
};
