import { describe, expect, it } from '@jest/globals';
import type { MembershipRow, RequestRow } from './bot-memberships.js';
import { botMemberships } from './bot-memberships.js';

const community = (name: string) => ({ id: `id-${name}`, name });
const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 0, minute));
const member = (name: string, state: MembershipRow<unknown>['state'], joined: number, left?: number) => ({
  community: community(name),
  state,
  roles: state === 'ACTIVE' ? (['ADMIN'] as const) : [],
  joinedAt: at(joined),
  leftAt: left === undefined ? null : at(left),
});
const request = (name: string, state: RequestRow<unknown>['state'], minute: number) => ({
  community: community(name),
  state,
  receivedAt: at(minute),
});

const states = (...args: Parameters<typeof botMemberships>) =>
  botMemberships(...args).map((entry) => [entry.community.name, entry.state]);

describe('botMemberships', () => {
  it('is a MEMBER with its roles while active, whatever its requests', () => {
    expect(botMemberships([member('a', 'ACTIVE', 2)], [request('a', 'PENDING', 5)])).toEqual([
      { community: community('a'), state: 'MEMBER', roles: ['ADMIN'], joinedAt: at(2), requestedAt: at(5) },
    ]);
  });

  it('takes the latest request where it is no member, or asked again after it left', () => {
    expect(
      states(
        [member('left', 'LEFT', 1, 2)],
        [request('asked', 'DECLINED', 1), request('asked', 'PENDING', 3), request('left', 'PENDING', 4)],
      ),
    ).toEqual([
      ['asked', 'PENDING'],
      ['left', 'PENDING'],
    ]);
  });

  it('keeps a removal newer than the request, with no roles', () => {
    const [banned] = botMemberships([member('b', 'BANNED', 2, 3)], [request('b', 'ACCEPTED', 1)]);
    expect(banned).toMatchObject({ state: 'BANNED', roles: [], requestedAt: at(1) });
  });

  it('sorts by community name', () => {
    expect(states([member('zed', 'ACTIVE', 1)], [request('abc', 'PENDING', 1)])).toEqual([
      ['abc', 'PENDING'],
      ['zed', 'MEMBER'],
    ]);
  });
});
