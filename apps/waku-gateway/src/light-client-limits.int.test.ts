import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  encodeSymmetric,
  encryptGcmNonceLast,
  generatePrivateKey,
  symKeyFor,
} from '@status-communities/crypto';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { bigIntToUint64, waku } from '@status-communities/proto';
import { contentTopicForChatId } from '@status-communities/protocol';
import type { TypedQueue } from '@status-communities/queue';
import { QueueName, closeQueueResources, createQueue } from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, waitFor } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import {
  FILTER_SUBSCRIBE_CODEC,
  LIGHTPUSH_V3_CODEC,
  createWakuNode,
  pubsubTopicForShard,
} from '@status-communities/waku';
import type { Gateway } from './service.js';
import {
  metricValue,
  newCommunityId,
  startTestGateway,
  testConfig,
  testRedis,
  uniquePrefix,
} from './testing/fixtures.js';
import { rawExchange } from './testing/raw-exchange.js';

jest.setTimeout(60_000);

const SHARD = 256;
const PUBSUB_TOPIC = pubsubTopicForShard(SHARD);
const Type = waku.filter.v2.FilterSubscribeRequest.FilterSubscribeType;

/**
 * The gateway's limits as settings (FILTER_*, LIGHTPUSH_*), small here, and bad input from light clients: each
 * answered with the spec's code, counted in the gateway's series, and relay unaffected. Light clients here are
 * nodes of ours sending raw frames on the Filter and LightPush codecs: the stock client never sends most of these.
 */
