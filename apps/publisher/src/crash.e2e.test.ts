// A publisher killed between the transaction that records a publish and the append of its `community.updated`
// event: the event was written to the outbox in that transaction, so after a restart the sweep appends it,
// once. The kill lands in that window for certain: the test holds the publish transaction on a table lock
// until Redis refuses writes (CLIENT PAUSE WRITE, on a Redis server of the test's own so that nobody else is
// paused), lets the transaction commit, and kills the process while its append waits on the pause.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { prismaSql } from '@status-communities/db';
import {
  EventOutbox,
  closeRedis,
  createRedisConnection,
  enqueue,
  eventStream,
  readEvents,
} from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import { spawnSourceMain, startOwnRedisServer, waitFor } from '@status-communities/testing';
import type { OwnRedisServer } from '@status-communities/testing';
import type { Harness } from './testing/harness.js';
import { createHarness } from './testing/harness.js';

const identity = {
  displayName: 'Crash',
  color: '#887af9',
  emoji: '🦄',
  images: [],
  tags: [],
  introMessage: '',
  outroMessage: '',
};

describe('a publisher killed between its transaction and the event append', () => {
  let redisServer: OwnRedisServer;
  let h: Harness;
  let admin: RedisClient;

  beforeAll(async () => {
    redisServer = await startOwnRedisServer();
    h = await createHarness('crash', redisServer.url);
    admin = createRedisConnection(redisServer.url);
  });
  afterAll(async () => {
    await admin?.call('CLIENT', 'UNPAUSE');
    await h?.close();
    if (admin) await closeRedis(admin);
    await redisServer?.close();
  });

  const communityUpdates = async () =>
    (await readEvents(h.redis, { stream: eventStream({ prefix: h.prefix }), count: 1_000 })).events
      .map((stored) => stored.event)
      .filter((event) => event.type === 'community.updated');

  it('leaves the event in the outbox, and the restarted publisher appends it exactly once', async () => {
    await h.start();
    const created = await h.command({
      actor: 'api-key-test',
      type: 'community.create',
      correlationId: 'create',
      tenantId: h.tenantId,
      identity: { ...identity, description: 'Killed mid-publish' },
      permissions: { access: 'AUTO_ACCEPT', ensOnly: false },
    });
    const communityId: string = created.returnvalue.communityId;
    await waitFor('the first description’s event', async () => (await communityUpdates()).length === 1);
    await h.stopPublisher();

    // Holds the next publish inside its transaction: its snapshot insert waits for this lock.
    const locker = new pg.Client({ connectionString: h.db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE description_snapshots IN SHARE MODE');

    const edit = await enqueue(h.commands, {
      actor: 'api-key-test',
      type: 'community.update',
      correlationId: 'edit',
      communityId,
      identity: { ...identity, description: 'New words' },
    });
    if (!edit.ok) throw edit.error;
    const child = spawnSourceMain(new URL('./main.ts', import.meta.url), {
      ...h.env,
      PUBLISH_DEBOUNCE_MS: '0',
      LOG_LEVEL: 'silent',
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    await waitFor(
      'the publish transaction waiting on the lock',
      async () => {
        if (child.exitCode !== null) throw new Error(`publisher exited: ${stderr}`);
        const { rows } = await locker.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_locks
           WHERE NOT granted AND relation = 'description_snapshots'::regclass`,
        );
        return rows[0]?.waiting === 1;
      },
      { timeoutMs: 60_000 },
    );
    const { clock } = await h.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
    // From here Redis takes no write, the append included; then the transaction commits.
    await admin.call('CLIENT', 'PAUSE', '600000', 'WRITE');
    await locker.query('COMMIT');
    await locker.end();
    await waitFor(
      'the publish transaction committed',
      async () =>
        (await h.prisma.community.findUniqueOrThrow({ where: { id: communityId } })).lastPublishedClock ===
        clock,
    );
    child.kill('SIGKILL');
    await once(child, 'exit');
    // Gone before Redis takes writes again, so nothing the dead process sent is ever run.
    await waitFor(
      'the dead publisher’s connections closed',
      async () => !String(await admin.call('CLIENT', 'LIST')).includes('name=publisher:'),
    );
    await admin.call('CLIENT', 'UNPAUSE');

    // Committed, not appended: the event waits in the outbox.
    expect(await communityUpdates()).toHaveLength(1);
    expect(await h.prisma.eventOutbox.count()).toBe(1);

    await h.start({ OUTBOX_SWEEP_SECONDS: '1' });
    await waitFor('an empty outbox', async () => (await h.prisma.eventOutbox.count()) === 0);
    const sweepAgain = new EventOutbox(prismaSql(h.prisma), h.redis, eventStream({ prefix: h.prefix }));
    expect(await sweepAgain.sweep(Date.now() + 60_000)).toBe(0);
    const events = await communityUpdates();
    expect(events.map((event) => event.type === 'community.updated' && event.clock)).toEqual([
      expect.any(String),
      String(clock),
    ]);
    expect(events[1]).toMatchObject({
      communityId,
      correlationId: 'edit',
      changes: ['identity.description'],
    });
  });
});
