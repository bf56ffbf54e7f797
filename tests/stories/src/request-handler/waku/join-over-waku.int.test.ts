// End to end over a Waku devnet: the publisher, the indexer and the request handler run in-process on one
// database and Redis prefix (their packages' test fixtures, as devDependencies: apps import no other app in
// src). A devnet node stands in for the gateway: it publishes every waku.outbound job as queued and puts
// every message it relays on waku.inbound. A Status member built only from libs/protocol and libs/crypto
// sits two hops away.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Harness as IndexerHarness } from '@status-communities/indexer/testing';
import { startHarness } from '@status-communities/indexer/testing';
import { bigIntToUint64 } from '@status-communities/proto';
import { contentTopicForChatId } from '@status-communities/protocol';
import type { CreatedCommunity } from '@status-communities/publisher/testing';
import { createCommunity, newChannel } from '@status-communities/publisher/testing';
import { base64ToBytes } from '@status-communities/queue';
import type { InboundWakuMessage } from '@status-communities/queue';
import type { Devnet, SentMessage } from '@status-communities/testing';
import { latestDescription, startDevnet, StatusMember, waitFor } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import type { Harness } from '../harness.js';
import { createRequestHarness } from '../harness.js';
import type { GatewayStandIn } from './gateway-stand-in.js';
import { asQueued, startGatewayStandIn } from './gateway-stand-in.js';

describe('a Status member joins a hosted community over Waku, posts, and is banned', () => {
  let devnet: Devnet;
  let h: Harness;
  let indexer: IndexerHarness;
  let gateway: GatewayStandIn;
  let community: CreatedCommunity;
  const channelId = randomUUID();
  /** What the member's node received. */
  const seen: InboundWakuMessage[] = [];

  const memberNode = () => devnet.nodes[2] as WakuNode;
  /** Publishes from the member's node, again while its mesh has no peer on the shard (a busy machine). */
  const send = async (message: SentMessage) => {
    await waitFor(
      `the member's message out on ${message.pubsubTopic}`,
      async () => {
        const outcome = await memberNode().publish(message.pubsubTopic, {
          payload: message.payload,
          contentTopic: message.contentTopic,
          version: 1,
          timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
        });
        return outcome.status === 'published';
      },
      { timeoutMs: 30_000 },
    );
  };
  const descriptionFor = (
    predicate: (description: NonNullable<ReturnType<typeof latestDescription>>) => boolean,
  ) =>
    waitFor(
      'a description on 128 that matches',
      async () => {
        const description = latestDescription(seen, community.communityId);
        return description && predicate(description) ? description : undefined;
      },
      { timeoutMs: 60_000 },
    );

  beforeAll(async () => {
    devnet = await startDevnet({ nodes: 3 });
    h = await createRequestHarness('e2e');
    indexer = await startHarness({ db: h.p.db, prefix: h.p.prefix });
    await h.startHandler();
    community = await createCommunity(h.p, 'Over Waku');
    await indexer.indexer.routes.reload();

    gateway = startGatewayStandIn(devnet.nodes[0] as WakuNode, h.p.config.REDIS_URL, h.p.prefix);
    memberNode().subscribe((received) => seen.push(asQueued(received)));
  });
  afterAll(async () => {
    await gateway?.stop();
    await indexer?.stop();
    await h?.close();
    await devnet?.stop();
  });

  it('sees the description, joins (auto and manual), posts into the indexer, and disappears when banned', async () => {
    await h.p.command(newChannel(community.communityId, 'general', channelId));
    const first = await descriptionFor((description) => description.channels.has(channelId));
    // Where a Status app looks: the community's content topic on the control shard and legacy 32 (each copy
    // travels on its own, so one may arrive before the other).
    const descriptionShards = await waitFor('the description on both shards', async () => {
      const shards = new Set(
        seen
          .filter((message) => message.contentTopic === contentTopicForChatId(community.communityId))
          .map((message) => message.pubsubTopic),
      );
      return shards.size >= 2 ? shards : undefined;
    });
    expect(descriptionShards).toEqual(new Set(['/waku/2/rs/16/128', '/waku/2/rs/16/32']));
    expect(first.members.size).toBe(1);

    const alice = new StatusMember('alice');
    const request = alice.requestToJoin(community.communityId);
    await send({ ...request, payload: base64ToBytes(request.payload), messageId: '' });
    await descriptionFor((description) => description.members.has(alice.memberKey));
    await waitFor('the answer to alice', () => alice.responses(seen).length > 0, { timeoutMs: 60_000 });
    const [answer] = alice.responses(seen);
    expect(answer?.pubsubTopic).toBe('/waku/2/rs/16/64');
    expect(answer?.signer).toBe(community.ownerKey);
    expect(answer?.response.accepted).toBe(true);

    const post = alice.post(community.communityId, channelId, 'gm from a Status app');
    await send(post);
    const stored = await waitFor(
      'the indexer to store the post',
      () => h.p.prisma.message.findUnique({ where: { id: post.messageId } }).then((row) => row ?? undefined),
      { timeoutMs: 60_000 },
    );
    expect(stored).toMatchObject({
      authorKey: alice.memberKey,
      channelId: community.communityId + channelId,
    });

    await h.p.command({
      type: 'community.update',
      actor: 'api-key-owner',
      correlationId: randomUUID(),
      communityId: community.communityId,
      permissions: { access: 'MANUAL_ACCEPT' },
    });
    await descriptionFor((description) => description.permissions.access === 'MANUAL_ACCEPT');
    const bob = new StatusMember('bob');
    const bobRequest = bob.requestToJoin(community.communityId);
    await send({ ...bobRequest, payload: base64ToBytes(bobRequest.payload), messageId: '' });
    const pending = await waitFor(
      'bob pending',
      () =>
        h.p.prisma.requestToJoin
          .findFirst({ where: { requesterKey: bob.memberKey, state: 'PENDING' } })
          .then((row) => row ?? undefined),
      { timeoutMs: 60_000 },
    );
    const decided = await h.submit({
      type: 'request.decide',
      actor: 'api-key-admin',
      correlationId: randomUUID(),
      communityId: community.communityId,
      requestId: pending.id,
      decision: 'accept',
    });
    expect(decided.returnvalue).toMatchObject({ outcome: 'accepted' });
    await descriptionFor((description) => description.members.has(bob.memberKey));

    const ban = await h.submit({
      type: 'member.ban',
      actor: 'api-key-moderator',
      correlationId: randomUUID(),
      communityId: community.communityId,
      memberKey: alice.memberKey,
      deleteAllMessages: false,
    });
    expect(ban.returnvalue).toMatchObject({ outcome: 'banned' });
    const after = await descriptionFor((description) => description.bannedMembers.has(alice.memberKey));
    expect(after.members.has(alice.memberKey)).toBe(false);
    expect(after.members.has(bob.memberKey)).toBe(true);
  });
});
