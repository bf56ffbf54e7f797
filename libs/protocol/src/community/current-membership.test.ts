import { describe, expect, it } from '@jest/globals';
import { status } from '@status-communities/proto';
import { withCurrentMembership } from './current-membership.js';
import { canPost } from './permissions.js';
import {
  COMMUNITY_ID,
  GENERAL,
  alice,
  channel,
  member,
  memberMap,
  outsider,
  owner,
  roundTrip,
  sampleInput,
  viewer,
} from './testing/fixtures.js';

const CHAT = status.ApplicationMetadataMessage.Type.CHAT_MESSAGE;
const GATED = 'bbbbbbbb-0000-4000-8000-000000000000';

/** The sample community with a token-gated channel whose own member list holds the owner and alice. */
const published = () => {
  const input = sampleInput();
  return roundTrip({
    ...input,
    channels: new Map([
      ...input.channels,
      [GATED, channel(GATED, { members: memberMap(member(owner, ['OWNER']), member(alice)) })],
    ]),
    tokenPermissions: new Map([
      [
        'gate',
        {
          id: 'gate',
          type: 'CAN_VIEW_CHANNEL',
          criteria: [],
          chatIds: [COMMUNITY_ID + GATED],
          isPrivate: false,
        },
      ],
    ]),
  });
};

const reason = (result: ReturnType<typeof canPost>) => (result.ok ? 'ok' : result.error.details['reason']);

describe('withCurrentMembership', () => {
  it('lets a member accepted after the last description post in every channel that is not token-gated', () => {
    const description = published();
    expect(reason(canPost(description, GENERAL, viewer.memberKey, CHAT))).toBe('not-a-member');

    const current = withCurrentMembership(description, {
      members: new Map([...description.members, [viewer.memberKey, member(viewer)]]),
      bannedMembers: description.bannedMembers,
    });
    expect(reason(canPost(current, GENERAL, viewer.memberKey, CHAT))).toBe('ok');
    // A token-gated channel's list is its own: joining the community does not add to it.
    expect(reason(canPost(current, GATED, viewer.memberKey, CHAT))).toBe('not-a-channel-member');
    expect(current.clock).toBe(description.clock);
  });

  it('refuses a member removed or banned since the last description everywhere', () => {
    const description = published();
    expect(reason(canPost(description, GATED, alice.memberKey, CHAT))).toBe('ok');

    const members = new Map(description.members);
    members.delete(alice.memberKey);
    const left = withCurrentMembership(description, { members, bannedMembers: description.bannedMembers });
    expect(reason(canPost(left, GENERAL, alice.memberKey, CHAT))).toBe('not-a-member');
    expect(reason(canPost(left, GATED, alice.memberKey, CHAT))).toBe('not-a-member');
    expect(left.channels.get(GATED)?.members.has(alice.memberKey)).toBe(false);

    const banned = withCurrentMembership(description, {
      members,
      bannedMembers: new Map([
        [outsider.memberKey, { deleteAllMessages: false }],
        [alice.memberKey, { deleteAllMessages: true }],
      ]),
    });
    expect(reason(canPost(banned, GENERAL, alice.memberKey, CHAT))).toBe('banned');
    expect(reason(canPost(banned, GENERAL, owner.memberKey, CHAT))).toBe('ok');
  });
});
