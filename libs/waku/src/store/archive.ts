import type { waku } from '@status-communities/proto';

/** One stored entry: 13/WAKU2-STORE v3's key (the 14/WAKU2-MESSAGE hash, hex) and its value. */
export interface ArchivedMessage {
  readonly hash: string;
  readonly pubsubTopic: string;
  readonly message: waku.WakuMessage.$Properties;
}

/**
 * One page of a query the Store service has already validated: a content filter (pubsub topic with content
 * topics, and/or a time range) or a lookup by hashes, never both.
 */
export interface ArchiveQuery {
  /** Set together with `contentTopics`, or neither is. */
  readonly pubsubTopic?: string;
  /** Empty: any content topic. */
  readonly contentTopics: readonly string[];
  /** Unix ns, inclusive. */
  readonly timeStartNs?: bigint;
  /** Unix ns, exclusive. */
  readonly timeEndNs?: bigint;
  /** Lowercase hex hashes to look up; when set, no content filter is. */
  readonly hashes?: readonly string[];
  /** Hash (hex) of the entry the page starts after, exclusive, in the direction of travel. */
  readonly cursor?: string;
  /** 1 to MAX_PAGE_SIZE. */
  readonly limit: number;
  /** Forward: oldest first from the cursor; backward: newest first from it. */
  readonly forward: boolean;
}

export interface StorePage {
  /** Ascending by (timestamp, hash) in either direction (13/WAKU2-STORE v3 "Populating response messages"). */
  readonly messages: readonly ArchivedMessage[];
  /** Set only when more entries match: the hash of the last entry (forward) or of the first (backward). */
  readonly nextCursor?: string;
}

/**
 * What the Store service reads (the gateway's is PostgreSQL). Entries are ordered by (timestamp, hash), hashes
 * compared as bytes (lowercase hex compares the same). A cursor the archive does not hold matches nothing: an
 * empty page, no cursor. A rejected promise is answered with status 500.
 */
export interface StoreArchive {
  query(query: ArchiveQuery): Promise<StorePage>;
}
