import { describe, expect, it } from '@jest/globals';
import type { StatusError } from './index.js';
import { ErrorCode, fail, isStatusError, ok, unwrap } from './index.js';

describe('Result', () => {
  it('unwraps a success to its value', () => {
    expect(unwrap(ok(42))).toBe(42);
  });

  it('throws the StatusError of a failure, code and details intact', () => {
    const result = fail(ErrorCode.INVALID_HEX, 'odd length', { length: 3 });
    expect(result.ok).toBe(false);
    let thrown: unknown;
    try {
      unwrap(result);
    } catch (e) {
      thrown = e;
    }
    expect(isStatusError(thrown)).toBe(true);
    expect((thrown as StatusError).code).toBe('INVALID_HEX');
    expect((thrown as StatusError).details).toEqual({ length: 3 });
  });

  it('keeps error codes equal to their names, as GraphQL extensions.code expects', () => {
    for (const [name, value] of Object.entries(ErrorCode)) expect(value).toBe(name);
  });
});
