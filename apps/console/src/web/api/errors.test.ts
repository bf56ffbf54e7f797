import { describe, expect, it } from '@jest/globals';
import { ApiError, describeProblem, problemsOf, problemsOfGraphQLErrors } from './errors.js';

describe('API problems for a person', () => {
  it('reads extensions.code of each GraphQL error, INTERNAL when an error has none', () => {
    expect(
      problemsOfGraphQLErrors([
        { message: 'Unknown, revoked or expired API key', extensions: { code: 'UNAUTHENTICATED' } },
        { message: 'odd' },
      ]),
    ).toEqual([
      { code: 'UNAUTHENTICATED', message: 'Unknown, revoked or expired API key' },
      { code: 'INTERNAL', message: 'odd' },
    ]);
  });

  it('says what to do about a refused key, then what the API said', () => {
    expect(describeProblem({ code: 'UNAUTHENTICATED', message: 'Unknown, revoked or expired API key' })).toBe(
      'The API key was refused: it is unknown, revoked or expired. Enter another key. Unknown, revoked or expired API key',
    );
  });

  it('names the input field of a user error', () => {
    expect(describeProblem({ code: 'BAD_USER_INPUT', message: 'too long', field: ['input', 'name'] })).toBe(
      'The input was refused. too long (input.name)',
    );
  });

  it('keeps an unknown code visible with the message', () => {
    expect(describeProblem({ code: 'INVALID_CLOCK', message: 'older' })).toBe('INVALID_CLOCK: older');
  });

  it('tells an ApiError, a failed fetch (TypeError) and anything else apart', () => {
    const refused = new ApiError([{ code: 'FORBIDDEN', message: 'scope' }], 200);
    expect(problemsOf(refused)).toEqual([{ code: 'FORBIDDEN', message: 'scope' }]);
    expect(refused.has('FORBIDDEN')).toBe(true);
    expect(refused.has('UNAUTHENTICATED')).toBe(false);
    expect(problemsOf(new TypeError('Failed to fetch'))).toEqual([
      { code: 'NETWORK', message: 'Failed to fetch' },
    ]);
    expect(problemsOf(new Error('boom'))).toEqual([{ code: 'INTERNAL', message: 'boom' }]);
  });
});
