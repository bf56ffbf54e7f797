import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createEncoder } from '@waku/message-encryption/symmetric';
import type { LightNode } from '@waku/sdk';
import { Protocols } from '@waku/sdk';
import { bigIntToUint64, waku } from '@status-communities/proto';
import type { LightPushService, ReceivedMessage, ServedLightPush, WakuNode } from '../index.js';
import { LIGHTPUSH_V2_CODEC, LIGHTPUSH_V3_CODEC, serveLightPush } from '../index.js';
import {
  CONTENT_TOPIC,
  PUBSUB_TOPIC,
  ServiceNodes,
  encryptedMessage,
  exchangeRaw,
  meshed,
  routingInfo,
  symKey,
  websocketAddressOf,
} from '../testing/light-clients.js';

jest.setTimeout(30_000);

/** Resolves with the next message a node relays. */
const nextMessage = (node: WakuNode): Promise<ReceivedMessage> =>
  new Promise((resolve) => {
    const stop = node.subscribe((received) => {
      stop();
      resolve(received);
    });
  });

describe('serveLightPush', () => {
  const nodes = new ServiceNodes();
  const served: ServedLightPush[] = [];
  let server: WakuNode;
  let relayPeer: WakuNode;
  let rawClient: WakuNode;
  let service: LightPushService;
  let light: LightNode;

  const pushV3 = async (fields: waku.lightpush.LightPushRequestV3.$Properties) =>
    waku.lightpush.LightPushResponseV3.decode(
      await exchangeRaw(
        rawClient,
        server,
        LIGHTPUSH_V3_CODEC,
        waku.lightpush.LightPushRequestV3.encode({
          requestId: 'raw',
          pubsubTopic: PUBSUB_TOPIC,
          ...fields,
        }).finish(),
      ),
    );

  beforeAll(async () => {
    // The server also serves shard 64, where it has no relay peer.
    server = await nodes.relay([32, 64]);
    relayPeer = await nodes.relay();
    rawClient = await nodes.relay([128]);
    service = await serveLightPush(server, {
      rate: { perSecond: 1, burst: 20 },
      check: (push) =>
        push.message.contentTopic === '/waku/1/0xdeadbeef/rfc26'
          ? { ok: false, error: { reason: 'unsigned_payload', detail: 'the payload carries no signature' } }
          : { ok: true },
      onServed: (push) => served.push(push),
    });
    await relayPeer.connect(server.multiaddrs[0]!);
    await rawClient.connect(server.multiaddrs[0]!);
    await meshed([server, relayPeer]);
    light = await nodes.light();
    await light.dial(websocketAddressOf(server));
    await light.waitForPeers([Protocols.LightPush]);
  });

  afterAll(async () => {
    await service?.close();
    await nodes.stopAll();
  });

  it("relays a stock @waku/sdk light node's push and answers 200 with the relay peer count", async () => {
    const relayed = nextMessage(relayPeer);
    const encoder = createEncoder({ contentTopic: CONTENT_TOPIC, routingInfo, symKey });
    const result = await light.lightPush.send(encoder, { payload: new TextEncoder().encode('pushed') });
    expect(result.failures).toEqual([]);
    expect(result.successes.map(String)).toEqual([server.peerId]);
    const received = await relayed;
    expect(received).toMatchObject({
      pubsubTopic: PUBSUB_TOPIC,
      message: { contentTopic: CONTENT_TOPIC, version: 1 },
    });
    expect(served).toContainEqual(
      expect.objectContaining({
        version: 3,
        statusCode: 200,
        outcome: 'published',
        hash: received.hash,
        relayPeers: 1,
      }),
    );
  });

  it('answers v2 (PushRpc) too', async () => {
    const relayed = nextMessage(relayPeer);
    const message = await encryptedMessage('over v2');
    const response = waku.lightpush.PushRpc.decode(
      await exchangeRaw(
        rawClient,
        server,
        LIGHTPUSH_V2_CODEC,
        waku.lightpush.PushRpc.encode({
          requestId: 'v2',
          request: { pubsubTopic: PUBSUB_TOPIC, message },
        }).finish(),
      ),
    );
    expect(response).toMatchObject({ requestId: 'v2', response: { isSuccess: true, info: 'OK' } });
    expect((await relayed).message.payload).toEqual(message.payload);
  });

  it('refuses bad pushes with the v3 codes, and relay keeps working', async () => {
    const fresh = await encryptedMessage('fine');
    const staleNs = BigInt(Date.now() - 60_000) * 1_000_000n;
    const cases: [waku.lightpush.LightPushRequestV3.$Properties, number, string][] = [
      [{ message: { ...fresh, payload: new Uint8Array(150 * 1024) } }, 413, 'oversize'],
      [{ message: { ...fresh, timestamp: bigIntToUint64(staleNs) } }, 420, 'stale_timestamp'],
      [{ message: { ...fresh, version: 0 } }, 420, 'unsupported_version'],
      [{ message: { ...fresh, contentTopic: '/waku/1/0xdeadbeef/rfc26' } }, 420, 'unsigned_payload'],
      [{ pubsubTopic: '/waku/2/rs/16/999', message: fresh }, 421, 'foreign_shard'],
      [{ pubsubTopic: '/waku/2/rs/16/64', message: fresh }, 505, 'no_peers'],
      [{}, 400, 'no_message'],
    ];
    for (const [fields, statusCode, outcome] of cases) {
      expect({ outcome, response: await pushV3(fields) }).toMatchObject({
        outcome,
        response: { requestId: 'raw', statusCode },
      });
      expect(served.at(-1)).toMatchObject({ statusCode, outcome });
    }
    const malformed = waku.lightpush.LightPushResponseV3.decode(
      await exchangeRaw(rawClient, server, LIGHTPUSH_V3_CODEC, Uint8Array.from([0x0a, 0xff])),
    );
    expect(malformed).toMatchObject({ requestId: '', statusCode: 400 });
    // Relay is untouched: the next good push still goes out.
    const relayed = nextMessage(relayPeer);
    expect(await pushV3({ message: fresh })).toMatchObject({ statusCode: 200, relayPeerCount: 1 });
    await relayed;
  });

  it('answers 429 past the per-peer rate, to that peer only', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 25; index++)
      statuses.push((await pushV3({ message: await encryptedMessage(`burst ${index}`) })).statusCode);
    expect(statuses).toContain(429);
    expect(served.filter((push) => push.outcome === 'rate_limited').length).toBeGreaterThan(0);
    const encoder = createEncoder({ contentTopic: CONTENT_TOPIC, routingInfo, symKey });
    const result = await light.lightPush.send(encoder, { payload: new TextEncoder().encode('still mine') });
    expect(result.failures).toEqual([]);
  });
});
