import { describe, expect, it } from '@jest/globals';
import { postText, sequenceOf, tally } from './tally.js';

describe('the numbered posts', () => {
  it('reads back the number of a post and nothing from other texts', () => {
    expect(sequenceOf(postText(1234))).toBe(1234);
    expect(sequenceOf('chaos post 12 and more')).toBeUndefined();
    expect(sequenceOf('forged non-member 3')).toBeUndefined();
  });

  it('counts a number stored once as indexed, twice as duplicated, never as lost', () => {
    const stored = new Map([
      [1, 1],
      [2, 2],
      [4, 1],
      [9, 1],
    ]);
    expect(tally([1, 2, 3, 4], stored)).toEqual({ sent: 4, indexed: 3, duplicated: 1, lost: 1 });
  });

  it('ignores stored numbers that were not sent in the window', () => {
    expect(tally([], new Map([[1, 3]]))).toEqual({ sent: 0, indexed: 0, duplicated: 0, lost: 0 });
  });
});
