import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { byteStream } from 'it-byte-stream';
import type { ServedStoreQuery, StoreArchive, StoreServiceOptions, WakuNode } from '../index.js';
import { InMemoryStoreArchive, MAX_REQUEST_BYTES, STORE_QUERY_CODEC, serveStore } from '../index.js';
import { CONTENT_TOPIC, PUBSUB_TOPIC, atMs, encodeRequest, storedMessage } from './testing/fixtures.js';
import { TestNodes, addressOf, exchangeRaw } from './testing/nodes.js';

jest.setTimeout(20_000);

const filledArchive = (count: number): { archive: InMemoryStoreArchive; hashes: string[] } => {
  const archive = new InMemoryStoreArchive();
  const hashes = Array.from(
    { length: count },
    (_, index) => archive.add({ pubsubTopic: PUBSUB_TOPIC, message: storedMessage(atMs(index)) }).hash,
  );
  return { archive, hashes };
};

const hex = (bytes: Uint8Array | undefined): string | undefined =>
  bytes === undefined ? undefined : Buffer.from(bytes).toString('hex');

const contentQuery = {
  includeData: true,
  pubsubTopic: PUBSUB_TOPIC,
  contentTopics: [CONTENT_TOPIC],
  paginationForward: true,
};

describe('serveStore', () => {
  const nodes = new TestNodes();
  const served: ServedStoreQuery[] = [];
  afterEach(async () => {
    await nodes.stopAll();
    served.length = 0;
  });
  /** Waits, polling, until the server has ended `count` streams (answered or dropped). */
  const servedAtLeast = async (count: number, timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (served.length < count) {
      if (Date.now() > deadline) throw new Error(`${served.length} of ${count} streams ended`);
      await sleep(20);
    }
  };
  /** js-waku's StreamManager in every node opens a Store stream ahead of use; these are the test's own. */
  const answered = (): ServedStoreQuery[] => served.filter((query) => query.requestId === 'test-request');

  const serving = async (
    archive: StoreArchive,
    options: StoreServiceOptions = {},
  ): Promise<{ server: WakuNode; client: WakuNode }> => {
    const server = await nodes.start();
    const client = await nodes.start();
    await serveStore(server, archive, { onServed: (query) => served.push(query), ...options });
    await client.connect(addressOf(server));
    return { server, client };
  };

  it('answers a page with the request id, status 200, messages with their topic and the cursor', async () => {
    const { archive, hashes } = filledArchive(25);
    const { server, client } = await serving(archive);
    const response = await exchangeRaw(client, server, encodeRequest(contentQuery));
    expect(response).toMatchObject({ requestId: 'test-request', statusCode: 200, statusDesc: 'OK' });
    expect(response.messages.map((entry) => hex(entry.messageHash))).toEqual(hashes.slice(0, 20));
    expect(response.messages[0]).toMatchObject({
      pubsubTopic: PUBSUB_TOPIC,
      message: { contentTopic: CONTENT_TOPIC, version: 1, timestamp: atMs(0) },
    });
    expect(hex(response.paginationCursor)).toBe(hashes[19]);
    expect(served).toEqual([
      expect.objectContaining({
        peer: client.peerId,
        requestId: 'test-request',
        statusCode: 200,
        messages: 20,
      }),
    ]);
  });

  it('stops answering once closed', async () => {
    const { archive } = filledArchive(1);
    const server = await nodes.start();
    const client = await nodes.start();
    const service = await serveStore(server, archive);
    await client.connect(addressOf(server));
    expect((await exchangeRaw(client, server, encodeRequest(contentQuery))).statusCode).toBe(200);
    await service.close();
    await expect(exchangeRaw(client, server, encodeRequest(contentQuery))).rejects.toThrow(/protocol/i);
  });

  it('gives hashes only when include_data is not set', async () => {
    const { archive, hashes } = filledArchive(3);
    const { server, client } = await serving(archive);
    const response = await exchangeRaw(
      client,
      server,
      encodeRequest({ ...contentQuery, includeData: false }),
    );
    expect(response.messages).toEqual(hashes.map((hash) => ({ messageHash: Buffer.from(hash, 'hex') })));
    expect(response.paginationCursor).toBeUndefined();
  });

  it('lowers a page limit over 100 to 100, as 13/WAKU2-STORE v3 asks', async () => {
    const { archive } = filledArchive(150);
    const { server, client } = await serving(archive);
    const response = await exchangeRaw(
      client,
      server,
      encodeRequest({ ...contentQuery, paginationLimit: 5_000n }),
    );
    expect(response.messages).toHaveLength(100);
  });

  it('answers bad requests with 400 and the reason, and keeps serving', async () => {
    const { archive } = filledArchive(3);
    const { server, client } = await serving(archive);
    const withoutPubsubTopic = await exchangeRaw(
      client,
      server,
      encodeRequest({ contentTopics: [CONTENT_TOPIC] }),
    );
    expect(withoutPubsubTopic).toMatchObject({
      requestId: 'test-request',
      statusCode: 400,
      statusDesc: 'pubsub_topic and content_topics must be set together',
      messages: [],
    });
    const hashesAndFilter = await exchangeRaw(
      client,
      server,
      encodeRequest({ ...contentQuery, messageHashes: [new Uint8Array(32)] }),
    );
    expect(hashesAndFilter.statusCode).toBe(400);
    const malformed = await exchangeRaw(client, server, Uint8Array.from([0x0a, 100, 1, 2]));
    expect(malformed).toMatchObject({ requestId: '', statusCode: 400 });
    expect(malformed.statusDesc).toMatch(/^malformed StoreQueryRequest/);
    expect((await exchangeRaw(client, server, encodeRequest(contentQuery))).messages).toHaveLength(3);
  });

  it('answers 500 when the archive fails or is too slow, and tells the peer nothing of why', async () => {
    const failing: StoreArchive = { query: () => Promise.reject(new Error('connection to postgres lost')) };
    const { server, client } = await serving(failing);
    const response = await exchangeRaw(client, server, encodeRequest(contentQuery));
    expect(response).toMatchObject({
      requestId: 'test-request',
      statusCode: 500,
      statusDesc: 'archive unavailable',
    });
    expect(answered()[0]).toMatchObject({ statusCode: 500, error: 'connection to postgres lost' });

    const stuck: StoreArchive = { query: () => new Promise(() => undefined) };
    const slow = await serving(stuck, { archiveTimeoutMs: 100 });
    const late = await exchangeRaw(slow.client, slow.server, encodeRequest(contentQuery));
    expect(late).toMatchObject({ statusCode: 500, statusDesc: 'archive unavailable' });
    expect(answered()[1]).toMatchObject({ statusCode: 500, error: 'archive did not answer in 100 ms' });
  });

  it('refuses a request over the size bound with 400 without reading it', async () => {
    const { archive } = filledArchive(1);
    const { server, client } = await serving(archive);
    const response = await exchangeRaw(client, server, new Uint8Array(MAX_REQUEST_BYTES + 1));
    expect(response).toMatchObject({
      statusCode: 400,
      statusDesc: `request exceeds ${MAX_REQUEST_BYTES} bytes`,
    });
  });

  it('drops a stream that stalls or ends early, and answers the next one', async () => {
    const { archive } = filledArchive(1);
    const { server, client } = await serving(archive, { requestTimeoutMs: 200, streamTimeoutMs: 200 });
    const stalled = await client.light.libp2p.dialProtocol(server.light.libp2p.peerId, STORE_QUERY_CODEC);
    // A length prefix of 100 bytes, then 2 of them, then silence.
    await byteStream(stalled).write(Uint8Array.from([100, 1, 2]));
    const ended = await client.light.libp2p.dialProtocol(server.light.libp2p.peerId, STORE_QUERY_CODEC);
    await ended.close();
    await servedAtLeast(2);
    expect(served).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ error: expect.stringMatching(/timeout/) }),
        expect.objectContaining({ error: 'unexpected end of input' }),
      ]),
    );
    expect(served.every((query) => query.statusCode === undefined)).toBe(true);
    expect((await exchangeRaw(client, server, encodeRequest(contentQuery))).statusCode).toBe(200);
  });

  it('survives garbage, framed or not: an answer or a lost stream, and the node keeps serving', async () => {
    const { archive } = filledArchive(2);
    const { server, client } = await serving(archive, { requestTimeoutMs: 300, streamTimeoutMs: 300 });
    for (let round = 0; round < 40; round++) {
      const body = randomBytes(1 + (round % 7) * 37);
      const response = await exchangeRaw(client, server, body);
      expect([200, 400]).toContain(response.statusCode);
      const unframed = await client.light.libp2p.dialProtocol(server.light.libp2p.peerId, STORE_QUERY_CODEC);
      // The server may reset the stream before our close arrives (a lost stream is one of the allowed ends).
      await byteStream(unframed)
        .write(body)
        .then(() => unframed.closeWrite())
        .catch((error: unknown) => {
          if (!(error instanceof Error && error.name === 'StreamResetError')) throw error;
        });
    }
    // Every stream, framed or not, has ended on the server's side before we ask again.
    await servedAtLeast(80);
    expect((await exchangeRaw(client, server, encodeRequest(contentQuery))).messages).toHaveLength(2);
    expect(client.light.libp2p.getConnections(server.light.libp2p.peerId)).toHaveLength(1);
  });
});
