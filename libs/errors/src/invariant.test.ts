import { describe, expect, it } from '@jest/globals';
import { InvariantError, bug } from './invariant.js';

describe('bug', () => {
  it('throws an InvariantError with the message and details', () => {
    let thrown: unknown;
    try {
      bug('no route for the key', { route: 3 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvariantError);
    expect(thrown).toMatchObject({
      name: 'InvariantError',
      message: 'no route for the key',
      details: { route: 3 },
    });
  });
});
