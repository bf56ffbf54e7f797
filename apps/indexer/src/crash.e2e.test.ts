import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PrismaClient } from '@status-communities/db';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { enqueue } from '@status-communities/queue';
import type { DomainEvent, InboundWakuMessage } from '@status-communities/queue';
import { newKey, spawnSourceMain, TestCommunity, waitFor } from '@status-communities/testing';
import type { Harness } from './testing/harness.js';
import { REDIS_URL, startHarness, waitForJobs } from './testing/harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the indexer stored, without what differs between runs (row ids, receipt times). */
const storedContent = async (prisma: PrismaClient) => ({
  communities: await prisma.$queryRaw`SELECT id, clock::text, member_count FROM communities ORDER BY id`,
  snapshots:
    await prisma.$queryRaw`SELECT clock::text, member_count FROM description_snapshots ORDER BY clock`,
  members:
    await prisma.$queryRaw`SELECT member_key, state::text, roles::text FROM members ORDER BY member_key`,
  memberEvents: await prisma.$queryRaw`
    SELECT member_key, type::text, clock::text FROM member_events ORDER BY member_key, type, clock`,
  messages: await prisma.$queryRaw`
    SELECT id, channel_id, author_key, clock::text, text, current_text, edit_count, edit_clock::text, deleted, pinned
    FROM messages ORDER BY id`,
  edits: await prisma.$queryRaw`SELECT id, message_id, clock::text, text FROM message_edits ORDER BY id`,
  reactions: await prisma.$queryRaw`
    SELECT message_id, member_key, type::text, retracted, clock::text FROM reactions ORDER BY 1, 2, 3`,
  daily: await prisma.$queryRaw`
    SELECT community_id, day::text, messages, unique_posters, joined, "left", member_count
    FROM community_daily_stats ORDER BY 1, 2`,
  posters:
    await prisma.$queryRaw`SELECT community_id, day::text, author_key, messages FROM daily_posters ORDER BY 1, 2, 3`,
  channelDaily: await prisma.$queryRaw`
    SELECT channel_id, day::text, messages, unique_posters FROM channel_daily_stats ORDER BY 1, 2`,
  channelPosters: await prisma.$queryRaw`
    SELECT channel_id, day::text, author_key, messages FROM channel_daily_posters ORDER BY 1, 2, 3`,
  hourly: await prisma.$queryRaw`SELECT community_id, hour, messages FROM hourly_activity ORDER BY 1, 2`,
  outbox: await prisma.$queryRaw`SELECT count(*)::int AS rows FROM event_outbox`,
});

/** The events on the stream, as a sorted list of what each announced. */
const announced = (events: readonly DomainEvent[]): string[] =>
  events
    .map((event) => {
      const subject = 'messageId' in event ? event.messageId : 'memberKey' in event ? event.memberKey : '';
      const detail = event.type === 'reaction.changed' ? `${event.reactorKey}:${event.emoji}` : '';
      return `${event.type} ${subject} ${detail} ${event.correlationId}`;
    })
    .sort();

const owner = newKey();
const members = Array.from({ length: 20 }, () => newKey());
const joiners = [newKey(), newKey()];
const community = new TestCommunity(owner);
for (const member of members) community.addMember(member);
const channels = [community.addChannel('general'), community.addChannel('random')];
const member = (i: number) => members[i % members.length]!;

// Before the crash: the community and the messages later traffic edits and reacts to.
const setup: InboundWakuMessage[] = [community.description().inbound];
const targets = Array.from({ length: 40 }, (_, i) =>
  community.chat(member(i), channels[i % 2]!, `target ${i}`),
);
setup.push(...targets.map((target) => target.inbound));

// The traffic in flight when the worker dies. Its outcome must not depend on its order, because the jobs
// the dead worker held come back behind the others: messages from existing members, edits and reactions
// to messages stored before (the latest clock wins either way), and one description that adds members.
const now = Date.now();
const crashTraffic: InboundWakuMessage[] = [];
for (let i = 0; i < 500; i++)
  crashTraffic.push(community.chat(member(i), channels[i % 2]!, `message ${i}`, { atMs: now + i }).inbound);
for (const [i, target] of targets.entries()) {
  const author = member(i);
  crashTraffic.push(
    community.edit(author, channels[i % 2]!, target.messageId, `edited ${i}`, { atMs: now + 1_000 + i })
      .inbound,
  );
  crashTraffic.push(
    community.react(member(i + 1), channels[i % 2]!, target.messageId, 'THUMBS_UP', false, {
      atMs: now + 2_000 + i,
    }).inbound,
  );
}
for (const joiner of joiners) community.addMember(joiner);
crashTraffic.splice(250, 0, community.description({ atMs: now + 250 }).inbound);

describe('a worker killed mid-batch', () => {
  let reference: { content: unknown; events: string[] };

  beforeAll(async () => {
    // The same traffic through an indexer nobody kills.
    const clean = await startHarness();
    try {
      await clean.watch(community.communityId);
      await clean.publish(...setup);
      await clean.publish(...crashTraffic);
      reference = { content: await storedContent(clean.db.prisma), events: announced(await clean.events()) };
    } finally {
      await clean.close();
    }
  });

  let db: TestDatabase;
  let recovery: Harness | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await recovery?.close();
    await db.drop();
  });

  it('loses nothing: its jobs are retried and the result is the one of an uninterrupted run', async () => {
    // Set up by one indexer, which then stops cleanly.
    const fastRecovery = { INDEXER_STALLED_INTERVAL_MS: '300' };
    const before = await startHarness({ db, env: fastRecovery });
    await before.watch(community.communityId);
    await before.publish(...setup);
    await before.indexer.stop();
    const { prefix } = before;
    for (const message of crashTraffic) {
      const added = await enqueue(before.inbound, message);
      if (!added.ok) throw added.error;
    }
    await before.stop();

    // A separate process takes the queue in small batches and is killed in the middle of it.
    const child = spawnSourceMain(new URL('./main.ts', import.meta.url), {
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      HEALTH_PORT: '0',
      LOG_LEVEL: 'silent',
      INDEXER_BATCH_SIZE: '10',
      INDEXER_CONCURRENCY: '30',
      // How soon the dead worker's jobs come back: its lock expires, and the stalled-job checks (at
      // most one per interval across all workers of the queue) return them.
      INDEXER_LOCK_DURATION_MS: '1000',
      ...fastRecovery,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const stored = () => db.prisma.message.count();
    const deadline = Date.now() + 60_000;
    while ((await stored()) < targets.length + 20) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`indexer did not get going: ${stderr}`);
      await sleep(5);
    }
    child.kill('SIGKILL');
    await once(child, 'exit');
    const storedAtKill = await stored();

    recovery = await startHarness({
      db,
      prefix,
      env: { ...fastRecovery, INDEXER_OUTBOX_SWEEP_SECONDS: '1' },
    });
    // Jobs were taken and not finished: the dead worker was in the middle of batches.
    expect(await recovery.inbound.getActiveCount()).toBeGreaterThan(0);
    expect(storedAtKill).toBeLessThan(targets.length + 500);

    await waitForJobs(
      recovery.inbound,
      crashTraffic.map((message) => message.hash),
      60_000,
    );
    // Events the dead process committed but never appended come out of the outbox.
    await waitFor('an empty outbox', async () => (await db.prisma.eventOutbox.count()) === 0);

    expect(await recovery.inbound.getFailedCount()).toBe(0);
    expect(await storedContent(db.prisma)).toEqual(reference.content);
    expect(announced(await recovery.events())).toEqual(reference.events);
  });
});
