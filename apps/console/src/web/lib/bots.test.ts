import { describe, expect, it } from '@jest/globals';
import { botIsIn, botNameProblem, hasBotNamed, membershipStateName } from './bots.js';

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

describe("a bot's standing in a community", () => {
  it('says each state of BotIdentity.communities in words, and a state it does not know as named', () => {
    expect(membershipStateName('MEMBER')).toBe('member');
    expect(membershipStateName('PENDING')).toBe('asked to join');
    expect(membershipStateName('BANNED')).toBe('banned');
    expect(membershipStateName('SUSPENDED')).toBe('suspended');
  });
});

describe('what the bots page waits for', () => {
  const community = (communityId: string) => ({
    state: 'PENDING',
    community: { communityId, identity: { name: 'c' } },
  });
  const bots = [
    { displayName: 'Helper Bot', publicKey: '0x04aa', communities: [community('0x02aa')] },
    { displayName: 'Quiet Bot', publicKey: '0x04bb', communities: [] },
  ];

  it('sees a bot by its name once it is made', () => {
    expect(hasBotNamed(bots, 'Quiet Bot')).toBe(true);
    expect(hasBotNamed(bots, 'New Bot')).toBe(false);
  });

  it("sees a bot's request arrive in the community it asked to join", () => {
    expect(botIsIn(bots, '0x04aa', '0x02aa')).toBe(true);
    expect(botIsIn(bots, '0x04bb', '0x02aa')).toBe(false);
    expect(botIsIn(bots, '0x04aa', '0x02bb')).toBe(false);
  });
});
