// Issue #17's story: a stock @waku/sdk 0.0.36 light node — its own Store, Filter and LightPush clients, its own
// websocket transport, nothing of ours on its side — uses a community hosted here through our gateways alone:
// every service as a process from its build, two gateways on a devnet, GraphQL for everything else.
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createDecoder, createEncoder } from '@waku/message-encryption/symmetric';
import type { IDecodedMessage, IDecoder, LightNode } from '@waku/sdk';
import { Protocols, createLightNode, waitForRemotePeer } from '@waku/sdk';
import { createRoutingInfo } from '@waku/utils';
import {
  bytesToPrefixedHex,
  compressPublicKey,
  decodeSymmetric,
  symKeyFor,
} from '@status-communities/crypto';
import { bigIntToUint64 } from '@status-communities/proto';
import { contentTopicForChatId, memberUpdateChatId } from '@status-communities/protocol';
import { base64ToBytes } from '@status-communities/queue';
import { StatusMember, freePort } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { STATUS_CLUSTER_ID, generateNodeKey, peerIdOfNodeKey } from '@status-communities/waku';
import { storyProcesses } from './processes.js';

// Seven processes and a devnet on a busy 2-core machine.
jest.setTimeout(300_000);

/** Each gateway's websocket address, known up front: its node key (peer id) and port are ours to choose. */
const gateways: { name: string; peerId: string; websocket: string }[] = [];
const lights: LightNode[] = [];
const platform = storyProcesses('light', {
  beforeStop: async () => {
    for (const light of lights) light.filter.unsubscribeAll();
    await Promise.all(lights.map((light) => light.stop()));
  },
});
const { services, gql } = platform;

const startGateway = async (name: string) => {
  const key = await generateNodeKey();
  const peerId = peerIdOfNodeKey(key) as string;
  const wsPort = await freePort();
  await platform.startGateway(name, { WAKU_WS_PORT: String(wsPort), WAKU_NODE_KEY: key });
  gateways.push({ name, peerId, websocket: `/ip4/127.0.0.1/tcp/${wsPort}/ws/p2p/${peerId}` });
};

/** The stock light node as status-web runs it: cluster 16, websockets, no bootstrap of Waku's own fleets. */
const lightNode = async (options: Parameters<typeof createLightNode>[0] = {}): Promise<LightNode> => {
  const light = await createLightNode({
    defaultBootstrap: false,
    networkConfig: { clusterId: STATUS_CLUSTER_ID },
    libp2p: { hideWebSocketInfo: true },
    ...options,
  });
  lights.push(light);
  await light.start();
  return light;
};

const routing = (shard: number) => createRoutingInfo({ clusterId: STATUS_CLUSTER_ID }, { shardId: shard });
/** The signer of a version-1 envelope, as a compressed `0x…` key (a community id when the community signed). */
const signerOf = (message: IDecodedMessage): string | undefined => {
  const key = (message as IDecodedMessage & { signaturePublicKey?: Uint8Array }).signaturePublicKey;
  if (key === undefined) return undefined;
  const compressed = compressPublicKey(key);
  return compressed.ok ? bytesToPrefixedHex(compressed.value) : undefined;
};
const uncompressedSignerOf = (message: IDecodedMessage): string | undefined => {
  const key = (message as IDecodedMessage & { signaturePublicKey?: Uint8Array }).signaturePublicKey;
  return key === undefined ? undefined : bytesToPrefixedHex(key);
};

/** Every message Store gives for `decoder`, paging as the stock client does. */
const stored = async (light: LightNode, decoder: IDecoder<IDecodedMessage>): Promise<IDecodedMessage[]> => {
  const messages: IDecodedMessage[] = [];
  for await (const page of light.store.queryGenerator([decoder]))
    for (const message of await Promise.all(page)) if (message !== undefined) messages.push(message);
  return messages;
};

beforeAll(async () => {
  await startGateway('waku-gateway-1');
  await startGateway('waku-gateway-2');
  await platform.startService('indexer', 'indexer');
  await platform.startService('publisher', 'publisher', { ...platform.keyring, PUBLISH_DEBOUNCE_MS: '0' });
  await platform.startService('request-handler', 'request-handler', platform.keyring);
  await platform.startApi();
});

