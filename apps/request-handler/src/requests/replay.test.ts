import { describe, expect, it } from '@jest/globals';
import { requestNovelty } from './replay.js';

describe('requestNovelty', () => {
  it('judges a first request and one newer than the stored one', () => {
    expect(requestNovelty(null, 100, false)).toBe('new');
    expect(requestNovelty({ clock: 100, state: 'ACCEPTED' }, 101, false)).toBe('new');
    expect(requestNovelty({ clock: 100, state: 'CANCELED' }, 101, false)).toBe('new');
  });

  it('refuses an older request whatever became of the stored one', () => {
    for (const state of ['PENDING', 'ACCEPTED', 'DECLINED', 'CANCELED'] as const)
      expect(requestNovelty({ clock: 100, state }, 99, true)).toBe('replayed');
  });

  it('takes the same request again as a duplicate while it still stands', () => {
    expect(requestNovelty({ clock: 100, state: 'PENDING' }, 100, false)).toBe('duplicate');
    expect(requestNovelty({ clock: 100, state: 'ACCEPTED' }, 100, true)).toBe('duplicate');
  });

  it('refuses the same request after it was canceled or its member left', () => {
    expect(requestNovelty({ clock: 100, state: 'CANCELED' }, 100, false)).toBe('replayed');
    expect(requestNovelty({ clock: 100, state: 'ACCEPTED' }, 100, false)).toBe('replayed');
  });

  it('leaves the same declined request to the sticky-decline rule', () => {
    expect(requestNovelty({ clock: 100, state: 'DECLINED' }, 100, false)).toBe('new');
  });
});
