import { uint64ToBigInt, waku } from '@status-communities/proto';
import { checkRelayable } from '../limits.js';
import { messageHashHex } from '../message-hash.js';
import type { ReceivedMessage, WakuNode } from '../waku-node.js';
import type { StoreEntry } from './store-client.js';
import { queryStore } from './store-client.js';
import { MAX_CONTENT_TOPICS, MAX_PAGE_SIZE } from './store-protocol.js';
import type { StoreQueryFailure } from './store-query-error.js';
import { StoreQueryError } from './store-query-error.js';

export interface BackfillOptions {
  readonly node: WakuNode;
  /** Store nodes, as multiaddrs with /p2p/ (or peer ids the node knows); each is walked in turn. */
  readonly peers: readonly string[];
  readonly pubsubTopics: readonly string[];
  /** Asked for MAX_CONTENT_TOPICS at a time. */
  readonly contentTopics: readonly string[];
  /** Unix ns, inclusive. */
  readonly sinceNs: bigint;
  /** Unix ns, exclusive. Default: no end. */
  readonly untilNs?: bigint;
  /**
   * Once per message hash, called in each query's order (oldest first) for a whole page at once; the page's calls
   * are awaited before the next page.
   */
  readonly onMessage: (message: BackfilledMessage) => void | Promise<void>;
  /**
   * Of a page's new hashes, those the caller already has (its own archive, say): counted as `known` and not
   * delivered. Asked once per page, so a back-fill over history it mostly holds costs a lookup per page.
   */
  readonly known?: (hashes: readonly string[]) => Promise<ReadonlySet<string>>;
  /** After every page. */
  readonly onProgress?: (progress: BackfillProgress) => void;
  /** Pages per (peer, pubsub topic, content topics) query. Default 100 (10,000 messages). */
  readonly maxPagesPerQuery?: number;
  /** Default 10 s. */
  readonly pageTimeoutMs?: number;
  /** The whole back-fill. Default 5 min. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * A stored message, checked, in the shape relay delivers, so it can take the same inbound path. `bytes` is the
 * message as we encode it (a store sends fields, not the publisher's bytes); the hash does not depend on it.
 */
export interface BackfilledMessage extends ReceivedMessage {
  /** The store node it came from. */
  readonly storePeer: string;
}

/**
 * Entries dropped: `hash-mismatch` (the key is not the message's 14/WAKU2-MESSAGE hash), `invalid` (no message,
 * or one 11/WAKU2-RELAY would refuse), `unrequested` (another topic, or outside the time range).
 */
export type BackfillDrop = 'hash-mismatch' | 'invalid' | 'unrequested';

export interface BackfillCounts {
  readonly pages: number;
  readonly delivered: number;
  /** Already delivered by an earlier page or peer. */
  readonly duplicates: number;
  /** Already had by the caller (`known`). */
  readonly known: number;
  readonly dropped: Readonly<Record<BackfillDrop, number>>;
}

export interface BackfillProgress extends BackfillCounts {
  readonly peer: string;
  readonly pubsubTopic: string;
}

export interface BackfillFailure {
  readonly peer: string;
  readonly pubsubTopic: string;
  readonly failure: StoreQueryFailure;
  readonly message: string;
}

export interface BackfillReport extends BackfillCounts {
  /** Queries that failed; the others still ran. */
  readonly failures: readonly BackfillFailure[];
  /**
   * Every (pubsub topic, content topics) query reached its last page at one peer at least: the stores are
   * replicas, so one that fails or is unreachable costs nothing while another answered in full.
   */
  readonly complete: boolean;
}

const DEFAULT_MAX_PAGES_PER_QUERY = 100;
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );

class BackfillTally {
  pages = 0;
  delivered = 0;
  duplicates = 0;
  known = 0;
  readonly dropped: Record<BackfillDrop, number> = { 'hash-mismatch': 0, invalid: 0, unrequested: 0 };
  readonly failures: BackfillFailure[] = [];

  counts(): BackfillCounts {
    return {
      pages: this.pages,
      delivered: this.delivered,
      duplicates: this.duplicates,
      known: this.known,
      dropped: { ...this.dropped },
    };
  }
}

interface QueryScope {
  readonly peer: string;
  readonly pubsubTopic: string;
  readonly contentTopics: ReadonlySet<string>;
  readonly sinceNs: bigint;
  readonly untilNs?: bigint;
}

