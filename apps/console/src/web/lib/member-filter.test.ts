import { describe, expect, it } from '@jest/globals';
import type { FeedEvent } from '../api/live-feed.js';
import type { PagedList } from './connection.js';
import type { MemberRow } from './live-lists.js';
import {
  applyFilteredMemberEvent,
  isMemberFilterSet,
  isMemberRole,
  memberFilterVariables,
  NO_MEMBER_FILTER,
} from './member-filter.js';

const ev = (type: string, fields: Record<string, unknown>): FeedEvent => ({
  eventId: `${type}-1`,
  type,
  communityId: '0x02aa',
  occurredAt: '2026-12-07T12:00:00.000Z',
  ...fields,
});
const member = (memberKey: string, roles: string[] = [], displayName: string | null = null): MemberRow => ({
  memberKey,
  displayName,
  roles,
  state: 'ACTIVE',
  joinedAt: null,
});
const list = (nodes: MemberRow[]): PagedList<MemberRow> => ({
  nodes,
  endCursor: null,
  hasNextPage: false,
  totalCount: nodes.length,
});
const keys = (members: PagedList<MemberRow>) => members.nodes.map((row) => row.memberKey);

describe('member filter', () => {
  it('sends search and role only when set', () => {
    expect(memberFilterVariables(NO_MEMBER_FILTER)).toEqual({ search: null, role: null });
    expect(memberFilterVariables({ search: '  ali ', role: 'ADMIN' })).toEqual({
      search: 'ali',
      role: 'ADMIN',
    });
    expect(isMemberRole('TOKEN_MASTER')).toBe(true);
    expect(isMemberRole('member')).toBe(false);
    expect(isMemberFilterSet(NO_MEMBER_FILTER)).toBe(false);
    expect(isMemberFilterSet({ search: ' ', role: 'OWNER' })).toBe(true);
  });

  it('adds a live joiner unfiltered, or when its key starts with the searched hex', () => {
    const joined = ev('MEMBER_JOINED', { memberKey: '0x04abcd' });
    expect(keys(applyFilteredMemberEvent(list([]), joined, NO_MEMBER_FILTER))).toEqual(['0x04abcd']);
    const byKey = applyFilteredMemberEvent(list([]), joined, { search: '04AB', role: '' });
    expect(keys(byKey)).toEqual(['0x04abcd']);
    expect(byKey.totalCount).toBe(1);
  });

  it('leaves out a joiner that does not match the search or the role', () => {
    const shown = list([member('0x04aa', [], 'alice')]);
    const joined = ev('MEMBER_JOINED', { memberKey: '0x04bb' });
    expect(applyFilteredMemberEvent(shown, joined, { search: 'alice', role: '' })).toBe(shown);
    expect(applyFilteredMemberEvent(shown, joined, { search: '', role: 'ADMIN' })).toBe(shown);
  });

  it('drops a member whose roles no longer hold the filtered role, and keeps one that still does', () => {
    const admins = list([member('0x04aa', ['ADMIN'], 'alice'), member('0x04bb', ['ADMIN'])]);
    const demoted = applyFilteredMemberEvent(
      admins,
      ev('MEMBER_ROLES_CHANGED', { memberKey: '0x04aa', roles: [] }),
      {
        search: '',
        role: 'ADMIN',
      },
    );
    expect(keys(demoted)).toEqual(['0x04bb']);
    expect(demoted.totalCount).toBe(1);
    const promoted = applyFilteredMemberEvent(
      admins,
      ev('MEMBER_ROLES_CHANGED', { memberKey: '0x04bb', roles: ['ADMIN', 'TOKEN_MASTER'] }),
      { search: 'zQ3anything', role: 'ADMIN' },
    );
    expect(promoted.nodes[1]?.roles).toEqual(['ADMIN', 'TOKEN_MASTER']);
    expect(promoted.totalCount).toBe(2);
  });

  it('removes a leaver whatever the filter', () => {
    const shown = list([member('0x04aa', [], 'alice')]);
    const left = applyFilteredMemberEvent(shown, ev('MEMBER_LEFT', { memberKey: '0x04aa' }), {
      search: 'alice',
      role: '',
    });
    expect(left.nodes).toEqual([]);
  });
});
