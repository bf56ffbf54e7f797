import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { createMetrics } from '@status-communities/observability';
import { bigIntToUint64, waku } from '@status-communities/proto';
import type { ArchiveQuery } from '@status-communities/waku';
import {
  DropReason,
  InMemoryStoreArchive,
  messageHashHex,
  pubsubTopicForShard,
} from '@status-communities/waku';
import type { ArchivePolicy } from './archive.js';
import {
  Archiver,
  PostgresStoreArchive,
  archivedHashes,
  checkArchivable,
  lastArchivedNs,
  pruneArchive,
  retentionCutoffNs,
} from './archive.js';
import type { InboundCandidate } from './inbound.js';
import { createGatewayMetrics } from './metrics.js';
import { captureLogs, metricValue } from './testing/fixtures.js';

const NOW_MS = Date.UTC(2026, 0, 15, 12);
const MS_PER_DAY = 86_400_000;
const TOPIC_A = '/waku/1/0x0000000a/rfc26';
const TOPIC_B = '/waku/1/0x0000000b/rfc26';
const TOPIC_C = '/waku/1/0x0000000c/rfc26';
const SHARD_32 = pubsubTopicForShard(32);
const SHARD_64 = pubsubTopicForShard(64);

const nsAt = (ms: number): bigint => BigInt(ms) * 1_000_000n;

/** A message as the relay delivers it, arriving at NOW_MS unless `receivedAt` says otherwise. */
const candidate = (
  options: {
    pubsubTopic?: string;
    contentTopic?: string;
    timestampNs?: bigint;
    ephemeral?: boolean;
    meta?: Uint8Array;
    receivedAt?: number;
  } = {},
): InboundCandidate => {
  const bytes = waku.WakuMessage.encode({
    payload: randomBytes(24),
    contentTopic: options.contentTopic ?? TOPIC_A,
    version: 1,
    timestamp: bigIntToUint64(options.timestampNs ?? nsAt(NOW_MS)),
    ...(options.meta === undefined ? {} : { meta: options.meta }),
    ...(options.ephemeral === undefined ? {} : { ephemeral: options.ephemeral }),
  }).finish();
  const message = waku.WakuMessage.decode(bytes);
  const pubsubTopic = options.pubsubTopic ?? SHARD_32;
  return {
    pubsubTopic,
    message,
    bytes,
    hash: messageHashHex(pubsubTopic, message),
    receivedAt: options.receivedAt ?? NOW_MS,
  };
};

const policy: ArchivePolicy = { nowMs: NOW_MS, retentionDays: 30 };

describe('checkArchivable', () => {
  it('keeps a timely relayed message and returns its timestamp', () => {
    expect(checkArchivable(candidate({ timestampNs: nsAt(NOW_MS - 5_000) }), 'relay', policy)).toEqual({
      ok: true,
      value: nsAt(NOW_MS - 5_000),
    });
  });

  it.each([
    ['that is ephemeral', { ephemeral: true }, 'relay', 'ephemeral'],
    [
      'relayed 21 s after its timestamp',
      { timestampNs: nsAt(NOW_MS - 21_000) },
      'relay',
      DropReason.STALE_TIMESTAMP,
    ],
    [
      'relayed 21 s before its timestamp',
      { timestampNs: nsAt(NOW_MS + 21_000) },
      'relay',
      DropReason.FUTURE_TIMESTAMP,
    ],
    ['back-filled without a timestamp', { timestampNs: 0n }, 'backfill', DropReason.MISSING_TIMESTAMP],
    [
      'back-filled from before retention',
      { timestampNs: nsAt(NOW_MS - 31 * MS_PER_DAY) },
      'backfill',
      'expired',
    ],
  ] as const)('skips a message %s', (_name, options, source, reason) => {
    expect(checkArchivable(candidate(options), source, policy)).toEqual({ ok: false, error: reason });
  });

  it('keeps back-filled history that relay would call stale, within retention', () => {
    const old = candidate({ timestampNs: nsAt(NOW_MS - 29 * MS_PER_DAY) });
    expect(checkArchivable(old, 'backfill', policy).ok).toBe(true);
    expect(checkArchivable(old, 'relay', policy).ok).toBe(false);
  });
});

