import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import { MAX_AUTO_ACCEPT_MEMBERS } from '@status-communities/protocol';
import type { CreatedCommunity } from '@status-communities/publisher/testing';
import { createCommunity } from '@status-communities/publisher/testing';
import type { OutboundWakuMessage } from '@status-communities/queue';
import { latestDescription, StatusMember } from '@status-communities/testing';
import type { Harness } from './harness.js';
import { createRequestHarness, outcomeOf } from './harness.js';

/** Requests to join one community decided together (one transaction under its row lock per batch). */
describe('request handler: a burst of requests to join one community', () => {
  let h: Harness;

  /** How many batches the handler has decided, and how many requests they held. */
  const batches = async (): Promise<{ count: number; requests: number }> => {
    const metric = h.handler().metrics.registry.getSingleMetric('request_handler_join_batch_size');
    // A histogram's values name their series (_bucket, _sum, _count); prom-client's type leaves it out.
    const values = ((await metric?.get())?.values ?? []) as { metricName?: string; value: number }[];
    const of = (suffix: string) => values.find((value) => value.metricName?.endsWith(suffix))?.value ?? 0;
    return { count: of('_count'), requests: of('_sum') };
  };
  const outcomes = (jobs: readonly Job[]) =>
    jobs.map((job) => `${outcomeOf(job).outcome}:${outcomeOf(job).reason ?? ''}`).sort();
  const tally = (jobs: readonly Job[]) =>
    outcomes(jobs).reduce<Record<string, number>>((counts, outcome) => {
      counts[outcome] = (counts[outcome] ?? 0) + 1;
      return counts;
    }, {});
  const activeMembers = (communityId: string) =>
    h.p.prisma.member.count({ where: { communityId, state: 'ACTIVE' } });

  beforeAll(async () => {
    h = await createRequestHarness('join-batches');
    await h.startHandler();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('every requester is accepted once, listed, and answered once; a second copy in the burst changes nothing', async () => {
    const community: CreatedCommunity = await createCommunity(h.p, 'Launch day');
    const { communityId } = community;
    await h.p.takeOutbound();
    const members = Array.from({ length: 40 }, (_, index) => new StatusMember(`launch ${index}`));
    const requests = members.map((member) => member.requestToJoin(communityId));
    const before = await batches();

    const jobs = await Promise.all([
      ...requests.map((request) => h.inbound(communityId, request)),
      // The same message from a second gateway, under another job id, in the same burst.
      h.submit({
        type: 'request.inbound',
        correlationId: randomUUID(),
        communityId,
        message: requests[7] ?? requests[0]!,
      }),
    ]);

    expect(tally(jobs)).toEqual({ 'accepted:auto-accept': 40, 'unchanged:': 1 });
    const after = await batches();
    expect(after.requests - before.requests).toBe(41);
    // Decided together: fewer transactions than requests.
    expect(after.count - before.count).toBeLessThan(41);
    expect(await activeMembers(communityId)).toBe(41);
    expect(
      await h.p.prisma.auditLogEntry.count({
        where: { communityId, action: 'request.join', result: 'SUCCESS' },
      }),
    ).toBe(40);
    const events = (await h.events()).filter(
      (event) => 'communityId' in event && event.communityId === communityId,
    );
    expect(events.filter((event) => event.type === 'member.joined')).toHaveLength(40);
    expect(events.filter((event) => event.type === 'request.received')).toHaveLength(40);
    const stored = await h.p.prisma.member.findMany({
      where: { communityId },
      select: { lastUpdateClock: true },
    });
    const community_ = await h.p.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
    // Every change of the batch is at or below the community's clock, which moved on once per member.
    expect(stored.every((row) => row.lastUpdateClock <= community_.clock)).toBe(true);

    await h.settle();
    const out: OutboundWakuMessage[] = await h.p.takeOutbound();
    const published = latestDescription(out, communityId);
    for (const member of members) {
      expect(published?.members.has(member.memberKey)).toBe(true);
      const answers = member.responses(out);
      expect(answers.map((answer) => answer.response.accepted)).toEqual([true]);
    }
  });

  it(`stops auto-accepting exactly at ${MAX_AUTO_ACCEPT_MEMBERS} members inside one burst`, async () => {
    const community = await createCommunity(h.p, 'Nearly full');
    const { communityId } = community;
    // The owner plus members up to three short of the limit.
    await h.p.prisma.member.createMany({
      data: Array.from({ length: MAX_AUTO_ACCEPT_MEMBERS - 4 }, (_, index) => ({
        communityId,
        memberKey: `0x04${index.toString(16).padStart(128, '0')}`,
        joinedAt: new Date(),
      })),
    });
    const late = Array.from({ length: 8 }, (_, index) => new StatusMember(`late ${index}`));

    const jobs = await Promise.all(
      late.map((member) => h.inbound(communityId, member.requestToJoin(communityId))),
    );

    // Three take the last places; the next one turns the community MANUAL_ACCEPT; the rest wait for an admin.
    expect(tally(jobs)).toEqual({
      'accepted:auto-accept': 3,
      'pending:member-limit-reached': 1,
      'pending:manual-accept': 4,
    });
    expect(await activeMembers(communityId)).toBe(MAX_AUTO_ACCEPT_MEMBERS);
    const row = await h.p.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
    expect(row.access).toBe('MANUAL_ACCEPT');
    expect(await h.p.prisma.requestToJoin.count({ where: { communityId, state: 'PENDING' } })).toBe(5);
    await h.settle();
    await h.p.takeOutbound();
  });
});
