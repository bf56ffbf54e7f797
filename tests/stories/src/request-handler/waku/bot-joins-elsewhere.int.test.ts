// A bot of one platform joins a community whose control node is another platform, over a Waku devnet:
// platform A (publisher and indexer: the bot's side, watching the community) behind node 0, platform B
// (publisher, request handler and indexer: the community's control node) behind node 2. Each platform has
// its own database and Redis prefix; they meet only on Waku.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unwrap } from '@status-communities/errors';
import type { Harness as IndexerHarness } from '@status-communities/indexer/testing';
import { startHarness } from '@status-communities/indexer/testing';
import { SecretKey } from '@status-communities/keyring';
import type { CreatedCommunity, Harness as PublisherHarness } from '@status-communities/publisher/testing';
import { createCommunity, createHarness, newChannel } from '@status-communities/publisher/testing';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, waitFor } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import type { Harness } from '../harness.js';
import { createRequestHarness } from '../harness.js';
import type { GatewayStandIn } from './gateway-stand-in.js';
import { startGatewayStandIn } from './gateway-stand-in.js';

describe('a bot joins a community run by another control node, and posts', () => {
  let devnet: Devnet;
  /** Platform A: the bot's. */
  let a: PublisherHarness;
  let aIndexer: IndexerHarness;
  /** Platform B: the community's control node. */
  let b: Harness;
  let bIndexer: IndexerHarness;
  const gateways: GatewayStandIn[] = [];
  let community: CreatedCommunity;
  const channelId = randomUUID();
  const bot = SecretKey.generate();
  const wallet = SecretKey.generate();

  beforeAll(async () => {
    devnet = await startDevnet({ nodes: 3 });
    [a, b] = await Promise.all([createHarness('bot-side'), createRequestHarness('control-node')]);
    await a.start();
    await b.startHandler();
    [aIndexer, bIndexer] = await Promise.all([
      startHarness({ db: a.db, prefix: a.prefix }),
      startHarness({ db: b.p.db, prefix: b.p.prefix }),
    ]);
    community = await createCommunity(b.p, 'Elsewhere');
    await bIndexer.indexer.routes.reload();
    await aIndexer.watch(community.communityId);
    gateways.push(
      startGatewayStandIn(devnet.nodes[0] as WakuNode, a.config.REDIS_URL, a.prefix),
      startGatewayStandIn(devnet.nodes[2] as WakuNode, b.p.config.REDIS_URL, b.p.prefix),
    );

    // The bot and its wallet live in A's keyring only.
    const identity = unwrap(await a.keyring.import('IDENTITY_KEY', bot, a.tenantId, { actor: 'e2e' }));
    unwrap(await a.keyring.import('WALLET_KEY', wallet, a.tenantId, { actor: 'e2e' }));
    await a.prisma.identity.create({
      data: {
        tenantId: a.tenantId,
        publicKey: bot.publicKeyHex,
        displayName: 'Visiting Bot',
        keyId: identity.id,
      },
    });
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await aIndexer?.stop();
    await bIndexer?.stop();
    await a?.close();
    await b?.close();
    await devnet?.stop();
  });

  it("requests to join with a revealed wallet, is listed by the owner's description, and its message is stored there", async () => {
    // B publishes a change; A's indexer reads the description off Waku.
    await b.p.command(newChannel(community.communityId, 'general', channelId));
    await waitFor(
      "A to know B's community and channel",
      async () =>
        (await a.prisma.channel.findUnique({ where: { id: community.communityId + channelId } })) ??
        undefined,
      { timeoutMs: 60_000 },
    );

    const join = await a.botCommand({
      type: 'community.request-to-join',
      actor: 'api-key-bots',
      correlationId: randomUUID(),
      botKey: bot.publicKeyHex,
      communityId: community.communityId,
      revealedAddresses: [wallet.address],
    });
    expect(join.failedReason).toBeUndefined();
    // A keeps the bot's own request, as sent.
    expect(
      await a.prisma.requestToJoin.findUnique({ where: { id: join.returnvalue.messageId } }),
    ).toMatchObject({ requesterKey: bot.publicKeyHex, state: 'PENDING' });

    // B's control node accepted it, with the revealed wallet, and published a description listing the bot…
    const request = await waitFor(
      'B to accept the request',
      async () =>
        (await b.p.prisma.requestToJoin.findFirst({
          where: { requesterKey: bot.publicKeyHex, state: 'ACCEPTED' },
        })) ?? undefined,
      { timeoutMs: 60_000 },
    );
    // The app sends the address in its EIP-55 mixed case.
    const [revealed] = request.revealedAccounts as { address: string; isAirdropAddress: boolean }[];
    expect(revealed?.address.toLowerCase()).toBe(wallet.address.toLowerCase());
    expect(revealed?.isAirdropAddress).toBe(true);
    // …which A read: the bot is a member where it matters, in the owner's description.
    await waitFor(
      'A to see the bot in the description',
      async () =>
        (
          await a.prisma.member.findUnique({
            where: {
              communityId_memberKey: { communityId: community.communityId, memberKey: bot.publicKeyHex },
            },
          })
        )?.state === 'ACTIVE',
      { timeoutMs: 60_000 },
    );

    const post = await a.botCommand({
      type: 'message.send',
      actor: 'api-key-bots',
      correlationId: randomUUID(),
      botKey: bot.publicKeyHex,
      communityId: community.communityId,
      channelId,
      text: 'hello from another platform',
    });
    expect(post.failedReason).toBeUndefined();
    const stored = await waitFor(
      "B's indexer to store the bot's message",
      async () =>
        (await b.p.prisma.message.findUnique({ where: { id: post.returnvalue.messageId } })) ?? undefined,
      { timeoutMs: 60_000 },
    );
    expect(stored).toMatchObject({
      authorKey: bot.publicKeyHex,
      channelId: community.communityId + channelId,
    });
  });
});
