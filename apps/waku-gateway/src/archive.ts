import type { PrismaClient } from '@status-communities/db';
import { Prisma } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import { err, ok } from '@status-communities/errors';
import type { Logger } from '@status-communities/observability';
import { bigIntToUint64, uint64ToBigInt } from '@status-communities/proto';
import type { ArchiveQuery, ArchivedMessage, StoreArchive, StorePage } from '@status-communities/waku';
import { DEFAULT_TIMESTAMP_WINDOW_MS, DropReason, checkTimestamp } from '@status-communities/waku';
import type { InboundCandidate, InboundSource } from './inbound.js';
import type { GatewayMetrics } from './metrics.js';

const NS_PER_MS = 1_000_000n;
const MS_PER_DAY = 86_400_000;

const hexToBytes = (hex: string): Uint8Array<ArrayBuffer> => Uint8Array.from(Buffer.from(hex, 'hex'));
/** A copy of its own: Prisma wants a plain ArrayBuffer, and a row must not pin the relay's receive buffer. */
const ownBytes = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);
const bytesToHex = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

interface ArchiveRow {
  readonly hash: Uint8Array;
  readonly pubsubTopic: string;
  readonly contentTopic: string;
  readonly timestamp: bigint;
  readonly payload: Uint8Array;
  readonly meta: Uint8Array | null;
  readonly version: number;
}

const toArchived = (row: ArchiveRow): ArchivedMessage => ({
  hash: bytesToHex(row.hash),
  pubsubTopic: row.pubsubTopic,
  message: {
    payload: row.payload,
    contentTopic: row.contentTopic,
    version: row.version,
    timestamp: bigIntToUint64(row.timestamp),
    ...(row.meta === null ? {} : { meta: row.meta }),
  },
});

/** The WHERE conditions of a query, without the cursor. */
const filters = (query: ArchiveQuery): Prisma.Sql[] => {
  if (query.hashes !== undefined && query.hashes.length > 0)
    return [Prisma.sql`hash IN (${Prisma.join(query.hashes.map(hexToBytes))})`];
  const conditions: Prisma.Sql[] = [];
  if (query.pubsubTopic !== undefined) conditions.push(Prisma.sql`pubsub_topic = ${query.pubsubTopic}`);
  if (query.contentTopics.length > 0)
    conditions.push(Prisma.sql`content_topic IN (${Prisma.join([...query.contentTopics])})`);
  if (query.timeStartNs !== undefined) conditions.push(Prisma.sql`"timestamp" >= ${query.timeStartNs}`);
  if (query.timeEndNs !== undefined) conditions.push(Prisma.sql`"timestamp" < ${query.timeEndNs}`);
  return conditions;
};

/**
 * The Store archive on the WakuMessage table (libs/db): entries in (timestamp, hash) order, hashes compared
 * as bytes (bytea order), which the (timestamp, hash) and (pubsub topic, content topic, timestamp, hash)
 * indexes serve. A cursor the table does not hold gives an empty page.
 */
export class PostgresStoreArchive implements StoreArchive {
  constructor(private readonly prisma: PrismaClient) {}

  async query(query: ArchiveQuery): Promise<StorePage> {
    const conditions = filters(query);
    if (query.cursor !== undefined) {
      const cursor = await this.prisma.wakuMessage.findUnique({
        where: { hash: hexToBytes(query.cursor) },
        select: { timestamp: true, hash: true },
      });
      if (cursor === null) return { messages: [] };
      conditions.push(
        query.forward
          ? Prisma.sql`("timestamp", hash) > (${cursor.timestamp}, ${cursor.hash})`
          : Prisma.sql`("timestamp", hash) < (${cursor.timestamp}, ${cursor.hash})`,
      );
    }
    const where =
      conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
    const direction = Prisma.raw(query.forward ? 'ASC' : 'DESC');
    // One row past the limit tells whether another page follows.
    const rows = await this.prisma.$queryRaw<ArchiveRow[]>`
      SELECT hash, pubsub_topic AS "pubsubTopic", content_topic AS "contentTopic", "timestamp", payload, meta, version
      FROM waku_messages ${where}
      ORDER BY "timestamp" ${direction}, hash ${direction}
      LIMIT ${query.limit + 1}`;
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const messages = (query.forward ? page : page.reverse()).map(toArchived);
    return rows.length > query.limit && last !== undefined
      ? { messages, nextCursor: bytesToHex(last.hash) }
      : { messages };
  }
}

