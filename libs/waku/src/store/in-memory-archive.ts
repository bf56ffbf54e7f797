import type { waku } from '@status-communities/proto';
import { uint64ToBigInt } from '@status-communities/proto';
import { messageHashHex } from '../message-hash.js';
import type { ArchiveQuery, ArchivedMessage, StoreArchive, StorePage } from './archive.js';

/** What became of a message given to the archive. */
export type ArchiveAddOutcome = 'stored' | 'duplicate' | 'ephemeral' | 'missing-timestamp';

export interface InMemoryStoreArchiveOptions {
  /** Most entries kept; past it the oldest (by timestamp, hash) go first. Default 100,000. */
  readonly capacity?: number;
}

interface Entry extends ArchivedMessage {
  readonly timestampNs: bigint;
}

const DEFAULT_CAPACITY = 100_000;

/** 13/WAKU2-STORE v3 order: timestamp, then hash bytes (equal-length lowercase hex compares the same). */
const compareEntries = (a: Entry, b: Entry): number => {
  if (a.timestampNs !== b.timestampNs) return a.timestampNs < b.timestampNs ? -1 : 1;
  if (a.hash === b.hash) return 0;
  return a.hash < b.hash ? -1 : 1;
};

const inTimeRange = (entry: Entry, query: ArchiveQuery): boolean =>
  (query.timeStartNs === undefined || entry.timestampNs >= query.timeStartNs) &&
  (query.timeEndNs === undefined || entry.timestampNs < query.timeEndNs);

const matcher = (query: ArchiveQuery): ((entry: Entry) => boolean) => {
  if (query.hashes !== undefined && query.hashes.length > 0) {
    const hashes = new Set(query.hashes);
    return (entry) => hashes.has(entry.hash);
  }
  const contentTopics = new Set(query.contentTopics);
  return (entry) =>
    (query.pubsubTopic === undefined || entry.pubsubTopic === query.pubsubTopic) &&
    (contentTopics.size === 0 || contentTopics.has(entry.message.contentTopic ?? '')) &&
    inTimeRange(entry, query);
};

/**
 * A Store archive in process memory with the same semantics as the gateway's PostgreSQL one: for tests and for
 * a devnet without a database. Refuses what 13/WAKU2-STORE v3 makes ineligible (ephemeral, no timestamp); the
 * timestamp window and retention are the caller's policy.
 */
export class InMemoryStoreArchive implements StoreArchive {
  /** Ascending by (timestamp, hash). */
  private readonly entries: Entry[] = [];
  private readonly byHash = new Map<string, Entry>();
  private readonly capacity: number;

  constructor(options: InMemoryStoreArchiveOptions = {}) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    if (!Number.isInteger(this.capacity) || this.capacity < 1)
      throw new RangeError('capacity must be a positive integer');
  }

  get size(): number {
    return this.entries.length;
  }

  /** Accepts a ReceivedMessage as the node delivers it, or any pubsub topic and message. */
  add({
    pubsubTopic,
    message,
  }: {
    readonly pubsubTopic: string;
    readonly message: waku.WakuMessage.$Properties;
  }): {
    readonly outcome: ArchiveAddOutcome;
    readonly hash: string;
  } {
    const hash = messageHashHex(pubsubTopic, message);
    if (message.ephemeral) return { outcome: 'ephemeral', hash };
    const timestampNs = uint64ToBigInt(message.timestamp);
    if (timestampNs === 0n) return { outcome: 'missing-timestamp', hash };
    if (this.byHash.has(hash)) return { outcome: 'duplicate', hash };
    const entry: Entry = { hash, pubsubTopic, message, timestampNs };
    this.entries.splice(this.insertionIndex(entry), 0, entry);
    this.byHash.set(hash, entry);
    for (const evicted of this.entries.splice(0, this.entries.length - this.capacity))
      this.byHash.delete(evicted.hash);
    return { outcome: 'stored', hash };
  }

  async query(query: ArchiveQuery): Promise<StorePage> {
    let start = query.forward ? 0 : this.entries.length - 1;
    if (query.cursor !== undefined) {
      const cursor = this.byHash.get(query.cursor);
      if (cursor === undefined) return { messages: [] };
      const at = this.insertionIndex(cursor) - 1;
      start = query.forward ? at + 1 : at - 1;
    }
    const matches = matcher(query);
    const step = query.forward ? 1 : -1;
    // One entry past the limit tells whether another page follows.
    const found: Entry[] = [];
    for (let index = start; index >= 0 && index < this.entries.length; index += step) {
      const entry = this.entries[index];
      if (entry !== undefined && matches(entry)) found.push(entry);
      if (found.length > query.limit) break;
    }
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    const messages = (query.forward ? page : page.reverse()).map(({ hash, pubsubTopic, message }) => ({
      hash,
      pubsubTopic,
      message,
    }));
    return found.length > query.limit && last !== undefined
      ? { messages, nextCursor: last.hash }
      : { messages };
  }

  /** Index of the first entry ordered after `entry`. */
  private insertionIndex(entry: Entry): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = this.entries[middle];
      if (other !== undefined && compareEntries(other, entry) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
