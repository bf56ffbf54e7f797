import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Stream } from '@libp2p/interface';
import { tcp } from '@libp2p/tcp';
import { createDecoder, createEncoder, generateSymmetricKey } from '@waku/message-encryption/symmetric';
import type { IDecodedMessage, IDecoder, LightNode } from '@waku/sdk';
import { Protocols, createLightNode } from '@waku/sdk';
import { createRoutingInfo } from '@waku/utils';
import { bigIntToUint64, waku } from '@status-communities/proto';
import type { WakuNode } from '../index.js';
import { InMemoryStoreArchive, STATUS_CLUSTER_ID, STORE_QUERY_CODEC, serveStore } from '../index.js';
import {
  BASE_NS,
  CONTENT_TOPIC,
  OTHER_CONTENT_TOPIC,
  PUBSUB_TOPIC,
  SHARD,
  atMs,
} from './testing/fixtures.js';
import { TestNodes, addressOf } from './testing/nodes.js';

jest.setTimeout(30_000);

const routingInfo = createRoutingInfo({ clusterId: STATUS_CLUSTER_ID }, { shardId: SHARD });
const symKey = generateSymmetricKey();
const text = new TextDecoder();
const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);
const dateAt = (offsetMs: number): Date => new Date(Number(BASE_NS / 1_000_000n) + offsetMs);

/** A 26/WAKU2-PAYLOAD symmetric (version 1) message made by js-waku's own encoder, timestamped by us. */
const encrypted = async (
  contentTopic: string,
  plaintext: string,
  timestampNs: bigint,
): Promise<waku.WakuMessage> => {
  const proto = await createEncoder({ contentTopic, routingInfo, symKey }).toProtoObj({
    payload: bytes(plaintext),
  });
  if (proto === undefined) throw new Error('js-waku did not encode');
  return waku.WakuMessage.create({
    payload: proto.payload,
    contentTopic,
    version: proto.version ?? 0,
    timestamp: bigIntToUint64(timestampNs),
  });
};

const plaintexts = (messages: readonly IDecodedMessage[]): string[] =>
  messages.map((message) => text.decode(message.payload));

/** Every page the stock client yields, decoded. */
const pagesOf = async (
  light: LightNode,
  decoder: IDecoder<IDecodedMessage>,
  options: Parameters<LightNode['store']['queryGenerator']>[1] = {},
): Promise<string[][]> => {
  const pages: string[][] = [];
  for await (const page of light.store.queryGenerator([decoder], options)) {
    const decoded = await Promise.all(page);
    pages.push(plaintexts(decoded.filter((message) => message !== undefined)));
  }
  return pages;
};