/** Why a message on an archived topic is not archived. Values are metric label values. */
export type ArchiveSkipReason = DropReason | 'ephemeral' | 'expired';

export interface ArchivePolicy {
  readonly nowMs: number;
  readonly retentionDays: number;
  /** How far a relayed message's timestamp may be from its arrival. Default 20 s, as nwaku's store. */
  readonly timestampWindowMs?: number;
}

/** The oldest message timestamp (Unix ns) retention keeps. */
export const retentionCutoffNs = (nowMs: number, retentionDays: number): bigint =>
  BigInt(nowMs - retentionDays * MS_PER_DAY) * NS_PER_MS;

/**
 * What a store node would keep: no ephemeral messages, a timestamp within the window of its arrival for relayed
 * ones (nwaku's rule; back-filled history is old by nature and was checked by the store that kept it), and
 * nothing retention would delete at once.
 */
export const checkArchivable = (
  candidate: Pick<InboundCandidate, 'message' | 'receivedAt'>,
  source: InboundSource,
  policy: ArchivePolicy,
): Result<bigint, ArchiveSkipReason> => {
  const { message } = candidate;
  if (message.ephemeral) return err('ephemeral');
  const timestampNs = uint64ToBigInt(message.timestamp);
  if (source === 'relay') {
    const windowMs = policy.timestampWindowMs ?? DEFAULT_TIMESTAMP_WINDOW_MS;
    const timely = checkTimestamp(message, { nowMs: candidate.receivedAt, windowMs });
    if (!timely.ok) return err(timely.error.reason);
  } else if (timestampNs <= 0n) return err(DropReason.MISSING_TIMESTAMP);
  if (timestampNs < retentionCutoffNs(policy.nowMs, policy.retentionDays)) return err('expired');
  return ok(timestampNs);
};

export interface ArchiverOptions {
  readonly prisma: PrismaClient;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly retentionDays: number;
  /** Rows per INSERT. Default 500. */
  readonly batchSize?: number;
  /** Longest a row waits for its batch to fill. Default 200 ms. */
  readonly flushIntervalMs?: number;
  /** Rows held while the database is unreachable; past it the oldest are dropped. Default 20,000. */
  readonly maxBuffered?: number;
  readonly clock?: () => number;
}

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_FLUSH_INTERVAL_MS = 200;
const DEFAULT_MAX_BUFFERED = 20_000;

/**
 * Writes messages of the archived content topics (hosted and watched communities') to the archive in batches (`createMany`, duplicates skipped, so
 * each hash is stored once however many copies or gateways see it). A failed batch is kept and retried at the
 * next flush.
 */
export class Archiver {
  private watched: ReadonlySet<string> = new Set();
  private buffer: Prisma.WakuMessageCreateManyInput[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxBuffered: number;
  private readonly clock: () => number;

  constructor(private readonly options: ArchiverOptions) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    this.maxBuffered = options.maxBuffered ?? DEFAULT_MAX_BUFFERED;
    this.clock = options.clock ?? Date.now;
  }

  /** Replaces the content topics whose messages are archived. */
  watch(contentTopics: ReadonlySet<string>): void {
    this.watched = contentTopics;
  }

