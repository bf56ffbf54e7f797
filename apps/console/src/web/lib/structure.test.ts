import { describe, expect, it } from '@jest/globals';
import { channelSections, movedPosition } from './structure.js';

const channel = (uuid: string, categoryId: string | null, position: number) => ({
  uuid,
  categoryId,
  position,
});

describe('channelSections', () => {
  it('lists channels without a category first, then each category by position, each in its order', () => {
    const sections = channelSections(
      [channel('c', 'news', 1), channel('a', null, 1), channel('b', 'news', 0), channel('d', null, 0)],
      [
        { categoryId: 'news', position: 1 },
        { categoryId: 'empty', position: 0 },
      ],
    );
    expect(sections.map((s) => [s.category?.categoryId ?? null, s.channels.map((c) => c.uuid)])).toEqual([
      [null, ['d', 'a']],
      ['empty', []],
      ['news', ['b', 'c']],
    ]);
  });

  it('shows a channel of a category the community does not list among those without one', () => {
    const sections = channelSections([channel('a', 'gone', 0)], []);
    expect(sections).toEqual([{ category: null, channels: [channel('a', 'gone', 0)] }]);
  });

  it('has no block for channels without a category when there is none', () => {
    expect(channelSections([], [{ categoryId: 'x', position: 0 }])).toEqual([
      { category: { categoryId: 'x', position: 0 }, channels: [] },
    ]);
  });
});

describe('movedPosition', () => {
  it('asks for the neighbour position', () => {
    expect(movedPosition(1, 3, -1)).toBe(0);
    expect(movedPosition(1, 3, 1)).toBe(2);
  });

  it('cannot move past either end', () => {
    expect(movedPosition(0, 3, -1)).toBeUndefined();
    expect(movedPosition(2, 3, 1)).toBeUndefined();
  });
});
