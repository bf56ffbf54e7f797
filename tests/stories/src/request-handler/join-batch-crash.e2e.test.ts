import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import type { CreatedCommunity } from '@status-communities/publisher/testing';
import { createCommunity } from '@status-communities/publisher/testing';
import { REQUEST_HANDLER_MAIN } from '@status-communities/request-handler/testing';
import { freePort, spawnSourceMain, StatusMember, waitFor } from '@status-communities/testing';
import type { Harness } from './harness.js';
import { createRequestHarness, outcomeOf } from './harness.js';

/**
 * The request handler's process dies while a batch of joins is in its transaction: nothing of the batch is
 * stored, and the next handler (once BullMQ sees the dead worker's jobs stalled) accepts every requester once.
 */
describe('request handler: a crash in the middle of a batch of joins', () => {
  let h: Harness;
  let community: CreatedCommunity;

  beforeAll(async () => {
    h = await createRequestHarness('join-crash');
    community = await createCommunity(h.p, 'Crash course');
    await h.p.takeOutbound();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A transaction of the test's holding `lock` until released. */
  const hold = async (lock: string) => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const done = h.p.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(lock);
        held = true;
        await released;
      },
      { timeout: 180_000 },
    );
    await waitFor(`${lock} held`, () => held);
    return async () => {
      release();
      await done;
    };
  };
  const blockedOn = (pattern: string) =>
    h.p.prisma
      .$queryRawUnsafe<{ pid: number }[]>(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1`,
        pattern,
      )
      .then((rows) => rows.length > 0);
  const inbound = async (message: ReturnType<StatusMember['requestToJoin']>, jobId: string) => {
    await h.requests.add(
      'request.inbound',
      {
        type: 'request.inbound',
        correlationId: message.correlationId,
        communityId: community.communityId,
        message,
      },
      { jobId },
    );
    return jobId;
  };
  const settled = (jobId: string, timeoutMs = 20_000) =>
    waitFor(
      `job ${jobId} to finish`,
      async () => {
        const state = await h.requests.getJobState(jobId);
        return state === 'completed' || state === 'failed' ? h.requests.getJob(jobId) : undefined;
      },
      { timeoutMs },
    );

  it('loses no join and stores none twice', async () => {
    const { communityId } = community;
    const port = await freePort();
    const child = spawnSourceMain(REQUEST_HANDLER_MAIN, {
      DATABASE_URL: h.p.db.url,
      REDIS_URL: h.p.config.REDIS_URL,
      REDIS_KEY_PREFIX: h.p.prefix,
      KEYRING_MASTER_KEY: h.p.config.KEYRING_MASTER_KEY.revealHex(),
      KEYRING_MASTER_KEY_ID: h.p.config.KEYRING_MASTER_KEY_ID,
      HEALTH_PORT: String(port),
      LOG_LEVEL: 'silent',
      PUBLISH_DEBOUNCE_MS: '300',
    });
    const alive = () => {
      if (child.exitCode !== null) throw new Error(`the handler exited with ${child.exitCode}`);
    };
    const first = new StatusMember('first');
    const firstRequest = first.requestToJoin(communityId);
    expect(outcomeOf(await settled(await inbound(firstRequest, 'first'), 60_000)).outcome).toBe('accepted');

    // A copy of the first request takes the next batch alone and waits for the community's row: the joins
    // after it gather into the batch that follows, which stops before its commit on the audit log.
    const releaseRow = await hold(`SELECT id FROM communities WHERE id = '${communityId}' FOR UPDATE`);
    const releaseAudit = await hold('LOCK TABLE audit_log IN EXCLUSIVE MODE');
    const copy = await inbound(firstRequest, 'first-copy');
    await waitFor('the copy waiting for the row', async () => (alive(), blockedOn('%FOR UPDATE%')));
    const members = Array.from({ length: 19 }, (_, index) => new StatusMember(`crash ${index}`));
    const jobIds: string[] = [];
    for (const [index, member] of members.entries())
      jobIds.push(await inbound(member.requestToJoin(communityId), `crash-${index}`));
    await waitFor(
      'the 19 joins waiting for a batch',
      async () => {
        alive();
        const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((response) => response.text());
        return /request_handler_join_batch_waiting\{[^}]*\} 19\b/.test(metrics);
      },
      { timeoutMs: 60_000 },
    );
    await releaseRow();
    expect(outcomeOf(await settled(copy)).outcome).toBe('unchanged');
    await waitFor(
      'the batch of 19 waiting on the audit log',
      async () => (alive(), blockedOn('%audit_log%')),
    );
    child.kill('SIGKILL');
    await once(child, 'exit');
    await releaseAudit();

    // The dead transaction stored nothing: no half-accepted requester.
    expect(await h.p.prisma.requestToJoin.count({ where: { communityId } })).toBe(1);
    expect(await h.p.prisma.member.count({ where: { communityId } })).toBe(2);

    await h.startHandler();
    const jobs: Job[] = [];
    // A job the dead worker held comes back when its lock runs out (BullMQ's stalled-job check).
    for (const jobId of jobIds) jobs.push(await settled(jobId, 100_000));
    expect(jobs.map((job) => outcomeOf(job).outcome)).toEqual(members.map(() => 'accepted'));
    expect(await h.p.prisma.member.count({ where: { communityId, state: 'ACTIVE' } })).toBe(21);
    expect(
      await h.p.prisma.auditLogEntry.count({
        where: { communityId, action: 'request.join', result: 'SUCCESS' },
      }),
    ).toBe(20);
    const joined = (await h.events()).filter(
      (event) => event.type === 'member.joined' && event.communityId === communityId,
    );
    expect(joined).toHaveLength(20);
    await h.settle();
    const out = await h.p.takeOutbound();
    for (const member of [first, ...members])
      expect(member.responses(out).map((answer) => answer.response.accepted)).toEqual([true]);
  }, 300_000);
});
