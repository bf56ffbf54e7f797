import { describe, expect, it } from '@jest/globals';
import {
  COMMUNITY_TAGS,
  COMMUNITY_TAG_NAMES,
  areCommunityTagsValid,
  communityTagByIndex,
  communityTagIndex,
  isKnownCommunityTag,
  normalizeTags,
} from './tags.js';

describe('community tag list', () => {
  it("holds status-go's 52 tags in status-go's order (share URLs carry indices into it)", () => {
    expect(COMMUNITY_TAGS).toHaveLength(52);
    expect(COMMUNITY_TAG_NAMES.slice(0, 4)).toEqual(['Activism', 'Art', 'Blockchain', 'Books & blogs']);
    expect(COMMUNITY_TAG_NAMES[15]).toBe('Ethereum');
    expect(COMMUNITY_TAG_NAMES[43]).toBe('Privacy');
    expect(COMMUNITY_TAG_NAMES.at(-1)).toBe('Web3');
  });

  it('keeps emoji byte-exact, including joiners and variation selectors', () => {
    const emojiOf = (name: string) => COMMUNITY_TAGS.find((tag) => tag.name === name)?.emoji;
    expect(emojiOf('Fantasy')).toBe('\u{1F9D9}\u200D\u2642\uFE0F');
    expect(emojiOf('Software dev')).toBe('\u{1F469}\u200D\u{1F4BB}');
    expect(emojiOf('Love')).toBe('\u2764\uFE0F');
    expect(emojiOf('Ethereum')).toBe('\u039E');
    expect(emojiOf('Event')).toBe('\u{1F5D3}');
  });

  it('maps names to indices and back', () => {
    for (const [index, name] of COMMUNITY_TAG_NAMES.entries()) {
      expect(communityTagIndex(name)).toBe(index);
      expect(communityTagByIndex(index)?.name).toBe(name);
    }
  });

  it('has no index for unknown names and no tag for out-of-range or fractional indices', () => {
    expect(communityTagIndex('ethereum')).toBeUndefined();
    expect(communityTagIndex('toString')).toBeUndefined();
    expect(communityTagByIndex(52)).toBeUndefined();
    expect(communityTagByIndex(-1)).toBeUndefined();
    expect(communityTagByIndex(1.5)).toBeUndefined();
  });

  it('knows tags case-sensitively', () => {
    expect(isKnownCommunityTag('DeFi')).toBe(true);
    expect(isKnownCommunityTag('defi')).toBe(false);
  });
});

describe('normalizeTags', () => {
  it('drops unknown tags and duplicates, keeping first occurrences in order', () => {
    expect(normalizeTags(['Privacy', 'bogus', 'Art', 'Privacy', 'Art', '', 'Web3'])).toEqual([
      'Privacy',
      'Art',
      'Web3',
    ]);
  });

  it('returns an empty list when nothing is known', () => {
    expect(normalizeTags(['x', 'y'])).toEqual([]);
  });
});

describe('areCommunityTagsValid', () => {
  it('accepts known, distinct tags', () => {
    expect(areCommunityTagsValid(['Art', 'DAO'])).toBe(true);
    expect(areCommunityTagsValid([])).toBe(true);
  });

  it('refuses an unknown tag', () => {
    expect(areCommunityTagsValid(['Art', 'Cats'])).toBe(false);
  });

  it('refuses a duplicate', () => {
    expect(areCommunityTagsValid(['Art', 'Art'])).toBe(false);
  });
});