describe('light-client limits and bad input at the gateway', () => {
  let devnet: Devnet;
  let db: TestDatabase;
  let gateway: Gateway;
  let queue: TypedQueue<typeof QueueName.WAKU_INBOUND>;
  let cleanup: () => Promise<void>;
  const clients: WakuNode[] = [];
  const communityId = newCommunityId();
  const chatId = `${communityId}-memberUpdate`;
  const chatTopic = contentTopicForChatId(chatId);
  const memberKey = generatePrivateKey();
  const utf8 = new TextEncoder();

  const filterRequest = async (
    client: WakuNode,
    fields: waku.filter.v2.FilterSubscribeRequest.$Properties | Uint8Array,
  ): Promise<waku.filter.v2.FilterSubscribeResponse> =>
    waku.filter.v2.FilterSubscribeResponse.decode(
      await rawExchange(
        client,
        gateway.node,
        FILTER_SUBSCRIBE_CODEC,
        fields instanceof Uint8Array
          ? fields
          : waku.filter.v2.FilterSubscribeRequest.encode({ requestId: 'limits', ...fields }).finish(),
      ),
    );
  const subscribe = (client: WakuNode, contentTopics: string[], pubsubTopic = PUBSUB_TOPIC) =>
    filterRequest(client, { filterSubscribeType: Type.SUBSCRIBE, pubsubTopic, contentTopics });

  const push = async (
    client: WakuNode,
    fields: waku.lightpush.LightPushRequestV3.$Properties | Uint8Array,
  ): Promise<waku.lightpush.LightPushResponseV3> =>
    waku.lightpush.LightPushResponseV3.decode(
      await rawExchange(
        client,
        gateway.node,
        LIGHTPUSH_V3_CODEC,
        fields instanceof Uint8Array
          ? fields
          : waku.lightpush.LightPushRequestV3.encode({
              requestId: 'limits',
              pubsubTopic: PUBSUB_TOPIC,
              ...fields,
            }).finish(),
      ),
    );

  /**
   * A member's chat message as status-go sends it: signed, encrypted under the chat's key. Unsigned: the
   * 26/WAKU2-PAYLOAD v1 envelope without the signed flag (flags, 1-byte size, data).
   */
  const chatMessage = (text: string, { signed = true, timestampMs = Date.now() } = {}) => ({
    payload: signed
      ? encodeSymmetric(utf8.encode(text), symKeyFor(chatId), memberKey)
      : encryptGcmNonceLast(Uint8Array.from([0x01, text.length, ...utf8.encode(text)]), symKeyFor(chatId)),
    contentTopic: chatTopic,
    version: 1,
    timestamp: bigIntToUint64(BigInt(timestampMs) * 1_000_000n),
  });

  const counted = (name: string, labels: Record<string, string>) =>
    metricValue(gateway.metrics, name, labels);

  beforeAll(async () => {
    [devnet, db] = await Promise.all([startDevnet({ nodes: 2 }), createTestDatabase()]);
    await db.prisma.watchedCommunity.create({ data: { communityId } });
    const prefix = uniquePrefix();
    const redis = testRedis(prefix);
    queue = createQueue(QueueName.WAKU_INBOUND, redis.redis, { prefix });
    cleanup = async () => {
      await closeQueueResources({ queues: [queue] });
      await redis.cleanup();
    };
    gateway = await startTestGateway(
      testConfig(devnet, db.url, prefix, {
        FILTER_MAX_SUBSCRIBERS: '2',
        FILTER_MAX_CRITERIA_PER_PEER: '3',
        FILTER_MAX_CONTENT_TOPICS_PER_REQUEST: '2',
        LIGHTPUSH_RATE_PER_SECOND: '1',
        LIGHTPUSH_RATE_BURST: '8',
      }),
    );
    // Clients relay a shard of their own, so they are in none of the gateway's meshes.
    for (let index = 0; index < 3; index++) {
      const client = await createWakuNode({ shards: [1000] });
      clients.push(client);
      await client.start();
      await client.connect(gateway.node.multiaddrs[0] ?? '');
    }
    await waitFor('a relay mesh on the gateway', () =>
      gateway.node.shardPeers().every((shard) => shard.meshPeers > 0),
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.stop()));
    await gateway?.stop();
    await cleanup?.();
    await Promise.all([devnet?.stop(), db?.drop()]);
  });

  it('refuses Filter requests past the configured limits with 503, bad ones with 400, and counts them', async () => {
    const [first, second, third] = clients as [WakuNode, WakuNode, WakuNode];
    // More content topics in one request than FILTER_MAX_CONTENT_TOPICS_PER_REQUEST: a bad request.
    expect(
      await subscribe(first, ['/waku/1/0x00000001/rfc26', '/waku/1/0x00000002/rfc26', chatTopic]),
    ).toMatchObject({
      requestId: 'limits',
      statusCode: 400,
      statusDesc: '3 content topics, at most 2',
    });
    expect(await subscribe(first, ['/waku/1/0x00000001/rfc26', chatTopic])).toMatchObject({
      statusCode: 200,
    });
    // Past FILTER_MAX_CRITERIA_PER_PEER (3): 503, as nwaku and go-waku answer.
    expect(await subscribe(first, ['/waku/1/0x00000003/rfc26', '/waku/1/0x00000004/rfc26'])).toMatchObject({
      statusCode: 503,
      statusDesc: '4 content topics subscribed, at most 3 per peer',
    });
    expect(await subscribe(second, [chatTopic])).toMatchObject({ statusCode: 200 });
    // A third subscriber past FILTER_MAX_SUBSCRIBERS (2): 503.
    expect(await subscribe(third, [chatTopic])).toMatchObject({ statusCode: 503 });
    // A shard the gateway does not relay, and a frame that is no FilterSubscribeRequest: 400.
    expect(await subscribe(third, [chatTopic], pubsubTopicForShard(999))).toMatchObject({ statusCode: 400 });
    expect(await filterRequest(third, Uint8Array.from([0x0a, 0xff, 0x01]))).toMatchObject({
      requestId: '',
      statusCode: 400,
    });
    const filterRequests = 'waku_gateway_filter_requests_total';
    expect(await counted(filterRequests, { type: 'subscribe', status: '503' })).toBe(2);
    expect(await counted(filterRequests, { type: 'subscribe', status: '400' })).toBe(2);
    expect(await counted(filterRequests, { type: 'none', status: '400' })).toBe(1);
    expect(await counted(filterRequests, { type: 'subscribe', status: '200' })).toBe(2);
  });

  it('refuses oversized, stale, foreign-shard, unsigned and malformed pushes with the v3 codes, counted, and relay flows', async () => {
    const client = clients[2] as WakuNode;
    const cases: [waku.lightpush.LightPushRequestV3.$Properties | Uint8Array, number, string][] = [
      [{ message: { ...chatMessage('big'), payload: new Uint8Array(150 * 1024) } }, 413, 'oversize'],
      [{ message: chatMessage('late', { timestampMs: Date.now() - 60_000 }) }, 420, 'stale_timestamp'],
      [{ pubsubTopic: pubsubTopicForShard(999), message: chatMessage('elsewhere') }, 421, 'foreign_shard'],
      [{ message: chatMessage('anonymous', { signed: false }) }, 420, 'unsigned_payload'],
      [Uint8Array.from([0x0a, 0xff]), 400, 'malformed'],
    ];
    for (const [fields, statusCode, outcome] of cases) {
      const response = await push(client, fields);
      expect({ outcome, statusCode: response.statusCode }).toEqual({ outcome, statusCode });
    }
    const lightPushRequests = 'waku_gateway_lightpush_requests_total';
    for (const [, statusCode, outcome] of cases.slice(0, 4))
      expect(await counted(lightPushRequests, { version: '3', status: String(statusCode), outcome })).toBe(1);
    expect(await counted(lightPushRequests, { version: '3', status: '400' })).toBe(1);

    // Relay is untouched: a devnet peer's message still reaches waku.inbound, and a good push still goes out.
    const relayed = await (devnet.nodes[0] as WakuNode).publish(PUBSUB_TOPIC, chatMessage('over relay'));
    if (relayed.status !== 'published') throw new Error(`devnet publish: ${relayed.status}`);
    const relayedHash = relayed.hash;
    await waitFor(
      'the relayed message on waku.inbound',
      async () => (await queue.getJob(relayedHash)) !== undefined,
    );
    const good = await push(client, { message: chatMessage('pushed') });
    expect(good.statusCode).toBe(200);
  });

  it('answers 429 past LIGHTPUSH_RATE_BURST, to that peer only', async () => {
    const [limited, other] = clients as [WakuNode, WakuNode];
    const statuses: number[] = [];
    for (let index = 0; index < 12; index++)
      statuses.push((await push(limited, { message: chatMessage(`burst ${index}`) })).statusCode ?? 0);
    expect(statuses.slice(0, 8)).toEqual(Array.from({ length: 8 }, () => 200));
    expect(statuses).toContain(429);
    expect(
      await counted('waku_gateway_lightpush_requests_total', { status: '429', outcome: 'rate_limited' }),
    ).toBeGreaterThan(0);
    expect((await push(other, { message: chatMessage('mine') })).statusCode).toBe(200);
  });
});
