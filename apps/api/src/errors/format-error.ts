import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isStatusError } from '@status-communities/errors';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/** Apollo's own codes, said in the platform's one vocabulary. */
const APOLLO_CODES: Readonly<Record<string, ErrorCode>> = {
  GRAPHQL_PARSE_FAILED: ErrorCode.INVALID_QUERY,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.INVALID_QUERY,
  BAD_REQUEST: ErrorCode.INVALID_QUERY,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.INVALID_QUERY,
  PERSISTED_QUERY_NOT_FOUND: ErrorCode.INVALID_QUERY,
  PERSISTED_QUERY_NOT_SUPPORTED: ErrorCode.INVALID_QUERY,
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
};

const codeOf = (formatted: GraphQLFormattedError, original: unknown): string => {
  const own = formatted.extensions?.['code'];
  // A validation rule's own code survives Apollo's wrapping in the original error.
  const inner = (original as { extensions?: Record<string, unknown> } | undefined)?.extensions?.['code'];
  if (typeof inner === 'string' && KNOWN_CODES.has(inner)) return inner;
  if (isStatusError(original)) return original.code;
  if (typeof own === 'string' && KNOWN_CODES.has(own)) return own;
  if (typeof own === 'string' && own in APOLLO_CODES) return APOLLO_CODES[own] as string;
  return ErrorCode.INTERNAL;
};

/**
 * Every error leaves with one ErrorCode in `extensions.code` and never a stack trace; an unexpected error
 * (a bug) is reported as INTERNAL without its message, which may carry internals. `onInternal` logs it.
 */
export const createErrorFormatter =
  (onInternal: (error: unknown) => void) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = codeOf(formatted, original);
    const { code: _code, stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
    if (code === ErrorCode.INTERNAL) {
      onInternal(original);
      return { message: 'Internal error', ...pathAndLocations(formatted), extensions: { code } };
    }
    return { ...formatted, extensions: { ...extensions, code } };
  };

const pathAndLocations = (formatted: GraphQLFormattedError) => ({
  ...(formatted.path ? { path: formatted.path } : {}),
  ...(formatted.locations ? { locations: formatted.locations } : {}),
});
