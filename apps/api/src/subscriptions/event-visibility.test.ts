import { describe, expect, it } from '@jest/globals';
import { communityIdOf, directMessageReceived, memberJoined, memberKeyOf } from '../testing/domain-events.js';
import { matchesFilter } from './event-filter.js';
import { canSee } from './event-visibility.js';
import type { EventViewer } from './event-visibility.js';

const OURS = '0190a1b2-0000-7000-8000-000000000001';
const THEIRS = '0190a1b2-0000-7000-8000-000000000002';
const BOT = memberKeyOf(1);
const PEER = memberKeyOf(2);
const dm = directMessageReceived(OURS, BOT, PEER, 1);

const viewer = (overrides: Partial<EventViewer> = {}): EventViewer => ({
  tenantId: OURS,
  scopes: ['MESSAGES_READ'],
  communityId: null,
  ...overrides,
});

describe("a bot's 1:1 events", () => {
  it('are seen by its tenant with messages:read, through keys not bound to a community', () => {
    expect(canSee(viewer(), dm, undefined)).toBe(true);
    expect(canSee(viewer({ scopes: ['ADMIN'] }), dm, undefined)).toBe(true);
    expect(canSee(viewer({ tenantId: THEIRS }), dm, undefined)).toBe(false);
    expect(canSee(viewer({ scopes: ['COMMUNITY_READ', 'MESSAGES_WRITE'] }), dm, undefined)).toBe(false);
    expect(canSee(viewer({ communityId: communityIdOf(1) }), dm, undefined)).toBe(false);
  });

  it('never match a community or channel filter; bot and peer filters match only them', () => {
    expect(matchesFilter(dm, {})).toBe(true);
    expect(matchesFilter(dm, { communityId: communityIdOf(1) })).toBe(false);
    expect(matchesFilter(dm, { channelId: 'general' })).toBe(false);
    expect(matchesFilter(dm, { botKey: BOT, peerKey: PEER })).toBe(true);
    expect(matchesFilter(dm, { botKey: PEER })).toBe(false);
    expect(matchesFilter(dm, { peerKey: BOT })).toBe(false);
    expect(matchesFilter(memberJoined(communityIdOf(1), 1), { botKey: BOT })).toBe(false);
  });
});
