import { describe, expect, it } from '@jest/globals';
import type { ArchiveQuery } from './archive.js';
import { InMemoryStoreArchive } from './in-memory-archive.js';
import { CONTENT_TOPIC, OTHER_CONTENT_TOPIC, PUBSUB_TOPIC, atMs, storedMessage } from './testing/fixtures.js';

const OTHER_PUBSUB_TOPIC = '/waku/2/rs/16/64';

const page = (overrides: Partial<ArchiveQuery> = {}): ArchiveQuery => ({
  contentTopics: [],
  limit: 20,
  forward: true,
  ...overrides,
});

/** `count` messages one ms apart; returns their hashes oldest first. */
const fill = (archive: InMemoryStoreArchive, count: number, contentTopic = CONTENT_TOPIC): string[] =>
  Array.from({ length: count }, (_, index) => {
    const { outcome, hash } = archive.add({
      pubsubTopic: PUBSUB_TOPIC,
      message: storedMessage(atMs(index), { contentTopic }),
    });
    expect(outcome).toBe('stored');
    return hash;
  });

/** Every hash, following cursors. */
const walk = async (archive: InMemoryStoreArchive, query: ArchiveQuery): Promise<string[][]> => {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const result = await archive.query({ ...query, ...(cursor !== undefined && { cursor }) });
    pages.push(result.messages.map((entry) => entry.hash));
    cursor = result.nextCursor;
  } while (cursor !== undefined);
  return pages;
};

describe('InMemoryStoreArchive', () => {
  it('orders by timestamp, then by hash when timestamps are equal, whatever the insertion order', async () => {
    const archive = new InMemoryStoreArchive();
    const same = [1, 2, 3].map(() =>
      archive.add({ pubsubTopic: PUBSUB_TOPIC, message: storedMessage(atMs(5)) }),
    );
    const late = archive.add({ pubsubTopic: PUBSUB_TOPIC, message: storedMessage(atMs(9)) });
    const early = archive.add({ pubsubTopic: PUBSUB_TOPIC, message: storedMessage(atMs(1)) });
    const { messages } = await archive.query(page());
    expect(messages.map((entry) => entry.hash)).toEqual([
      early.hash,
      ...same.map((added) => added.hash).sort(),
      late.hash,
    ]);
  });

  it('pages forward from the oldest, each cursor the last hash of its page, none after the last page', async () => {
    const archive = new InMemoryStoreArchive();
    const hashes = fill(archive, 45);
    const first = await archive.query(page());
    expect(first.nextCursor).toBe(hashes[19]);
    const pages = await walk(archive, page());
    expect(pages.map((hashesOfPage) => hashesOfPage.length)).toEqual([20, 20, 5]);
    expect(pages.flat()).toEqual(hashes);
  });

  it('pages backward from the newest, each page still ascending, each cursor the first hash of its page', async () => {
    const archive = new InMemoryStoreArchive();
    const hashes = fill(archive, 45);
    const first = await archive.query(page({ forward: false }));
    expect(first.messages.map((entry) => entry.hash)).toEqual(hashes.slice(25));
    expect(first.nextCursor).toBe(hashes[25]);
    const pages = await walk(archive, page({ forward: false }));
    expect(pages).toEqual([hashes.slice(25), hashes.slice(5, 25), hashes.slice(0, 5)]);
  });

  it('sets no cursor when a page ends exactly at the last match', async () => {
    const archive = new InMemoryStoreArchive();
    fill(archive, 20);
    expect((await archive.query(page())).nextCursor).toBeUndefined();
  });

  it('filters by pubsub topic with content topics, and by time: start inclusive, end exclusive', async () => {
    const archive = new InMemoryStoreArchive();
    const wanted = fill(archive, 10);
    fill(archive, 10, OTHER_CONTENT_TOPIC);
    archive.add({ pubsubTopic: OTHER_PUBSUB_TOPIC, message: storedMessage(atMs(3)) });
    const byTopic = await archive.query(page({ pubsubTopic: PUBSUB_TOPIC, contentTopics: [CONTENT_TOPIC] }));
    expect(byTopic.messages.map((entry) => entry.hash)).toEqual(wanted);
    const byTime = await archive.query(
      page({
        pubsubTopic: PUBSUB_TOPIC,
        contentTopics: [CONTENT_TOPIC],
        timeStartNs: atMs(2),
        timeEndNs: atMs(5),
      }),
    );
    expect(byTime.messages.map((entry) => entry.hash)).toEqual(wanted.slice(2, 5));
    const everything = await archive.query(page({ limit: 100 }));
    expect(everything.messages).toHaveLength(21);
  });

  it('looks up hashes, in store order and paginated like any query', async () => {
    const archive = new InMemoryStoreArchive();
    const hashes = fill(archive, 30);
    const wanted = [hashes[29], hashes[3], hashes[17]].filter((hash) => hash !== undefined);
    const pages = await walk(archive, page({ hashes: [...wanted, 'ff'.repeat(32)], limit: 2 }));
    expect(pages).toEqual([[hashes[3], hashes[17]], [hashes[29]]]);
  });

  it('answers a cursor it does not hold with an empty page and no cursor', async () => {
    const archive = new InMemoryStoreArchive();
    fill(archive, 5);
    expect(await archive.query(page({ cursor: '00'.repeat(32) }))).toEqual({ messages: [] });
  });

  it('stores a message once, and refuses ephemeral and untimestamped ones (13/WAKU2-STORE v3 eligibility)', () => {
    const archive = new InMemoryStoreArchive();
    const message = storedMessage(atMs(0));
    expect(archive.add({ pubsubTopic: PUBSUB_TOPIC, message }).outcome).toBe('stored');
    expect(archive.add({ pubsubTopic: PUBSUB_TOPIC, message }).outcome).toBe('duplicate');
    expect(archive.add({ pubsubTopic: OTHER_PUBSUB_TOPIC, message }).outcome).toBe('stored');
    expect(
      archive.add({ pubsubTopic: PUBSUB_TOPIC, message: storedMessage(atMs(1), { ephemeral: true }) })
        .outcome,
    ).toBe('ephemeral');
    expect(
      archive.add({ pubsubTopic: PUBSUB_TOPIC, message: storedMessage(atMs(1), { timestamp: null }) })
        .outcome,
    ).toBe('missing-timestamp');
    expect(archive.size).toBe(2);
  });

  it('keeps at most `capacity` entries, dropping the oldest', async () => {
    const archive = new InMemoryStoreArchive({ capacity: 3 });
    const hashes = fill(archive, 5);
    expect(archive.size).toBe(3);
    expect((await archive.query(page())).messages.map((entry) => entry.hash)).toEqual(hashes.slice(2));
    expect(await archive.query(page({ cursor: hashes[0] }))).toEqual({ messages: [] });
    expect(() => new InMemoryStoreArchive({ capacity: 0 })).toThrow(RangeError);
  });
});
