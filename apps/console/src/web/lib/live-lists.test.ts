import { describe, expect, it } from '@jest/globals';
import type { FeedEvent } from '../api/live-feed.js';
import type { PagedList } from './connection.js';
import type { MemberRow, MessageRow, RequestRow } from './live-lists.js';
import { applyMemberEvent, applyMessageEvent, applyRequestEvent } from './live-lists.js';

const at = '2026-12-07T12:00:00.000Z';
const ev = (type: string, fields: Record<string, unknown>): FeedEvent => ({
  eventId: `${type}-1`,
  type,
  communityId: '0x02aa',
  occurredAt: at,
  ...fields,
});
const list = <N>(nodes: N[], totalCount?: number): PagedList<N> => ({
  nodes,
  endCursor: null,
  hasNextPage: false,
  ...(totalCount !== undefined ? { totalCount } : {}),
});
const member = (memberKey: string): MemberRow => ({ memberKey, roles: [], state: 'ACTIVE', joinedAt: null });

describe('members kept current by the live feed', () => {
  it('puts a joiner on top once, and counts it', () => {
    const joined = applyMemberEvent(list([member('0x04a')], 1), ev('MEMBER_JOINED', { memberKey: '0x04b' }));
    expect(joined.nodes.map((row) => row.memberKey)).toEqual(['0x04b', '0x04a']);
    expect(joined.nodes[0]).toEqual({ memberKey: '0x04b', roles: [], state: 'ACTIVE', joinedAt: at });
    expect(joined.totalCount).toBe(2);
    expect(applyMemberEvent(joined, ev('MEMBER_JOINED', { memberKey: '0x04b' }))).toBe(joined);
  });

  it('takes out a banned, kicked, leaving or removed member', () => {
    for (const type of ['MEMBER_BANNED', 'MEMBER_KICKED', 'MEMBER_LEFT', 'MEMBER_REMOVED']) {
      const after = applyMemberEvent(
        list([member('0x04a'), member('0x04b')], 2),
        ev(type, { memberKey: '0x04a' }),
      );
      expect({ type, keys: after.nodes.map((row) => row.memberKey), total: after.totalCount }).toEqual({
        type,
        keys: ['0x04b'],
        total: 1,
      });
    }
  });

  it('updates roles, and leaves the list alone for events of no member', () => {
    const start = list([member('0x04a')]);
    expect(
      applyMemberEvent(start, ev('MEMBER_ROLES_CHANGED', { memberKey: '0x04a', roles: ['TOKEN_MASTER'] }))
        .nodes[0]?.roles,
    ).toEqual(['TOKEN_MASTER']);
    expect(applyMemberEvent(start, ev('MESSAGE_ADDED', { messageId: '0x1' }))).toBe(start);
    expect(applyMemberEvent(start, ev('MEMBER_UNBANNED', { memberKey: '0x04z' }))).toBe(start);
  });
});

describe('pending requests kept current by the live feed', () => {
  it('adds a received request and drops it once decided or canceled', () => {
    const received = applyRequestEvent(
      list<RequestRow>([]),
      ev('REQUEST_RECEIVED', { requestId: '0xr1', requesterKey: '0x04a' }),
    );
    expect(received.nodes).toEqual([
      { requestId: '0xr1', requesterKey: '0x04a', displayName: null, receivedAt: at },
    ]);
    expect(
      applyRequestEvent(received, ev('REQUEST_DECIDED', { requestId: '0xr1', decision: 'ACCEPT' })).nodes,
    ).toEqual([]);
    expect(applyRequestEvent(received, ev('REQUEST_CANCELED', { requestId: '0xr1' })).nodes).toEqual([]);
    expect(
      applyRequestEvent(received, ev('REQUEST_RECEIVED', { requestId: '0xr1', requesterKey: '0x04a' })),
    ).toBe(received);
  });
});

describe("a channel's messages kept current by the live feed", () => {
  const message = (messageId: string): MessageRow => ({
    messageId,
    authorKey: '0x04a',
    text: 'gm',
    timestamp: at,
    edited: false,
    deleted: false,
  });

  it("adds the channel's new message on top and ignores other channels'", () => {
    const start = list([message('0x1')]);
    const added = applyMessageEvent(
      start,
      'uuid-1',
      ev('MESSAGE_ADDED', { channelId: 'uuid-1', messageId: '0x2', authorKey: '0x04b', text: 'hi' }),
    );
    expect(added.nodes.map((row) => [row.messageId, row.text])).toEqual([
      ['0x2', 'hi'],
      ['0x1', 'gm'],
    ]);
    expect(
      applyMessageEvent(start, 'uuid-1', ev('MESSAGE_ADDED', { channelId: 'uuid-2', messageId: '0x3' })),
    ).toBe(start);
    expect(
      applyMessageEvent(start, 'uuid-1', ev('MESSAGE_ADDED', { channelId: 'uuid-1', messageId: '0x4' }))
        .nodes[0]?.text,
    ).toBe('(not text, or encrypted)');
  });

  it('edits and deletes in place', () => {
    const start = list([message('0x1')]);
    expect(
      applyMessageEvent(
        start,
        'uuid-1',
        ev('MESSAGE_EDITED', { channelId: 'uuid-1', messageId: '0x1', text: 'gn' }),
      ).nodes[0],
    ).toMatchObject({ text: 'gn', edited: true });
    expect(
      applyMessageEvent(start, 'uuid-1', ev('MESSAGE_DELETED', { channelId: 'uuid-1', messageId: '0x1' }))
        .nodes[0],
    ).toMatchObject({ text: '', deleted: true });
  });
});
