import { describe, expect, it } from '@jest/globals';
import { communityRefOf } from './community-ref.js';
import { keyStorage } from './key-storage.js';
import { parseRoute, routeHash } from './route.js';

describe('routes in the hash', () => {
  it('reads a community tab and writes it back the same', () => {
    const route = parseRoute('#/c/0x02abcdef/bans');
    expect(route).toEqual({ page: 'community', communityId: '0x02abcdef', tab: 'bans' });
    expect(routeHash(route)).toBe('#/c/0x02abcdef/bans');
  });

  it('falls back to the overview for an unknown tab and to the list for anything else', () => {
    expect(parseRoute('#/c/0x02ab/nope')).toEqual({
      page: 'community',
      communityId: '0x02ab',
      tab: 'overview',
    });
    expect(parseRoute('#/c/not-hex/members')).toEqual({ page: 'communities' });
    expect(parseRoute('')).toEqual({ page: 'communities' });
    expect(parseRoute('#/keys')).toEqual({ page: 'keys' });
  });

  it('reads the bots and webhooks pages and writes them back the same', () => {
    for (const page of ['bots', 'webhooks'] as const) {
      expect(parseRoute(`#/${page}`)).toEqual({ page });
      expect(routeHash({ page })).toBe(`#/${page}`);
    }
  });
});

describe('what a person pastes to watch a community', () => {
  it('is a share URL, a chat key or an id', () => {
    expect(communityRefOf(' https://status.app/c/abc#zQ3sh ')).toEqual({
      url: 'https://status.app/c/abc#zQ3sh',
    });
    expect(communityRefOf('zQ3shabc')).toEqual({ chatKey: 'zQ3shabc' });
    expect(communityRefOf('0x02ab')).toEqual({ id: '0x02ab' });
  });
});

describe('the key kept for the tab', () => {
  it('is written trimmed, read back, and forgotten', () => {
    const values = new Map<string, string>();
    const storage = keyStorage({
      getItem: (name) => values.get(name) ?? null,
      setItem: (name, value) => void values.set(name, value),
      removeItem: (name) => void values.delete(name),
    });
    expect(storage.read()).toBeNull();
    storage.write('  sck_abc  ');
    expect(storage.read()).toBe('sck_abc');
    storage.clear();
    expect(storage.read()).toBeNull();
  });
});