describe('retentionCutoffNs', () => {
  it('is the given number of days before now, in ns', () => {
    expect(retentionCutoffNs(NOW_MS, 30)).toBe(nsAt(NOW_MS - 30 * MS_PER_DAY));
  });
});

describe('the archive on a real PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });
  beforeEach(async () => {
    await db.prisma.wakuMessage.deleteMany();
  });

  const newArchiver = (options: { batchSize?: number } = {}) => {
    const metrics = createMetrics({ serviceName: 'waku-gateway', defaultMetrics: false });
    const archiver = new Archiver({
      prisma: db.prisma,
      metrics: createGatewayMetrics(metrics, () => []),
      logger: captureLogs().logger,
      retentionDays: 30,
      clock: () => NOW_MS,
      ...options,
    });
    return { archiver, metrics };
  };

  describe('PostgresStoreArchive', () => {
    /**
     * 90 messages on two shards and three content topics, 30 distinct timestamps (so ties are ordered by hash),
     * in both archives.
     */
    const fillBoth = async (): Promise<{ memory: InMemoryStoreArchive; postgres: PostgresStoreArchive }> => {
      const memory = new InMemoryStoreArchive();
      const { archiver } = newArchiver();
      archiver.watch(new Set([TOPIC_A, TOPIC_B, TOPIC_C]));
      for (let i = 0; i < 90; i++) {
        const offered = candidate({
          pubsubTopic: i % 2 === 0 ? SHARD_32 : SHARD_64,
          contentTopic: [TOPIC_A, TOPIC_B, TOPIC_C][i % 3],
          timestampNs: nsAt(NOW_MS - 60_000) + BigInt(i % 30),
          ...(i % 4 === 0 ? { meta: Uint8Array.of(i) } : {}),
        });
        archiver.offer(offered, 'backfill');
        memory.add(offered);
      }
      await archiver.flush();
      return { memory, postgres: new PostgresStoreArchive(db.prisma) };
    };

    /** Every page of a query, following cursors, as hash lists. */
    const walk = async (archive: { query: InMemoryStoreArchive['query'] }, query: ArchiveQuery) => {
      const pages: { hashes: string[]; nextCursor: string | undefined }[] = [];
      let cursor: string | undefined;
      do {
        const page = await archive.query({ ...query, ...(cursor === undefined ? {} : { cursor }) });
        pages.push({ hashes: page.messages.map((entry) => entry.hash), nextCursor: page.nextCursor });
        cursor = page.nextCursor;
      } while (cursor !== undefined && pages.length < 200);
      return pages;
    };

    it('answers every query page for page as the in-memory archive of libs/waku does', async () => {
      const { memory, postgres } = await fillBoth();
      const base = nsAt(NOW_MS - 60_000);
      const some = (await memory.query({ contentTopics: [], limit: 100, forward: true })).messages
        .filter((_, index) => index % 7 === 0)
        .map((entry) => entry.hash);
      const queries: ArchiveQuery[] = [];
      for (const forward of [true, false])
        for (const limit of [1, 7, 20, 100]) {
          queries.push({ contentTopics: [], limit, forward });
          queries.push({ pubsubTopic: SHARD_32, contentTopics: [TOPIC_A], limit, forward });
          queries.push({ pubsubTopic: SHARD_64, contentTopics: [TOPIC_B, TOPIC_C], limit, forward });
          queries.push({
            contentTopics: [TOPIC_C],
            timeStartNs: base + 5n,
            timeEndNs: base + 17n,
            limit,
            forward,
          });
          queries.push({ contentTopics: [], timeStartNs: base + 29n, limit, forward });
          queries.push({ contentTopics: [], hashes: some, limit, forward });
        }
      for (const query of queries) {
        const expected = await walk(memory, query);
        expect([query, await walk(postgres, query)]).toEqual([query, expected]);
      }
      expect(
        (await walk(postgres, { contentTopics: [], limit: 100, forward: true }))[0]?.hashes,
      ).toHaveLength(90);
    });

    it('returns each message as stored, under its own 14/WAKU2-MESSAGE hash', async () => {
      const { archiver } = newArchiver();
      archiver.watch(new Set([TOPIC_A]));
      const offered = candidate({ meta: Uint8Array.of(1, 2, 3), pubsubTopic: SHARD_64 });
      archiver.offer(offered, 'relay');
      await archiver.flush();

      const { messages, nextCursor } = await new PostgresStoreArchive(db.prisma).query({
        contentTopics: [],
        limit: 20,
        forward: true,
      });
      expect(nextCursor).toBeUndefined();
      expect(messages).toHaveLength(1);
      const [stored] = messages;
      expect(stored?.hash).toBe(offered.hash);
      expect(stored?.pubsubTopic).toBe(SHARD_64);
      expect(messageHashHex(SHARD_64, stored?.message ?? {})).toBe(offered.hash);
      expect(waku.WakuMessage.encode(stored?.message ?? {}).finish()).toEqual(offered.bytes);
    });

    it('gives an empty page for a cursor it does not hold', async () => {
      await fillBoth();
      const page = await new PostgresStoreArchive(db.prisma).query({
        contentTopics: [],
        cursor: 'ab'.repeat(32),
        limit: 20,
        forward: true,
      });
      expect(page).toEqual({ messages: [] });
    });
  });

  describe('Archiver', () => {
    it('archives watched content topics only, each hash once, across copies and gateways', async () => {
      const first = newArchiver();
      const second = newArchiver();
      for (const { archiver } of [first, second]) archiver.watch(new Set([TOPIC_A]));
      const watched = candidate({ contentTopic: TOPIC_A });
      const unwatched = candidate({ contentTopic: TOPIC_B });
      for (const { archiver } of [first, second]) {
        archiver.offer(watched, 'relay');
        archiver.offer(watched, 'backfill');
        archiver.offer(unwatched, 'relay');
      }
      await Promise.all([first.archiver.flush(), second.archiver.flush()]);

      const rows = await db.prisma.wakuMessage.findMany();
      expect(rows.map((row) => Buffer.from(row.hash).toString('hex'))).toEqual([watched.hash]);
      expect(rows[0]).toMatchObject({ pubsubTopic: SHARD_32, contentTopic: TOPIC_A, version: 1, meta: null });
      const archived = await Promise.all(
        [first, second].map(({ metrics }) => metricValue(metrics, 'waku_gateway_archived_messages_total')),
      );
      expect(archived.reduce((a, b) => a + b)).toBe(1);
    });

    it('writes in batches and on its own after the flush interval', async () => {
      const { archiver, metrics } = newArchiver({ batchSize: 100 });
      archiver.watch(new Set([TOPIC_A]));
      for (let i = 0; i < 250; i++) archiver.offer(candidate(), 'relay');
      const waitForRows = async (count: number) => {
        const deadline = Date.now() + 5_000;
        while ((await db.prisma.wakuMessage.count()) < count && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 20));
      };
      // Two full batches go at once, the last 50 after the interval, without a flush call.
      await waitForRows(250);
      expect(await db.prisma.wakuMessage.count()).toBe(250);
      expect(await metricValue(metrics, 'waku_gateway_archived_messages_total')).toBe(250);
    });

    it('counts what it skips by reason', async () => {
      const { archiver, metrics } = newArchiver();
      archiver.watch(new Set([TOPIC_A]));
      archiver.offer(candidate({ ephemeral: true }), 'relay');
      archiver.offer(candidate({ timestampNs: nsAt(NOW_MS - 60_000) }), 'relay');
      await archiver.flush();
      expect(await db.prisma.wakuMessage.count()).toBe(0);
      expect(await metricValue(metrics, 'waku_gateway_archive_skipped_total', { reason: 'ephemeral' })).toBe(
        1,
      );
      expect(
        await metricValue(metrics, 'waku_gateway_archive_skipped_total', {
          reason: DropReason.STALE_TIMESTAMP,
        }),
      ).toBe(1);
    });
  });

  describe('retention', () => {
    it('deletes messages older than the retention period and keeps the rest', async () => {
      const ages = [40, 31, 29, 1];
      const offered = ages.map((days) => candidate({ timestampNs: nsAt(NOW_MS - days * MS_PER_DAY) }));
      // Written as if retention were longer, then swept with 30 days.
      await db.prisma.wakuMessage.createMany({
        data: offered.map((entry) => ({
          hash: Buffer.from(entry.hash, 'hex'),
          pubsubTopic: entry.pubsubTopic,
          contentTopic: entry.message.contentTopic,
          timestamp: BigInt(entry.message.timestamp?.toString() ?? '0'),
          payload: new Uint8Array(entry.message.payload),
          version: 1,
        })),
      });

      expect(await pruneArchive(db.prisma, retentionCutoffNs(NOW_MS, 30))).toBe(2);
      const left = await db.prisma.wakuMessage.findMany({ orderBy: { timestamp: 'asc' } });
      expect(left.map((row) => Buffer.from(row.hash).toString('hex'))).toEqual(
        offered.slice(2).map((entry) => entry.hash),
      );
    });
  });

  describe('what back-fill reads', () => {
    const write = async (entries: readonly InboundCandidate[]): Promise<void> => {
      const { archiver } = newArchiver();
      archiver.watch(new Set([TOPIC_A, TOPIC_B, TOPIC_C]));
      for (const entry of entries) archiver.offer(entry, 'backfill');
      await archiver.flush();
    };

    it('finds the newest archived message of each topic set, on the pubsub topics asked', async () => {
      await write([
        candidate({ contentTopic: TOPIC_A, timestampNs: nsAt(NOW_MS - 5_000) }),
        candidate({ contentTopic: TOPIC_B, timestampNs: nsAt(NOW_MS - 3_000) }),
        candidate({ contentTopic: TOPIC_A, timestampNs: nsAt(NOW_MS - 4_000), pubsubTopic: SHARD_64 }),
        candidate({ contentTopic: TOPIC_C, timestampNs: nsAt(NOW_MS - 1_000), pubsubTopic: SHARD_64 }),
      ]);
      const sets = [
        { communityId: 'first', contentTopics: [TOPIC_A, TOPIC_B] },
        { communityId: 'second', contentTopics: [TOPIC_C] },
        { communityId: 'empty', contentTopics: ['/waku/1/0x0000000d/rfc26'] },
      ];
      expect(await lastArchivedNs(db.prisma, sets, [SHARD_32, SHARD_64])).toEqual(
        new Map([
          ['first', nsAt(NOW_MS - 3_000)],
          ['second', nsAt(NOW_MS - 1_000)],
        ]),
      );
      expect(await lastArchivedNs(db.prisma, sets, [SHARD_64])).toEqual(
        new Map([
          ['first', nsAt(NOW_MS - 4_000)],
          ['second', nsAt(NOW_MS - 1_000)],
        ]),
      );
      expect(await lastArchivedNs(db.prisma, [], [SHARD_32])).toEqual(new Map());
    });

    it('tells which of some hashes it holds', async () => {
      const held = candidate();
      await write([held]);
      const other = candidate().hash;
      expect(await archivedHashes(db.prisma, [held.hash, other])).toEqual(new Set([held.hash]));
      expect(await archivedHashes(db.prisma, [])).toEqual(new Set());
    });
  });
});
