/** One failure the API reported: a GraphQL error or a mutation's user error, with its ErrorCode. */
export interface ApiProblem {
  readonly code: string;
  readonly message: string;
  /** The input field at fault, for user errors. */
  readonly field?: readonly string[];
}

/** A request the API refused or could not answer; `problems` carry the codes of `extensions.code`. */
export class ApiError extends Error {
  constructor(
    readonly problems: readonly ApiProblem[],
    readonly status: number,
  ) {
    super(problems.map((problem) => `${problem.code}: ${problem.message}`).join('; '));
    this.name = 'ApiError';
  }

  has(code: string): boolean {
    return this.problems.some((problem) => problem.code === code);
  }
}

// What a person can do about each code the console meets; the API's own message follows it.
const ADVICE: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: 'The API key was refused: it is unknown, revoked or expired. Enter another key.',
  FORBIDDEN: 'This API key may not do that: it lacks the scope, or is bound to another community.',
  RATE_LIMITED: 'Too many requests with this key this minute. Wait a moment and try again.',
  BAD_USER_INPUT: 'The input was refused.',
  NOT_FOUND: 'Not found: it may have been deleted, or this key may not see it.',
  CONFLICT: 'That conflicts with the current state: reload and try again.',
  CURSOR_EXPIRED: 'The live feed fell too far behind and restarted from now.',
  SLOW_CONSUMER: 'The live feed fell behind and is catching up.',
  QUERY_TOO_DEEP: 'The query is too deep for the API.',
  QUERY_TOO_COMPLEX: 'The query is too costly for the API.',
  INVALID_QUERY: 'The API did not understand the query (is the console older than the API?).',
  CHAIN_UNAVAILABLE: 'A blockchain RPC could not be read: nothing was decided. Try again later.',
  INVALID_KEY: 'That is not a valid key.',
  INVALID_URL: 'That is not a community share URL.',
  NETWORK: 'The API cannot be reached.',
  INTERNAL: 'The API failed on this request.',
};

/** A sentence for a person: what the code means for them, then what the API said. */
export const describeProblem = (problem: ApiProblem): string => {
  const advice = ADVICE[problem.code];
  const where = problem.field && problem.field.length > 0 ? ` (${problem.field.join('.')})` : '';
  if (!advice) return `${problem.code}: ${problem.message}${where}`;
  return problem.message && problem.message !== advice ? `${advice} ${problem.message}${where}` : advice;
};

/** The problems of anything thrown by a request: an ApiError's own, or one NETWORK/INTERNAL problem. */
export const problemsOf = (error: unknown): readonly ApiProblem[] => {
  if (error instanceof ApiError) return error.problems;
  if (error instanceof TypeError) return [{ code: 'NETWORK', message: error.message }];
  return [{ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }];
};

interface GraphQLErrorShape {
  readonly message?: unknown;
  readonly extensions?: { readonly code?: unknown };
}

/** The problems of a GraphQL response's `errors`; a missing code is INTERNAL. */
export const problemsOfGraphQLErrors = (errors: readonly GraphQLErrorShape[]): ApiProblem[] =>
  errors.map((error) => ({
    code: typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL',
    message: typeof error.message === 'string' ? error.message : '',
  }));
