import { describe, expect, it } from '@jest/globals';
import {
  MAX_EMOJI_BYTES,
  checkCategoryName,
  checkChannelDescription,
  checkChannelName,
  checkCommunityDescriptionText,
  checkCommunityIntroMessage,
  checkCommunityName,
  checkCommunityOutroMessage,
  checkCommunityTags,
  checkIdentityEmoji,
} from './identity-limits.js';

const refused = (result: { ok: boolean; error?: { code: string; details: Record<string, unknown> } }) =>
  result.ok ? undefined : { code: result.error?.code, reason: result.error?.details['reason'] };

describe('community identity limits (status-go CreateCommunity.Validate)', () => {
  it('counts UTF-8 bytes as Go does: 30 for the name, 140 for the description', () => {
    expect(checkCommunityName('a'.repeat(30)).ok).toBe(true);
    expect(refused(checkCommunityName('a'.repeat(31)))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'too-long',
    });
    // "é" is one character of two bytes: 15 of them fit, 16 do not.
    expect(checkCommunityName('é'.repeat(15)).ok).toBe(true);
    expect(checkCommunityName('é'.repeat(16)).ok).toBe(false);
    expect(refused(checkCommunityName(''))).toEqual({ code: 'BAD_USER_INPUT', reason: 'empty' });
    expect(checkCommunityName('a'.repeat(200_000)).ok).toBe(false);
    expect(checkCommunityDescriptionText('d'.repeat(140)).ok).toBe(true);
    expect(checkCommunityDescriptionText('d'.repeat(141)).ok).toBe(false);
    expect(checkCommunityDescriptionText('').ok).toBe(false);
  });

  it('allows empty intro and outro messages up to 1,400 and 80 bytes', () => {
    expect(checkCommunityIntroMessage('').ok).toBe(true);
    expect(checkCommunityIntroMessage('i'.repeat(1_400)).ok).toBe(true);
    expect(checkCommunityIntroMessage('i'.repeat(1_401)).ok).toBe(false);
    expect(checkCommunityOutroMessage('o'.repeat(80)).ok).toBe(true);
    expect(checkCommunityOutroMessage('o'.repeat(81)).ok).toBe(false);
  });

  it('takes known tags once each', () => {
    expect(checkCommunityTags(['Art', 'DeFi']).ok).toBe(true);
    expect(checkCommunityTags(['Art', 'Art']).ok).toBe(false);
    expect(checkCommunityTags(['art']).ok).toBe(false);
  });
});

describe('channel and category limits (status-desktop)', () => {
  it('takes channel names of 1 to 24 characters and descriptions up to 140', () => {
    expect(checkChannelName('c'.repeat(24)).ok).toBe(true);
    expect(checkChannelName('c'.repeat(25)).ok).toBe(false);
    expect(checkChannelName('c'.repeat(100_000)).ok).toBe(false);
    expect(checkChannelName('').ok).toBe(false);
    expect(checkChannelDescription('').ok).toBe(true);
    expect(checkChannelDescription('d'.repeat(140)).ok).toBe(true);
    expect(checkChannelDescription('d'.repeat(141)).ok).toBe(false);
  });

  it('takes category names of 1 to 24 characters', () => {
    expect(checkCategoryName('k'.repeat(24)).ok).toBe(true);
    expect(checkCategoryName('k'.repeat(25)).ok).toBe(false);
    expect(checkCategoryName('').ok).toBe(false);
  });
});

describe('emoji', () => {
  it('takes no emoji or exactly one, sequences and flags included', () => {
    for (const emoji of [
      '',
      '🎨',
      '❤️',
      '🗓',
      '👍🏽',
      '🇨🇭',
      '1️⃣',
      '👩‍💻',
      '👩🏻‍❤️‍💋‍👨🏼',
      '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
    ])
      expect([emoji, checkIdentityEmoji(emoji).ok]).toEqual([emoji, true]);
  });

  it('refuses text, two emoji, digits alone and a run of modifiers past the byte limit', () => {
    for (const emoji of ['a', 'no', '🎨🎨', '1', '#', `👍${'🏽'.repeat(MAX_EMOJI_BYTES / 4)}`, '🎨\u0000'])
      expect([emoji, refused(checkIdentityEmoji(emoji))]).toEqual([
        emoji,
        { code: 'BAD_USER_INPUT', reason: 'not-an-emoji' },
      ]);
  });
});