describe('the stock @waku/sdk Store client against serveStore', () => {
  const nodes = new TestNodes();
  let server: WakuNode;
  let light: LightNode;
  const decoder = createDecoder(CONTENT_TOPIC, routingInfo, symKey);
  // 55 messages on our content topic, one ms apart; 5 on another, interleaved. Each half a ms past its ms:
  // js-waku turns a Date into ns through a float, off by up to 128 ns at today's times.
  const expected = Array.from({ length: 55 }, (_, index) => `message ${index}`);

  beforeAll(async () => {
    const archive = new InMemoryStoreArchive();
    for (const [index, plaintext] of expected.entries())
      archive.add({
        pubsubTopic: PUBSUB_TOPIC,
        message: await encrypted(CONTENT_TOPIC, plaintext, atMs(index) + 500_000n),
      });
    for (let index = 0; index < 5; index++)
      archive.add({
        pubsubTopic: PUBSUB_TOPIC,
        message: await encrypted(OTHER_CONTENT_TOPIC, `other ${index}`, atMs(index * 10) + 500_000n),
      });
    server = await nodes.start();
    await serveStore(server, archive);
    light = await createLightNode({
      defaultBootstrap: false,
      networkConfig: { clusterId: STATUS_CLUSTER_ID },
      libp2p: { transports: [tcp()], hideWebSocketInfo: true },
    });
    await light.start();
    await light.dial(addressOf(server));
    // No timeout argument: @waku/sdk 0.0.36 leaves that timer running after the peer is found (Jest's own
    // timeout bounds the wait).
    await light.waitForPeers([Protocols.Store]);
  });

  afterAll(async () => {
    await light.stop();
    await nodes.stopAll();
  });

  it('pages through every archived message, in order, 20 at a time', async () => {
    const pages = await pagesOf(light, decoder, { paginationLimit: 20 });
    expect(pages.map((page) => page.length)).toEqual([20, 20, 15]);
    expect(pages.flat()).toEqual(expected);
  });

  it('gets every message through queryWithOrderedCallback with its timestamp', async () => {
    const received: IDecodedMessage[] = [];
    await light.store.queryWithOrderedCallback([decoder], (message) => void received.push(message), {
      paginationLimit: 20,
    });
    expect(plaintexts(received)).toEqual(expected);
    expect(received.map((message) => message.timestamp?.getTime())).toEqual(
      expected.map((_, index) => dateAt(index).getTime()),
    );
    expect(received.every((message) => message.pubsubTopic === PUBSUB_TOPIC)).toBe(true);
  });

  it('filters by time range: start inclusive, end exclusive', async () => {
    const pages = await pagesOf(light, decoder, {
      timeStart: dateAt(10),
      timeEnd: dateAt(30),
      paginationLimit: 20,
    });
    expect(pages.flat()).toEqual(expected.slice(10, 30));
  });

  it('filters by content topic', async () => {
    const other = createDecoder(OTHER_CONTENT_TOPIC, routingInfo, symKey);
    const pages = await pagesOf(light, other);
    expect(pages.flat()).toEqual(['other 0', 'other 1', 'other 2', 'other 3', 'other 4']);
  });

  it('answers as many queries at once as js-libp2p lets one peer open streams', async () => {
    // Each query takes a stream of its own, beside the one the client keeps open ahead: with 4 a peer, the
    // server reset all but three of them (`StreamResetError: stream reset` at the client).
    const all = await Promise.all(Array.from({ length: 24 }, () => pagesOf(light, decoder)));
    for (const pages of all) expect(pages.flat()).toEqual(expected);
  });

  it('answers on a stream the client opened ahead, idle past the response deadline', async () => {
    // Its StreamManager opens a Store stream ahead as soon as it learns the peer serves Store (identify).
    const fresh = await createLightNode({
      defaultBootstrap: false,
      networkConfig: { clusterId: STATUS_CLUSTER_ID },
      libp2p: { transports: [tcp()], hideWebSocketInfo: true },
    });
    try {
      await fresh.start();
      await fresh.dial(addressOf(server));
      await fresh.waitForPeers([Protocols.Store]);
      const ahead = (): Stream[] =>
        fresh.libp2p
          .getConnections(server.light.libp2p.peerId)
          .flatMap((connection) => connection.streams)
          .filter((stream) => stream.protocol === STORE_QUERY_CODEC && stream.metadata['consumed'] !== true);
      for (const deadline = Date.now() + 5_000; ahead().length === 0 && Date.now() < deadline;)
        await sleep(20);
      const opened = ahead();
      expect(opened.length).toBeGreaterThan(0);
      // Past the 5 s a response may take: a request deadline that short reset these under the client.
      await sleep(5_500);
      expect(opened.map((stream) => stream.status)).toEqual(opened.map(() => 'open'));
      expect((await pagesOf(fresh, decoder)).flat()).toEqual(expected);
    } finally {
      await fresh.stop();
    }
  });

  it('pages backward, newest page first, each page in order', async () => {
    const pages = await pagesOf(light, decoder, { paginationForward: false, paginationLimit: 20 });
    expect(pages).toEqual([expected.slice(35), expected.slice(15, 35), expected.slice(0, 15)]);
  });
});
