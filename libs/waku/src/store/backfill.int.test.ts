import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { waku } from '@status-communities/proto';
import type { ArchiveQuery, BackfillProgress, BackfilledMessage, StoreArchive, StorePage } from '../index.js';
import { InMemoryStoreArchive, backfill, messageHashHex, serveStore } from '../index.js';
import { CONTENT_TOPIC, OTHER_CONTENT_TOPIC, PUBSUB_TOPIC, atMs, storedMessage } from './testing/fixtures.js';
import { TestNodes, addressOf } from './testing/nodes.js';

jest.setTimeout(30_000);

/** Message i of the history: on CONTENT_TOPIC at i ms. */
const history = Array.from({ length: 260 }, (_, index) => storedMessage(atMs(index)));
const others = Array.from({ length: 5 }, (_, index) =>
  storedMessage(atMs(index * 10 + 5), { contentTopic: OTHER_CONTENT_TOPIC }),
);
const hashOf = (message: waku.WakuMessage): string => messageHashHex(PUBSUB_TOPIC, message);

const archiveOf = (messages: readonly waku.WakuMessage[]): InMemoryStoreArchive => {
  const archive = new InMemoryStoreArchive();
  for (const message of messages) archive.add({ pubsubTopic: PUBSUB_TOPIC, message });
  return archive;
};

/**
 * A store node that lies on its first page: one message altered after it was hashed, one that relay would
 * refuse (empty payload) and one on a content topic nobody asked for, the last two under their true hashes.
 */
class LyingArchive implements StoreArchive {
  private lied = false;
  readonly tampered = history[255] ?? storedMessage(atMs(255));

  constructor(private readonly inner: StoreArchive) {}

  async query(query: ArchiveQuery): Promise<StorePage> {
    const page = await this.inner.query(query);
    if (this.lied) return page;
    this.lied = true;
    const empty = storedMessage(atMs(300), { payload: new Uint8Array() });
    const unrequested = storedMessage(atMs(301), { contentTopic: '/waku/1/0xdeadbeef/rfc26' });
    const lies = [empty, unrequested].map((message) => ({
      hash: hashOf(message),
      pubsubTopic: PUBSUB_TOPIC,
      message,
    }));
    const messages = page.messages.map((entry) =>
      entry.hash === hashOf(this.tampered)
        ? { ...entry, message: { ...entry.message, payload: new Uint8Array(32).fill(9) } }
        : entry,
    );
    return { ...page, messages: [...messages, ...lies] };
  }
}

