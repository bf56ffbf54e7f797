import { describe, expect, it } from '@jest/globals';
import { poll } from './poll.js';

describe('polling a read until it has a value', () => {
  it('reads again until there is a value', async () => {
    let reads = 0;
    const value = await poll('the third read', async () => (++reads === 3 ? 'found' : undefined), {
      timeoutMs: 5_000,
      intervalMs: 1,
    });
    expect({ value, reads }).toEqual({ value: 'found', reads: 3 });
  });

  it('gives up after the timeout, saying what it waited for', async () => {
    await expect(
      poll('the community', async () => undefined, { timeoutMs: 20, intervalMs: 5 }),
    ).rejects.toThrow('the community: not there after 20 ms');
  });
});