describe('a stock @waku/sdk light node and a community hosted here, through our gateways only', () => {
  it('reads it from Store, follows it by Filter, posts by LightPush, and finds the second gateway', async () => {
    const [first, second] = gateways as [(typeof gateways)[0], (typeof gateways)[0]];
    const { createCommunity } = await gql<{ createCommunity: { userErrors: unknown[] } }>(
      `mutation { createCommunity(input: { identity: { name: "Light", description: "Seen from a browser",
        color: "#4360df" }, access: AUTO_ACCEPT, idempotencyKey: "light" }) { userErrors { code message } } }`,
    );
    expect(createCommunity.userErrors).toEqual([]);
    const communityId = await services.waitFor(
      'the community published',
      async () =>
        (
          await gql<{
            communities: { edges: { node: { communityId: string; lastPublishedAt: string | null } }[] };
          }>('{ communities(filter: { kind: HOSTED }) { edges { node { communityId lastPublishedAt } } } }')
        ).communities.edges.find((edge) => edge.node.lastPublishedAt !== null)?.node.communityId,
      { timeoutMs: 60_000 },
    );
    const { createChannel } = await gql<{ createChannel: { channelId: string; userErrors: unknown[] } }>(
      `mutation ($id: String!) { createChannel(input: { communityId: $id, name: "general", color: "#4360df" }) {
        channelId userErrors { code message } } }`,
      { id: communityId },
    );
    expect(createChannel.userErrors).toEqual([]);
    const channelUuid = createChannel.channelId;

    // 1. The light node knows one gateway, by its websocket address, and finds Store, Filter and LightPush there.
    const light = await lightNode();
    await light.dial(first.websocket);
    await waitForRemotePeer(light, [Protocols.Store, Protocols.Filter, Protocols.LightPush]);

    // 2. Store: the community's descriptions, on every shard Status clients read them from (32, 128, 256).
    const descriptionTopic = contentTopicForChatId(communityId);
    const descriptionKey = symKeyFor(communityId);
    const perShard = await services.waitFor(
      'descriptions in the gateway Store',
      async () => {
        const counts = new Map<number, IDecodedMessage[]>();
        for (const shard of [32, 128, 256])
          counts.set(
            shard,
            await stored(light, createDecoder(descriptionTopic, routing(shard), descriptionKey)),
          );
        // The publisher's default description shards: 128 (the spec's) and 32 (status-go's default); none on 256.
        return counts.get(128)?.length && counts.get(32)?.length ? counts : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(perShard.get(256)).toEqual([]);
    for (const messages of perShard.values())
      for (const message of messages) expect(signerOf(message)).toBe(communityId);

    // 3. Filter: the next description, and a bot's post.
    const memberUpdate = memberUpdateChatId(communityId);
    const chatTopic = contentTopicForChatId(memberUpdate);
    const pushed: IDecodedMessage[] = [];
    // One subscription per pubsub topic: the stock client takes one topic at a time.
    for (const decoder of [
      createDecoder(descriptionTopic, routing(128), descriptionKey),
      createDecoder(chatTopic, routing(256), symKeyFor(memberUpdate)),
    ])
      expect(await light.filter.subscribe(decoder, (message) => void pushed.push(message))).toBe(true);
    const { updateCommunity } = await gql<{ updateCommunity: { userErrors: unknown[] } }>(
      `mutation ($id: String!) { updateCommunity(input: { communityId: $id,
        identity: { description: "Seen from a browser, live" } }) { userErrors { code message } } }`,
      { id: communityId },
    );
    expect(updateCommunity.userErrors).toEqual([]);
    await services.waitFor(
      'the next description pushed by Filter',
      async () =>
        pushed.find(
          (message) => message.contentTopic === descriptionTopic && signerOf(message) === communityId,
        ),
      { timeoutMs: 60_000 },
    );

    const { createBotIdentity } = await gql<{ createBotIdentity: { userErrors: unknown[] } }>(
      `mutation { createBotIdentity(input: { displayName: "light-bot", withWallet: true }) { userErrors { code message } } }`,
    );
    expect(createBotIdentity.userErrors).toEqual([]);
    const bot = await services.waitFor('the bot identity', async () =>
      (
        await gql<{
          botIdentities: { publicKey: string; displayName: string; walletAddress: string | null }[];
        }>('{ botIdentities { publicKey displayName walletAddress } }')
      ).botIdentities.find(
        (identity) => identity.displayName === 'light-bot' && identity.walletAddress !== null,
      ),
    );
    const { botRequestToJoin } = await gql<{ botRequestToJoin: { userErrors: unknown[] } }>(
      `mutation ($input: BotRequestToJoinInput!) { botRequestToJoin(input: $input) { userErrors { code message } } }`,
      { input: { botKey: bot.publicKey, communityId, revealedAddresses: [bot.walletAddress] } },
    );
    expect(botRequestToJoin.userErrors).toEqual([]);
    const isMember = async (memberKey: string) =>
      (
        await gql<{ community: { members: { edges: { node: { memberKey: string } }[] } } | null }>(
          'query ($id: String!) { community(ref: { id: $id }) { members(first: 100) { edges { node { memberKey } } } } }',
          { id: communityId },
        )
      ).community?.members.edges.some(({ node }) => node.memberKey === memberKey) || undefined;
    await services.waitFor('the bot a member', () => isMember(bot.publicKey), { timeoutMs: 90_000 });
    // The publisher lets a bot post once a published description lists it: retried until one does.
    await services.waitFor(
      "the bot's post pushed by Filter",
      async () => {
        if (!pushed.some((message) => message.contentTopic === chatTopic)) {
          const { sendMessage } = await gql<{ sendMessage: { userErrors: { code: string }[] } }>(
            `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { userErrors { code message } } }`,
            {
              input: {
                bot: { botKey: bot.publicKey, communityId, channelId: channelUuid },
                text: 'gm from a bot',
              },
            },
          );
          expect(sendMessage.userErrors).toEqual([]);
        }
        return pushed.find(
          (message) => message.contentTopic === chatTopic && uncompressedSignerOf(message) === bot.publicKey,
        );
      },
      { timeoutMs: 90_000 },
    );

    // 4. LightPush: a member's chat message, as status-web sends one (js-waku's symmetric encoder, signed with the
    // member's key), stored by the indexer and served by GraphQL.
    const alice = new StatusMember('alice');
    const request = alice.requestToJoin(communityId);
    const relayNode = platform.devnet().nodes[1] as WakuNode;
    await services.waitFor(
      'the join request out',
      async () =>
        (
          await relayNode.publish(request.pubsubTopic, {
            payload: base64ToBytes(request.payload),
            contentTopic: request.contentTopic,
            version: 1,
            timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
          })
        ).status === 'published' || undefined,
    );
    await services.waitFor('alice a member', () => isMember(alice.memberKey), { timeoutMs: 90_000 });
    const post = alice.post(communityId, channelUuid, 'gm from a light client');
    const plaintext = decodeSymmetric(post.payload, symKeyFor(memberUpdate));
    if (!plaintext.ok) throw plaintext.error;
    const encoder = createEncoder({
      contentTopic: chatTopic,
      routingInfo: routing(256),
      symKey: symKeyFor(memberUpdate),
      sigPrivKey: alice.privateKey,
    });
    const sent = await light.lightPush.send(encoder, { payload: plaintext.value.data });
    expect(sent.failures).toEqual([]);
    const message = await services.waitFor(
      'the pushed message in GraphQL',
      async () =>
        (
          await gql<{
            messages: { edges: { node: { messageId: string; authorKey: string; text: string } }[] };
          }>(
            'query ($channel: String!) { messages(channelId: $channel) { edges { node { messageId authorKey text } } } }',
            { channel: communityId + channelUuid },
          )
        ).messages.edges.find(({ node }) => node.text === 'gm from a light client')?.node,
      { timeoutMs: 60_000 },
    );
    expect(message).toEqual({
      messageId: post.messageId,
      authorKey: alice.memberKey,
      text: 'gm from a light client',
    });
    // The channel's messages are in Store on the content shard too, the pushed one among them. Each gateway
    // archives what it relays in batches of its own, so the gateway the client asks may write it after the
    // indexer stored it: wait for it there.
    const channelDecoder = createDecoder(chatTopic, routing(256), symKeyFor(memberUpdate));
    await services.waitFor(
      "alice's and the bot's posts in Store",
      async () => {
        const signers = (await stored(light, channelDecoder)).map(uncompressedSignerOf);
        return (signers.includes(alice.memberKey) && signers.includes(bot.publicKey)) || undefined;
      },
      { timeoutMs: 60_000 },
    );

    // 5. Peer exchange: a light node that knows only the first gateway finds the second.
    const explorer = await lightNode({ discovery: { peerExchange: true, dns: false, peerCache: false } });
    const found = new Promise<string>((resolve) =>
      explorer.libp2p.addEventListener('peer:discovery', (event) => {
        if (event.detail.id.toString() === second.peerId)
          resolve(event.detail.multiaddrs.map(String).join(' '));
      }),
    );
    await explorer.dial(first.websocket);
    expect(await found).toContain(second.websocket.replace(`/p2p/${second.peerId}`, ''));
  });
});