  /** Takes a message that passed the inbound checks; keeps it if its content topic is watched. */
  offer(candidate: InboundCandidate, source: InboundSource): void {
    const { message } = candidate;
    if (!this.watched.has(message.contentTopic)) return;
    const policy = { nowMs: this.clock(), retentionDays: this.options.retentionDays };
    const archivable = checkArchivable(candidate, source, policy);
    if (!archivable.ok) {
      this.options.metrics.archiveSkipped.inc({ reason: archivable.error });
      return;
    }
    this.buffer.push({
      hash: hexToBytes(candidate.hash),
      pubsubTopic: candidate.pubsubTopic,
      contentTopic: message.contentTopic,
      timestamp: archivable.value,
      payload: ownBytes(message.payload),
      meta: message.meta != null && message.meta.length > 0 ? ownBytes(message.meta) : null,
      version: message.version ?? 0,
      receivedAt: new Date(candidate.receivedAt),
    });
    if (this.buffer.length >= this.batchSize) void this.flush();
    else if (this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush(), this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes everything buffered; resolves when done (or failed, then the rows wait for the next flush). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const { prisma, metrics, logger } = this.options;
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.batchSize);
      try {
        const { count } = await prisma.wakuMessage.createMany({ data: batch, skipDuplicates: true });
        metrics.archived.inc(count);
      } catch (error) {
        logger.error({ err: error, rows: batch.length }, 'archive write failed; will retry');
        this.buffer.unshift(...batch);
        const excess = this.buffer.length - this.maxBuffered;
        if (excess > 0) {
          this.buffer.splice(0, excess);
          metrics.archiveSkipped.inc({ reason: 'buffer_full' }, excess);
        }
        this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs * 10);
        this.timer.unref();
        return;
      }
    }
  }
}

/** Deletes archived messages with a timestamp before the cutoff; returns how many. */
export const pruneArchive = async (prisma: PrismaClient, cutoffNs: bigint): Promise<number> => {
  const { count } = await prisma.wakuMessage.deleteMany({ where: { timestamp: { lt: cutoffNs } } });
  return count;
};

/** The content topics of one community, as the archive reads them for its last message. */
export interface TopicSet {
  readonly communityId: string;
  readonly contentTopics: readonly string[];
}

/**
 * The timestamp (Unix ns) of the newest archived message of each topic set on the given pubsub topics: the last
 * message the gateways received for it. Sets with nothing archived are absent. One index probe per (pubsub
 * topic, content topic), so the cost does not grow with the archive.
 */
export const lastArchivedNs = async (
  prisma: PrismaClient,
  topicSets: readonly TopicSet[],
  pubsubTopics: readonly string[],
): Promise<Map<string, bigint>> => {
  const pairs = topicSets.flatMap(({ communityId, contentTopics }) =>
    contentTopics.map((contentTopic) => [communityId, contentTopic] as const),
  );
  if (pairs.length === 0 || pubsubTopics.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ communityId: string; lastNs: bigint }[]>`
    SELECT topic_set.community_id AS "communityId", max(newest."timestamp") AS "lastNs"
    FROM unnest(${pairs.map(([communityId]) => communityId)}::text[], ${pairs.map(([, topic]) => topic)}::text[])
      AS topic_set(community_id, content_topic)
    CROSS JOIN unnest(${[...pubsubTopics]}::text[]) AS shard(pubsub_topic)
    CROSS JOIN LATERAL (
      SELECT "timestamp" FROM waku_messages
      WHERE pubsub_topic = shard.pubsub_topic AND content_topic = topic_set.content_topic
      ORDER BY "timestamp" DESC LIMIT 1
    ) AS newest
    GROUP BY topic_set.community_id`;
  return new Map(rows.map((row) => [row.communityId, row.lastNs]));
};

/** Of these message hashes (hex), those the archive holds. */
export const archivedHashes = async (
  prisma: PrismaClient,
  hashes: readonly string[],
): Promise<Set<string>> => {
  if (hashes.length === 0) return new Set();
  const rows = await prisma.wakuMessage.findMany({
    where: { hash: { in: hashes.map(hexToBytes) } },
    select: { hash: true },
  });
  return new Set(rows.map((row) => bytesToHex(row.hash)));
};
