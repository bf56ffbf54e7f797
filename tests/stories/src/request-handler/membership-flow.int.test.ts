import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unwrap } from '@status-communities/errors';
import { SecretKey } from '@status-communities/keyring';
import { uint64ToBigInt } from '@status-communities/proto';
import {
  contentTopicForChatId,
  readCommunityDescription,
  requestClockSeconds,
  unwrapApplicationMessage,
  decodeInnerMessage,
} from '@status-communities/protocol';
import type { CreatedCommunity } from '@status-communities/publisher/testing';
import { createCommunity } from '@status-communities/publisher/testing';
import type { OutboundWakuMessage } from '@status-communities/queue';
import { base64ToBytes } from '@status-communities/queue';
import { asInbound, latestDescription, StatusMember } from '@status-communities/testing';
import type { Harness } from './harness.js';
import { createRequestHarness, outcomeOf } from './harness.js';

const CONTROL = '/waku/2/rs/16/128';
const RESPONSES = '/waku/2/rs/16/64';

describe('request handler: members join, leave and are moderated as in status-go', () => {
  let h: Harness;
  let community: CreatedCommunity;
  /** Everything the services queued for Waku so far, oldest first. */
  const sent: OutboundWakuMessage[] = [];

  const drain = async (): Promise<OutboundWakuMessage[]> => {
    await h.settle();
    // The publisher and the handler queue first and record after: wait for both to be idle.
    const taken = await h.p.waitForOutbound(0);
    sent.push(...taken);
    return taken;
  };
  const storedClock = async () =>
    Number((await h.p.prisma.community.findUniqueOrThrow({ where: { id: community.communityId } })).clock);
  const published = () => latestDescription(sent, community.communityId, CONTROL);
  const memberState = async (memberKey: string) =>
    (
      await h.p.prisma.member.findUnique({
        where: { communityId_memberKey: { communityId: community.communityId, memberKey } },
      })
    )?.state;
  const command = (type: 'member.kick' | 'member.unban', memberKey: string) => ({
    type,
    actor: 'api-key-moderator',
    correlationId: randomUUID(),
    communityId: community.communityId,
    memberKey,
  });

  beforeAll(async () => {
    h = await createRequestHarness('flow');
    await h.startHandler();
    community = await createCommunity(h.p, 'Join us');
    // The first description, as a Status app finds the community, on the spec's control shard.
    const { publishing } = await h.p.prisma.community
      .findUniqueOrThrow({ where: { id: community.communityId } })
      .then((row) => ({ publishing: row.lastPublishedClock }));
    expect(publishing).not.toBeNull();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('AUTO_ACCEPT: accepts at once, answers on the partitioned topic with the description that lists the member', async () => {
    const alice = new StatusMember('alice');
    const before = await storedClock();
    const job = await h.inbound(community.communityId, alice.requestToJoin(community.communityId));
    expect(outcomeOf(job)).toMatchObject({ outcome: 'accepted', reason: 'auto-accept' });
    expect(await storedClock()).toBeGreaterThan(before);
    expect(await memberState(alice.memberKey)).toBe('ACTIVE');

    const out = await drain();
    const [answer, ...more] = alice.responses(out);
    expect(more).toEqual([]);
    expect(answer?.pubsubTopic).toBe(RESPONSES);
    expect(answer?.signer).toBe(community.ownerKey);
    expect(answer?.response.accepted).toBe(true);
    const carried = unwrap(
      unwrapApplicationMessage(answer?.response.communityDescriptionProtocolMessage ?? new Uint8Array()),
    );
    const inner = unwrap(decodeInnerMessage(carried.type, carried.payload));
    if (inner.typeName !== 'COMMUNITY_DESCRIPTION') throw new Error(inner.typeName);
    const carriedModel = unwrap(readCommunityDescription(inner.message, community.communityId));
    expect(carriedModel.members.has(alice.memberKey)).toBe(true);
    expect(uint64ToBigInt(answer?.response.clock ?? 0)).toBe(BigInt(carriedModel.clock));
    expect(answer?.response.grant.length).toBeGreaterThan(65);

    // The next description on the wire lists alice.
    expect(published()?.members.has(alice.memberKey)).toBe(true);
    const events = (await h.events()).filter((event) => 'requesterKey' in event || 'memberKey' in event);
    expect(events.map((event) => event.type)).toEqual([
      'request.received',
      'request.decided',
      'member.joined',
    ]);
    const audit = await h.p.prisma.auditLogEntry.findFirst({
      where: { action: 'request.join' },
      orderBy: { id: 'desc' },
    });
    expect(audit).toMatchObject({ actor: alice.memberKey, result: 'SUCCESS' });
  });

  it('a request handled twice (Waku duplicate, retried job) changes nothing twice', async () => {
    const bob = new StatusMember('bob');
    const request = bob.requestToJoin(community.communityId);
    expect(outcomeOf(await h.inbound(community.communityId, request))).toMatchObject({ outcome: 'accepted' });
    await drain();
    const clock = await storedClock();
    const eventCount = (await h.events()).length;
    // The same message again, under another job id (a second gateway, a store back-fill).
    const again = await h.submit({
      type: 'request.inbound',
      correlationId: randomUUID(),
      communityId: community.communityId,
      message: request,
    });
    expect(outcomeOf(again)).toMatchObject({ outcome: 'unchanged' });
    const out = await drain();
    expect(await storedClock()).toBe(clock);
    expect((await h.events()).length).toBe(eventCount);
    expect(bob.responses(out)).toEqual([]);
    expect(
      await h.p.prisma.memberEvent.count({
        where: { communityId: community.communityId, memberKey: bob.memberKey },
      }),
    ).toBe(1);
  });

  it('a member who leaves disappears from the next description and may request again', async () => {
    const carol = new StatusMember('carol');
    const joined = requestClockSeconds(Date.now()) - 10;
    await h.inbound(
      community.communityId,
      carol.requestToJoin(community.communityId, { clockSeconds: joined }),
    );
    await drain();
    const left = await h.inbound(community.communityId, carol.requestToLeave(community.communityId));
    expect(outcomeOf(left)).toMatchObject({ outcome: 'left' });
    await drain();
    expect(published()?.members.has(carol.memberKey)).toBe(false);
    expect(await memberState(carol.memberKey)).toBe('LEFT');
    // The old request again is a replay; a new one is accepted.
    const replay = await h.submit({
      type: 'request.inbound',
      correlationId: randomUUID(),
      communityId: community.communityId,
      message: carol.requestToJoin(community.communityId, { clockSeconds: joined }),
    });
    expect(outcomeOf(replay)).toMatchObject({ outcome: 'refused', reason: 'replayed' });
    const back = await h.inbound(community.communityId, carol.requestToJoin(community.communityId));
    expect(outcomeOf(back)).toMatchObject({ outcome: 'accepted' });
    await drain();
    expect(published()?.members.has(carol.memberKey)).toBe(true);
  });

  it('MANUAL_ACCEPT: keeps the request pending until an admin decides; accept and decline both answer', async () => {
    await h.p.command({
      type: 'community.update',
      actor: 'api-key-owner',
      correlationId: randomUUID(),
      communityId: community.communityId,
      permissions: { access: 'MANUAL_ACCEPT' },
    });
    await drain();
    const dave = new StatusMember('dave');
    const erin = new StatusMember('erin');
    const davePending = outcomeOf(
      await h.inbound(community.communityId, dave.requestToJoin(community.communityId)),
    );
    const erinPending = outcomeOf(
      await h.inbound(community.communityId, erin.requestToJoin(community.communityId)),
    );
    expect(davePending).toMatchObject({ outcome: 'pending', reason: 'manual-accept' });
    expect(erinPending).toMatchObject({ outcome: 'pending' });
    expect(await memberState(dave.memberKey)).toBeUndefined();
    expect(
      await h.p.prisma.requestToJoin.findUnique({ where: { id: davePending.requestId ?? '' } }),
    ).toMatchObject({ state: 'PENDING' });
    expect(dave.responses(await drain())).toEqual([]);

    const decide = (requestId: string, decision: 'accept' | 'decline') =>
      h.submit({
        type: 'request.decide',
        actor: 'api-key-admin',
        correlationId: randomUUID(),
        communityId: community.communityId,
        requestId,
        decision,
      });
    expect(outcomeOf(await decide(davePending.requestId ?? '', 'accept'))).toMatchObject({
      outcome: 'accepted',
    });
    expect(outcomeOf(await decide(erinPending.requestId ?? '', 'decline'))).toMatchObject({
      outcome: 'declined',
    });
    const out = await drain();
    expect(dave.responses(out).map((answer) => answer.response.accepted)).toEqual([true]);
    expect(erin.responses(out).map((answer) => answer.response.accepted)).toEqual([false]);
    expect(published()?.members.has(dave.memberKey)).toBe(true);
    expect(published()?.members.has(erin.memberKey)).toBe(false);
    const decided = (await h.events()).filter(
      (event) => event.type === 'request.decided' && event.decidedBy === 'admin',
    );
    expect(decided.map((event) => event.type === 'request.decided' && event.decision)).toEqual([
      'accepted',
      'declined',
    ]);
    // Deciding again is a no-op; a declined request cannot be accepted afterwards.
    expect(outcomeOf(await decide(davePending.requestId ?? '', 'accept'))).toMatchObject({
      outcome: 'unchanged',
    });
    const conflict = await decide(erinPending.requestId ?? '', 'accept');
    expect(conflict.failedReason).toMatch(/declined, not pending/);
    expect(conflict.attemptsMade).toBe(1);
  });

  it('a pending request can be canceled', async () => {
    const frank = new StatusMember('frank');
    const pending = outcomeOf(
      await h.inbound(community.communityId, frank.requestToJoin(community.communityId)),
    );
    expect(pending.outcome).toBe('pending');
    const canceled = await h.inbound(
      community.communityId,
      frank.cancelRequest(community.communityId, await storedClock()),
    );
    expect(outcomeOf(canceled)).toMatchObject({ outcome: 'canceled' });
    expect(
      await h.p.prisma.requestToJoin.findUnique({ where: { id: pending.requestId ?? '' } }),
    ).toMatchObject({
      state: 'CANCELED',
    });
    expect((await h.events()).at(-1)).toMatchObject({
      type: 'request.canceled',
      requesterKey: frank.memberKey,
    });
  });

  it('kick removes a member; ban removes, lists and deletes messages; unban lifts the ban', async () => {
    const [alice] = (
      await h.p.prisma.member.findMany({
        where: { communityId: community.communityId, state: 'ACTIVE', roles: { isEmpty: true } },
        orderBy: { joinedAt: 'asc' },
        take: 2,
      })
    ).map((member) => member.memberKey);
    const gina = new StatusMember('gina');
    await h.p.prisma.member.create({
      data: { communityId: community.communityId, memberKey: gina.memberKey, joinedAt: new Date() },
    });
    if (!alice) throw new Error('no member to kick');

    expect(outcomeOf(await h.submit(command('member.kick', alice)))).toMatchObject({ outcome: 'kicked' });
    await drain();
    expect(published()?.members.has(alice)).toBe(false);
    expect(await memberState(alice)).toBe('KICKED');

    const ban = await h.submit({
      type: 'member.ban',
      actor: 'api-key-moderator',
      correlationId: randomUUID(),
      communityId: community.communityId,
      memberKey: gina.memberKey,
      deleteAllMessages: true,
    });
    expect(outcomeOf(ban)).toMatchObject({ outcome: 'banned' });
    const out = await drain();
    const description = published();
    expect(description?.members.has(gina.memberKey)).toBe(false);
    expect(description?.bannedMembers.get(gina.memberKey)).toEqual({ deleteAllMessages: true });
    const deletions = out.filter(
      (message) =>
        message.contentTopic === contentTopicForChatId(community.communityId) &&
        !latestDescription([message], community.communityId, message.pubsubTopic),
    );
    expect(deletions.map((message) => message.pubsubTopic).sort()).toEqual([CONTROL, '/waku/2/rs/16/32']);
    expect((await h.events()).filter((event) => event.type === 'member.banned')).toHaveLength(1);

    // Banned: a request is refused and changes nothing.
    const refused = await h.inbound(community.communityId, gina.requestToJoin(community.communityId));
    expect(outcomeOf(refused)).toMatchObject({ outcome: 'refused', code: 'FORBIDDEN', reason: 'banned' });

    expect(outcomeOf(await h.submit(command('member.unban', gina.memberKey)))).toMatchObject({
      outcome: 'unbanned',
    });
    await drain();
    expect(published()?.bannedMembers.has(gina.memberKey)).toBe(false);
    expect(outcomeOf(await h.submit(command('member.unban', gina.memberKey)))).toMatchObject({
      outcome: 'unchanged',
    });
  });

  it('a bot of this platform joins a community hosted here (its request comes back through the gateway)', async () => {
    const home = await createCommunity(h.p, 'Home');
    const bot = SecretKey.generate();
    const wallet = SecretKey.generate();
    const identity = unwrap(await h.p.keyring.import('IDENTITY_KEY', bot, h.p.tenantId, { actor: 'test' }));
    unwrap(await h.p.keyring.import('WALLET_KEY', wallet, h.p.tenantId, { actor: 'test' }));
    await h.p.prisma.identity.create({
      data: {
        tenantId: h.p.tenantId,
        publicKey: bot.publicKeyHex,
        displayName: 'Home Bot',
        keyId: identity.id,
      },
    });
    const join = await h.p.botCommand({
      type: 'community.request-to-join',
      actor: 'api-key-bots',
      correlationId: randomUUID(),
      botKey: bot.publicKeyHex,
      communityId: home.communityId,
      revealedAddresses: [wallet.address],
    });
    expect(join.failedReason).toBeUndefined();
    // One copy per request shard (64, 128), each relayed back to this platform's indexer and forwarded.
    const copies = await h.p.waitForOutbound(2);
    const outcomes = [];
    for (const copy of copies)
      outcomes.push(
        outcomeOf(
          await h.inbound(
            home.communityId,
            asInbound(copy.pubsubTopic, copy.contentTopic, base64ToBytes(copy.payload)),
          ),
        ).outcome,
      );
    expect(outcomes).toEqual(['accepted', 'unchanged']);
    await h.settle();
    const out = await h.p.takeOutbound();
    expect(latestDescription(out, home.communityId)?.members.has(bot.publicKeyHex)).toBe(true);
  });

  it('the owner cannot be kicked or banned', async () => {
    const job = await h.submit(command('member.kick', community.ownerKey));
    expect(job.failedReason).toMatch(/owner/);
    expect(job.attemptsMade).toBe(1);
    const audit = await h.p.prisma.auditLogEntry.findFirst({
      where: { action: 'member.kick', result: 'FAILURE' },
    });
    expect(audit?.errorCode).toBe('FORBIDDEN');
  });
});