/** The checked message, or why it is dropped. */
const checkEntry = (entry: StoreEntry, scope: QueryScope): BackfilledMessage | BackfillDrop => {
  const { message } = entry;
  if (message === undefined) return 'invalid';
  const bytes = waku.WakuMessage.encode(message).finish();
  if (!checkRelayable(message, bytes.length).ok) return 'invalid';
  // Older store nodes leave the pubsub topic out; the query named it.
  const pubsubTopic = entry.pubsubTopic ?? scope.pubsubTopic;
  const timestampNs = uint64ToBigInt(message.timestamp);
  if (
    pubsubTopic !== scope.pubsubTopic ||
    !scope.contentTopics.has(message.contentTopic) ||
    timestampNs < scope.sinceNs ||
    (scope.untilNs !== undefined && timestampNs >= scope.untilNs)
  )
    return 'unrequested';
  const hash = messageHashHex(pubsubTopic, message);
  if (hash !== entry.hash) return 'hash-mismatch';
  return { pubsubTopic, message, bytes, hash, receivedAt: Date.now(), storePeer: scope.peer };
};

/**
 * Fetches the history of some content topics from store nodes (13/WAKU2-STORE v3) and hands each message to
 * `onMessage` once per hash, after checking that its hash is the one the store gave and that relay would accept
 * it. A peer that fails is reported and skipped. Resolves with counts when done, out of time or aborted;
 * rejects only when `onMessage` does.
 */
export const backfill = async (options: BackfillOptions): Promise<BackfillReport> => {
  const tally = new BackfillTally();
  const seen = new Set<string>();
  const deadline = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal === undefined ? deadline : AbortSignal.any([options.signal, deadline]);
  const maxPages = options.maxPagesPerQuery ?? DEFAULT_MAX_PAGES_PER_QUERY;

  /** True when the query reached its last page. */
  const walk = async (scope: QueryScope): Promise<boolean> => {
    const pages = queryStore(
      options.node,
      scope.peer,
      {
        pubsubTopic: scope.pubsubTopic,
        contentTopics: [...scope.contentTopics],
        timeStartNs: scope.sinceNs,
        ...(scope.untilNs !== undefined && { timeEndNs: scope.untilNs }),
        pageSize: MAX_PAGE_SIZE,
        forward: true,
        includeData: true,
      },
      {
        maxPages,
        signal,
        ...(options.pageTimeoutMs !== undefined && { pageTimeoutMs: options.pageTimeoutMs }),
      },
    );
    let cursor: string | undefined;
    for await (const page of pages) {
      tally.pages++;
      cursor = page.cursor;
      const fresh: BackfilledMessage[] = [];
      for (const entry of page.entries) {
        const checked = checkEntry(entry, scope);
        if (typeof checked === 'string') tally.dropped[checked]++;
        else if (seen.has(checked.hash)) tally.duplicates++;
        else {
          seen.add(checked.hash);
          fresh.push(checked);
        }
      }
      const known =
        options.known === undefined || fresh.length === 0
          ? new Set<string>()
          : await options.known(fresh.map((message) => message.hash));
      const wanted = fresh.filter((message) => !known.has(message.hash));
      tally.known += fresh.length - wanted.length;
      // Started in order, awaited together: a caller that queues on a pipelined connection keeps the order
      // without a round trip per message.
      await Promise.all(
        wanted.map(async (message) => {
          await options.onMessage(message);
          tally.delivered++;
        }),
      );
      options.onProgress?.({ peer: scope.peer, pubsubTopic: scope.pubsubTopic, ...tally.counts() });
    }
    // The last page still had a cursor: maxPages ended the query.
    return cursor === undefined;
  };

  const scopes = options.pubsubTopics.flatMap((pubsubTopic) =>
    chunks(options.contentTopics, MAX_CONTENT_TOPICS).map((contentTopics) => ({
      pubsubTopic,
      contentTopics,
    })),
  );
  const answered = new Set<(typeof scopes)[number]>();

  for (const peer of options.peers)
    for (const scope of scopes) {
      const { pubsubTopic, contentTopics } = scope;
      if (signal.aborted) {
        tally.failures.push({
          peer,
          pubsubTopic,
          failure: 'aborted',
          message: 'back-fill out of time or aborted',
        });
        continue;
      }
      try {
        const whole = await walk({
          peer,
          pubsubTopic,
          contentTopics: new Set(contentTopics),
          sinceNs: options.sinceNs,
          ...(options.untilNs !== undefined && { untilNs: options.untilNs }),
        });
        if (whole) answered.add(scope);
      } catch (error) {
        if (!(error instanceof StoreQueryError)) throw error;
        tally.failures.push({ peer, pubsubTopic, failure: error.failure, message: error.message });
      }
    }
  return {
    ...tally.counts(),
    failures: tally.failures,
    complete: scopes.every((scope) => answered.has(scope)),
  };
};
