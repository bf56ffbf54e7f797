import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CreatedCommunity } from '@status-communities/publisher/testing';
import { createCommunity } from '@status-communities/publisher/testing';
import { REQUEST_HANDLER_MAIN } from '@status-communities/request-handler/testing';
import {
  freePort,
  latestDescription,
  spawnSourceMain,
  StatusMember,
  waitFor,
} from '@status-communities/testing';
import type { Harness } from './harness.js';
import { createRequestHarness, outcomeOf } from './harness.js';

describe('request handler service', () => {
  let h: Harness;
  let community: CreatedCommunity;

  beforeAll(async () => {
    h = await createRequestHarness('service');
    await h.startHandler();
    community = await createCommunity(h.p, 'Service');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves /healthz, /readyz (Redis, PostgreSQL) and /metrics', async () => {
    const { healthUrl } = h.handler();
    expect((await fetch(`${healthUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${healthUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toMatch(/redis|database/);
    await h.inbound(community.communityId, new StatusMember('metered').requestToJoin(community.communityId));
    const metrics = await (await fetch(`${healthUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /request_handler_jobs_total\{type="join",outcome="accepted",service="request-handler"\} 1/,
    );
    expect(metrics).toMatch(
      /request_handler_decisions_total\{decision="accepted",by="policy",service="request-handler"\} 1/,
    );
    await h.settle();
    await h.p.takeOutbound();
  });

  it('a crash between "member added" and "description published" is repaired when the publisher restarts', async () => {
    await h.p.stopPublisher();
    const member = new StatusMember('patient');
    const job = await h.inbound(community.communityId, member.requestToJoin(community.communityId));
    expect(outcomeOf(job).outcome).toBe('accepted');
    const row = await h.p.prisma.community.findUniqueOrThrow({ where: { id: community.communityId } });
    expect(row.clock).toBeGreaterThan(row.lastPublishedClock ?? 0n);
    // The publish request is lost with the crash; only the stored state remains.
    await h.p.publish.obliterate({ force: true });
    // The answer waits for a published description listing the member, retrying meanwhile.
    await waitFor('the answer to be retrying', async () => {
      const waiting = await h.requests.getJobs(['delayed', 'wait', 'active']);
      return waiting.some((queued) => queued.data.type === 'request.respond' && queued.attemptsMade > 0);
    });
    expect(member.responses(await h.p.takeOutbound())).toEqual([]);

    await h.p.start();
    await waitFor(
      'the answer after the repair publish',
      async () => (await h.p.outbound.getWaitingCount()) >= 3,
      { timeoutMs: 60_000 },
    );
    await h.settle();
    const out = await h.p.takeOutbound();
    expect(latestDescription(out, community.communityId)?.members.has(member.memberKey)).toBe(true);
    expect(member.responses(out).map((answer) => answer.response.accepted)).toEqual([true]);
  });

  it('a job that died after its commit queues its answer again when retried, once', async () => {
    const member = new StatusMember('retried');
    const request = member.requestToJoin(community.communityId);
    expect(outcomeOf(await h.inbound(community.communityId, request)).outcome).toBe('accepted');
    // Lose everything the first run queued after its commit.
    await h.requests.obliterate({ force: true });
    await h.p.publish.obliterate({ force: true });
    const retried = await h.submit({
      type: 'request.inbound',
      correlationId: randomUUID(),
      communityId: community.communityId,
      message: request,
    });
    expect(outcomeOf(retried).outcome).toBe('unchanged');
    // The publisher repairs the unpublished change at start (its sweep).
    await h.p.start();
    await h.settle();
    const out = await h.p.takeOutbound();
    expect(member.responses(out).map((answer) => answer.response.accepted)).toEqual([true]);
  });

  it('events of a change whose process died before appending them go out once, at the next start', async () => {
    // Normal operation leaves no row behind.
    expect(await h.p.prisma.eventOutbox.count()).toBe(0);
    // What a process leaves when it dies right after its commit: the change's events, not yet appended.
    const memberKey = new StatusMember('crashed').memberKey;
    const occurredAt = Date.now() - 60_000;
    await h.p.prisma.eventOutbox.create({
      data: {
        events: [{ type: 'member.left', communityId: community.communityId, occurredAt, memberKey }],
        createdAt: new Date(occurredAt),
      },
    });
    const appended = async () =>
      (await h.events()).filter((event) => event.type === 'member.left' && event.memberKey === memberKey);
    await h.startHandler();
    expect(await appended()).toHaveLength(1);
    expect(await h.p.prisma.eventOutbox.count()).toBe(0);
    await h.startHandler();
    expect(await appended()).toHaveLength(1);
  });

  it('stops on request and takes no more jobs', async () => {
    // BullMQ names a worker's connection after its queue, so Redis lists who can take a job (once connected).
    await waitFor('the handler on the queue', async () => (await h.requests.getWorkersCount()) > 0);
    await h.stopHandler();
    expect(await h.requests.getWorkersCount()).toBe(0);
    const member = new StatusMember('late');
    const message = member.requestToJoin(community.communityId);
    await h.requests.add('request.inbound', {
      type: 'request.inbound',
      correlationId: message.correlationId,
      communityId: community.communityId,
      message,
    });
    // With no worker left, nothing can take it: it waits until the handler starts again.
    expect(await h.requests.getWaitingCount()).toBe(1);
    await h.startHandler();
    await waitFor('the job taken after the restart', async () => (await h.requests.getWaitingCount()) === 0);
  });

  it('runs as a process: refuses a bad configuration, and stops on SIGTERM after draining', async () => {
    const run = (env: Record<string, string>) => spawnSourceMain(REQUEST_HANDLER_MAIN, env);
    const keyring = {
      KEYRING_MASTER_KEY: h.p.config.KEYRING_MASTER_KEY.revealHex(),
      KEYRING_MASTER_KEY_ID: h.p.config.KEYRING_MASTER_KEY_ID,
    };

    const bad = run({ ...keyring, RESPONSE_SHARDS: 'sixty-four' });
    let badOutput = '';
    bad.stderr.on('data', (chunk: Buffer) => (badOutput += chunk.toString()));
    const [badCode] = await once(bad, 'exit');
    expect(badCode).toBe(1);
    expect(badOutput).toContain('RESPONSE_SHARDS');

    const port = await freePort();
    const good = run({
      ...keyring,
      DATABASE_URL: h.p.db.url,
      REDIS_URL: h.p.config.REDIS_URL,
      REDIS_KEY_PREFIX: h.p.prefix,
      HEALTH_PORT: String(port),
      LOG_LEVEL: 'info',
    });
    let output = '';
    good.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(
      'the process to be ready',
      async () => {
        if (good.exitCode !== null) throw new Error(`exited: ${output}`);
        const status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (response) => response.status,
          () => 0,
        );
        return status === 200;
      },
      { timeoutMs: 30_000 },
    );
    good.kill('SIGTERM');
    const [code] = await once(good, 'exit');
    expect(code).toBe(0);
    const messages = output
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(
      expect.arrayContaining(['request handler started', 'shutting down', 'shut down']),
    );
    // The master key never reaches the log.
    expect(output).not.toContain(keyring.KEYRING_MASTER_KEY);
  });
});
