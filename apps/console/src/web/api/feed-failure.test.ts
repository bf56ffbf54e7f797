import { describe, expect, it } from '@jest/globals';
import { classifyFeedFailure } from './feed-failure.js';

describe("a subscription's failure", () => {
  it('is fatal when the API refused the key at connection (close 4403)', () => {
    expect(classifyFeedFailure({ code: 4403, reason: 'Forbidden' })).toEqual({
      problems: [{ code: 'UNAUTHENTICATED', message: 'Forbidden' }],
      fatal: true,
    });
  });

  it('is resumable when the connection dropped (1006) or rate limited', () => {
    expect(classifyFeedFailure({ code: 1006, reason: '' })).toEqual({
      problems: [{ code: 'NETWORK', message: 'connection closed (1006)' }],
      fatal: false,
    });
    expect(classifyFeedFailure({ code: 4429, reason: 'slow down' }).fatal).toBe(false);
  });

  it('keeps the codes of GraphQL errors: SLOW_CONSUMER resumes, FORBIDDEN does not', () => {
    expect(classifyFeedFailure([{ message: 'behind', extensions: { code: 'SLOW_CONSUMER' } }])).toEqual({
      problems: [{ code: 'SLOW_CONSUMER', message: 'behind' }],
      fatal: false,
    });
    expect(classifyFeedFailure([{ message: 'scope', extensions: { code: 'FORBIDDEN' } }]).fatal).toBe(true);
  });

  it('treats a socket error event as a network failure', () => {
    expect(classifyFeedFailure(new Error('ECONNREFUSED'))).toEqual({
      problems: [{ code: 'NETWORK', message: 'ECONNREFUSED' }],
      fatal: false,
    });
  });
});
