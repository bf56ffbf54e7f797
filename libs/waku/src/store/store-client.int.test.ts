import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { proto_store } from '@waku/proto';
import { lpStream } from 'it-length-prefixed-stream';
import type { StoreArchive, StoreQuery, StoreQueryOptions, StoreResponsePage, WakuNode } from '../index.js';
import {
  InMemoryStoreArchive,
  STORE_QUERY_CODEC,
  StoreQueryError,
  queryStore,
  serveStore,
} from '../index.js';
import { CONTENT_TOPIC, PUBSUB_TOPIC, atMs, storedMessage } from './testing/fixtures.js';
import { TestNodes, addressOf } from './testing/nodes.js';

jest.setTimeout(20_000);

const collect = async (
  node: WakuNode,
  peer: string,
  query: StoreQuery,
  options?: StoreQueryOptions,
): Promise<StoreResponsePage[]> => {
  const pages: StoreResponsePage[] = [];
  for await (const page of queryStore(node, peer, query, options)) pages.push(page);
  return pages;
};

const failureOf = async (pages: Promise<unknown>): Promise<StoreQueryError> => {
  const error = await pages.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof StoreQueryError))
    throw new Error(`expected a StoreQueryError, got ${String(error)}`);
  return error;
};

const contentQuery: StoreQuery = { pubsubTopic: PUBSUB_TOPIC, contentTopics: [CONTENT_TOPIC] };

describe('queryStore', () => {
  const nodes = new TestNodes();
  afterEach(() => nodes.stopAll());

  /** A client connected to a node serving `count` messages one ms apart. */
  const withStore = async (count: number) => {
    const archive = new InMemoryStoreArchive();
    const messages = Array.from({ length: count }, (_, index) => storedMessage(atMs(index)));
    const hashes = messages.map((message) => archive.add({ pubsubTopic: PUBSUB_TOPIC, message }).hash);
    const server = await nodes.start();
    await serveStore(server, archive);
    const client = await nodes.start();
    return { client, server, peer: addressOf(server), messages, hashes };
  };

  /** A node whose Store codec answers every request with `respond(request)`. */
  const rogue = async (
    respond: (request: proto_store.StoreQueryRequest) => proto_store.StoreQueryResponse,
  ) => {
    const server = await nodes.start();
    await server.light.libp2p.handle(STORE_QUERY_CODEC, ({ stream }) => {
      const messages = lpStream(stream);
      messages
        .read()
        .then((request) =>
          messages.write(
            proto_store.StoreQueryResponse.encode(respond(proto_store.StoreQueryRequest.decode(request))),
          ),
        )
        .then(() => stream.close())
        // js-waku's StreamManager opens streams it may close unused.
        .catch((error: unknown) => stream.abort(error instanceof Error ? error : new Error(String(error))));
    });
    return { client: await nodes.start(), peer: addressOf(server) };
  };

  it('follows the cursor forward until the peer sets none, with hashes, topics and messages', async () => {
    const { client, peer, messages, hashes } = await withStore(45);
    const pages = await collect(client, peer, { ...contentQuery, pageSize: 20 });
    expect(pages.map((page) => page.entries.length)).toEqual([20, 20, 5]);
    expect(pages.map((page) => page.cursor)).toEqual([hashes[19], hashes[39], undefined]);
    const entries = pages.flatMap((page) => page.entries);
    expect(entries.map((entry) => entry.hash)).toEqual(hashes);
    expect(entries[7]?.pubsubTopic).toBe(PUBSUB_TOPIC);
    expect(entries[7]?.message?.payload).toEqual(messages[7]?.payload);
  });

  it('pages backward, newest first', async () => {
    const { client, peer, hashes } = await withStore(45);
    const pages = await collect(client, peer, { ...contentQuery, pageSize: 20, forward: false });
    expect(pages.map((page) => page.entries.map((entry) => entry.hash))).toEqual([
      hashes.slice(25),
      hashes.slice(5, 25),
      hashes.slice(0, 5),
    ]);
  });

  it('looks hashes up, keys only when data is not asked for', async () => {
    const { client, peer, hashes } = await withStore(10);
    const wanted = [hashes[2], hashes[8]].filter((hash) => hash !== undefined);
    const pages = await collect(client, peer, { hashes: wanted, includeData: false });
    expect(pages).toEqual([{ entries: wanted.map((hash) => ({ hash })) }]);
  });

  it('stops after maxPages, the last page still holding its cursor', async () => {
    const { client, peer, hashes } = await withStore(45);
    const pages = await collect(client, peer, { ...contentQuery, pageSize: 10 }, { maxPages: 2 });
    expect(pages).toHaveLength(2);
    expect(pages[1]?.cursor).toBe(hashes[19]);
  });

  it('reports a refusal with the status code, and malformed queries before sending them', async () => {
    const { client, peer } = await withStore(1);
    const refused = await failureOf(collect(client, peer, { contentTopics: [CONTENT_TOPIC] }));
    expect(refused).toMatchObject({ failure: 'refused', statusCode: 400, peer });
    expect(refused.message).toMatch('pubsub_topic and content_topics must be set together');
    await expect(collect(client, peer, { ...contentQuery, pageSize: 101 })).rejects.toThrow(RangeError);
    await expect(collect(client, peer, { hashes: ['ABC'] })).rejects.toThrow(RangeError);
  });

  it('tells unreachable, slow and aborted apart', async () => {
    const stuck: StoreArchive = { query: () => new Promise(() => undefined) };
    const server = await nodes.start();
    await serveStore(server, stuck, { archiveTimeoutMs: 60_000 });
    const client = await nodes.start();
    const slow = await failureOf(collect(client, addressOf(server), contentQuery, { pageTimeoutMs: 200 }));
    expect(slow.failure).toBe('timeout');
    const aborted = await failureOf(
      collect(client, addressOf(server), contentQuery, { signal: AbortSignal.timeout(200) }),
    );
    expect(aborted.failure).toBe('aborted');
    const gone = addressOf(server);
    await server.stop();
    const unreachable = await failureOf(collect(client, gone, contentQuery, { pageTimeoutMs: 2_000 }));
    expect(unreachable.failure).toBe('unreachable');
  });

  it('refuses answers outside the protocol', async () => {
    const otherRequest = await rogue(() => ({ requestId: 'not yours', statusCode: 200, messages: [] }));
    const wrongId = await failureOf(collect(otherRequest.client, otherRequest.peer, contentQuery));
    expect(wrongId).toMatchObject({ failure: 'bad-response' });
    expect(wrongId.message).toMatch('another request');

    const shortHash = await rogue(({ requestId }) => ({
      requestId,
      statusCode: 200,
      messages: [{ messageHash: new Uint8Array(31) }],
    }));
    expect((await failureOf(collect(shortHash.client, shortHash.peer, contentQuery))).message).toMatch(
      '32-byte',
    );

    const stuckCursor = await rogue(({ requestId, paginationCursor }) => ({
      requestId,
      statusCode: 200,
      messages: [],
      paginationCursor: paginationCursor ?? new Uint8Array(32).fill(1),
    }));
    const loop = await failureOf(collect(stuckCursor.client, stuckCursor.peer, contentQuery));
    expect(loop.message).toMatch('the cursor did not move');
  });
});