describe('backfill', () => {
  const nodes = new TestNodes();
  afterEach(() => nodes.stopAll());

  const storeNode = async (archive: StoreArchive): Promise<string> => {
    const node = await nodes.start();
    await serveStore(node, archive);
    return addressOf(node);
  };

  it('delivers every stored message once per hash from overlapping store nodes, in order, and drops lies', async () => {
    // A: messages 0-229, the other topic's 5 and one from before `sinceNs`; B: 200-259 and its lies.
    const early = storedMessage(atMs(-1_000));
    const a = await storeNode(archiveOf([...history.slice(0, 230), ...others, early]));
    const lying = new LyingArchive(archiveOf(history.slice(200)));
    const b = await storeNode(lying);
    const client = await nodes.start();
    const delivered: BackfilledMessage[] = [];
    const progress: BackfillProgress[] = [];
    const report = await backfill({
      node: client,
      peers: [a, b],
      pubsubTopics: [PUBSUB_TOPIC],
      contentTopics: [CONTENT_TOPIC, OTHER_CONTENT_TOPIC],
      sinceNs: atMs(0),
      onMessage: (message) => void delivered.push(message),
      onProgress: (update) => progress.push(update),
    });

    const genuine = [...history.filter((message) => message !== lying.tampered), ...others];
    expect(delivered).toHaveLength(genuine.length);
    expect(new Set(delivered.map((message) => message.hash))).toEqual(new Set(genuine.map(hashOf)));
    expect(report).toEqual({
      pages: 4,
      delivered: genuine.length,
      duplicates: 30,
      known: 0,
      dropped: { 'hash-mismatch': 1, invalid: 1, unrequested: 1 },
      failures: [],
      complete: true,
    });
    // A's pages come oldest first, across both content topics.
    const fromA = delivered.filter((message) => message.storePeer === a);
    const timestamps = fromA.map((message) => BigInt(message.message.timestamp?.toString() ?? '0'));
    expect(timestamps).toEqual([...timestamps].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    // Ready for the inbound path: hashed, encoded, on its pubsub topic.
    const first = delivered[0];
    expect(first).toMatchObject({
      pubsubTopic: PUBSUB_TOPIC,
      hash: hashOf(history[0] ?? early),
      storePeer: a,
    });
    expect(waku.WakuMessage.decode(first?.bytes ?? new Uint8Array()).payload).toEqual(history[0]?.payload);
    expect(progress.map((update) => [update.peer, update.pages])).toEqual([
      [a, 1],
      [a, 2],
      [a, 3],
      [b, 4],
    ]);
  });

  it('skips the messages the caller already has, asking once per page', async () => {
    const peer = await storeNode(archiveOf(history.slice(0, 150)));
    const had = new Set(history.slice(90, 120).map(hashOf));
    const asked: number[] = [];
    const delivered: string[] = [];
    const report = await backfill({
      node: await nodes.start(),
      peers: [peer],
      pubsubTopics: [PUBSUB_TOPIC],
      contentTopics: [CONTENT_TOPIC],
      sinceNs: atMs(0),
      known: async (hashes) => {
        asked.push(hashes.length);
        return new Set(hashes.filter((hash) => had.has(hash)));
      },
      onMessage: (message) => void delivered.push(message.hash),
    });
    expect(asked).toEqual([100, 50]);
    expect(report).toMatchObject({ delivered: 120, known: 30, complete: true });
    expect(delivered).toEqual(
      history
        .slice(0, 150)
        .map(hashOf)
        .filter((hash) => !had.has(hash)),
    );
  });

  it('asks for at most 10 content topics at a time', async () => {
    const topics = Array.from(
      { length: 12 },
      (_, index) => `/waku/1/0x000000${index.toString().padStart(2, '0')}/rfc26`,
    );
    const [firstTopic, , , , , , , , , , , lastTopic] = topics;
    const messages = [firstTopic, lastTopic].map((contentTopic, index) =>
      storedMessage(atMs(index), { contentTopic }),
    );
    const peer = await storeNode(archiveOf(messages));
    const delivered: string[] = [];
    const report = await backfill({
      node: await nodes.start(),
      peers: [peer],
      pubsubTopics: [PUBSUB_TOPIC],
      contentTopics: topics,
      sinceNs: atMs(0),
      onMessage: (message) => void delivered.push(message.message.contentTopic),
    });
    expect(delivered).toEqual([firstTopic, lastTopic]);
    expect(report.pages).toBe(2);
  });

  it('reports a store node that fails, takes the others, and is complete when another answered in full', async () => {
    const gone = await nodes.start();
    const goneAddress = addressOf(gone);
    await gone.stop();
    const peer = await storeNode(archiveOf(history.slice(0, 10)));
    const report = await backfill({
      node: await nodes.start(),
      peers: [goneAddress, peer],
      pubsubTopics: [PUBSUB_TOPIC],
      contentTopics: [CONTENT_TOPIC],
      sinceNs: atMs(0),
      pageTimeoutMs: 2_000,
      onMessage: () => undefined,
    });
    expect(report.delivered).toBe(10);
    expect(report.complete).toBe(true);
    expect(report.failures).toEqual([
      expect.objectContaining({ peer: goneAddress, pubsubTopic: PUBSUB_TOPIC, failure: 'unreachable' }),
    ]);
  });

  it('stops at its page and time bounds, saying it is incomplete', async () => {
    const peer = await storeNode(archiveOf(history));
    const client = await nodes.start();
    const query = {
      node: client,
      pubsubTopics: [PUBSUB_TOPIC],
      contentTopics: [CONTENT_TOPIC],
      sinceNs: atMs(0),
      onMessage: () => undefined,
    };
    const paged = await backfill({ ...query, peers: [peer], maxPagesPerQuery: 1 });
    expect(paged).toMatchObject({ pages: 1, delivered: 100, failures: [], complete: false });
    const gone = await nodes.start();
    const goneAddress = addressOf(gone);
    await gone.stop();
    const nobody = await backfill({
      ...query,
      peers: [goneAddress, peer],
      maxPagesPerQuery: 1,
      pageTimeoutMs: 2_000,
    });
    expect(nobody).toMatchObject({
      complete: false,
      failures: [expect.objectContaining({ peer: goneAddress })],
    });

    const stuck = await storeNode({ query: () => new Promise<StorePage>(() => undefined) });
    const timed = await backfill({ ...query, peers: [stuck, peer], timeoutMs: 300 });
    expect(timed.delivered).toBe(0);
    expect(timed.complete).toBe(false);
    expect(timed.failures.map((failure) => [failure.peer, failure.failure])).toEqual([
      [stuck, 'aborted'],
      [peer, 'aborted'],
    ]);
  });

  it('rejects when onMessage does, once the page it was on is delivered', async () => {
    const peer = await storeNode(archiveOf(history.slice(0, 5)));
    const calls: string[] = [];
    const run = backfill({
      node: await nodes.start(),
      peers: [peer],
      pubsubTopics: [PUBSUB_TOPIC],
      contentTopics: [CONTENT_TOPIC],
      sinceNs: atMs(0),
      onMessage: async (message) => {
        calls.push(message.hash);
        if (calls.length === 3) throw new Error('queue unavailable');
      },
    });
    await expect(run).rejects.toThrow('queue unavailable');
    // Called for the whole page, in order.
    expect(calls).toEqual(history.slice(0, 5).map(hashOf));
  });
});
