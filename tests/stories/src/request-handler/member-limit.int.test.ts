import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_AUTO_ACCEPT_MEMBERS } from '@status-communities/protocol';
import type { CreatedCommunity } from '@status-communities/publisher/testing';
import { createCommunity } from '@status-communities/publisher/testing';
import { latestDescription, StatusMember } from '@status-communities/testing';
import type { Harness } from './harness.js';
import { createRequestHarness, outcomeOf } from './harness.js';

describe(`request handler: past ${MAX_AUTO_ACCEPT_MEMBERS} members`, () => {
  let h: Harness;
  let community: CreatedCommunity;

  beforeAll(async () => {
    h = await createRequestHarness('member-limit');
    await h.startHandler();
    community = await createCommunity(h.p, 'Crowded');
    // The owner plus enough members to reach the limit (what a long AUTO_ACCEPT life leaves behind).
    await h.p.prisma.member.createMany({
      data: Array.from({ length: MAX_AUTO_ACCEPT_MEMBERS - 1 }, (_, index) => ({
        communityId: community.communityId,
        memberKey: `0x04${index.toString(16).padStart(128, '0')}`,
        joinedAt: new Date(),
      })),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an AUTO_ACCEPT community turns MANUAL_ACCEPT and keeps the request pending, as status-go does', async () => {
    const late = new StatusMember('one more');
    const job = await h.inbound(community.communityId, late.requestToJoin(community.communityId));
    expect(outcomeOf(job)).toMatchObject({ outcome: 'pending', reason: 'member-limit-reached' });
    const row = await h.p.prisma.community.findUniqueOrThrow({ where: { id: community.communityId } });
    expect(row.access).toBe('MANUAL_ACCEPT');
    expect(row.clock).toBeGreaterThan(BigInt(community.clock));
    await h.settle();
    const description = latestDescription(await h.p.takeOutbound(), community.communityId);
    expect(description?.permissions.access).toBe('MANUAL_ACCEPT');
    expect(description?.members.has(late.memberKey)).toBe(false);
  });
});
