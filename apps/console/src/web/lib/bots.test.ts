import { describe, expect, it } from '@jest/globals';
import { botNameProblem, botsAmong, membershipsByBot } from './bots.js';

describe("a bot's display name", () => {
  it('takes 5 to 24 letters, digits, _, - and inner spaces', () => {
    for (const name of ['Helper Bot', 'abcde', 'a_b-c', 'x'.repeat(24), '_bot_', 'Ethan Bot'])
      expect(botNameProblem(name)).toBeUndefined();
  });

  it('refuses what receivers would drop, saying the rule', () => {
    for (const name of ['Bot!', 'abcd', 'x'.repeat(25), ' Helper', 'Helper ', 'Bót Five', 'vitalik.eth'])
      expect(botNameProblem(name)).toMatch(/5 to 24 letters/);
    expect(botNameProblem('helper_eth')).toMatch(/_eth or -eth/);
    expect(botNameProblem('helper-eth')).toBeDefined();
  });
});

describe('the communities a bot is in', () => {
  it('finds the bots among members whatever the hex case', () => {
    expect(botsAmong(['0x04aa', '0x04bb', '0x04cc'], ['0x04CC', '0x04dd', '0x04aa'])).toEqual([
      '0x04aa',
      '0x04cc',
    ]);
    expect(botsAmong([], ['0x04aa'])).toEqual([]);
  });

  it('lists each bot under every community it was found in, in scan order', () => {
    const one = { communityId: '0x02aa', name: 'One' };
    const two = { communityId: '0x02bb', name: 'Two' };
    const byBot = membershipsByBot([
      { community: one, bots: ['0x04aa', '0x04bb'] },
      { community: two, bots: ['0x04aa'] },
    ]);
    expect(byBot.get('0x04aa')).toEqual([one, two]);
    expect(byBot.get('0x04bb')).toEqual([one]);
    expect(byBot.get('0x04cc')).toBeUndefined();
  });
});
