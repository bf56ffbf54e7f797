import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unwrap } from '@status-communities/errors';
import type { CommunityDescriptionModel } from '@status-communities/protocol';
import { nextDescriptionClock, readCommunityDescription } from '@status-communities/protocol';
import type { OutboundWakuMessage } from '@status-communities/queue';
import { enqueue } from '@status-communities/queue';
import { waitFor } from '@status-communities/testing';
import type { PublishOutcome } from './description/publish-handler.js';
import { decodeOnly } from './testing/decode.js';
import { createCommunity, newChannel } from './testing/fixtures.js';
import type { Harness } from './testing/harness.js';
import { createHarness, finished } from './testing/harness.js';

const CONTROL = '/waku/2/rs/16/128';

const descriptionOf = (
  messages: readonly OutboundWakuMessage[],
  communityId: string,
): CommunityDescriptionModel => {
  const decoded = decodeOnly(messages, CONTROL, communityId);
  if (decoded.typeName !== 'COMMUNITY_DESCRIPTION') throw new Error(decoded.typeName);
  return unwrap(readCommunityDescription(decoded.message, communityId));
};

const publishJobsOf = async (h: Harness, communityId: string) =>
  (await h.publish.getJobs(['completed', 'failed', 'delayed', 'wait', 'active'])).filter(
    (job) => job.data.communityId === communityId,
  );

describe('publisher: a burst of changes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('burst');
    await h.start({ PUBLISH_DEBOUNCE_MS: '1500' });
  });
  afterAll(() => h.close());

  it('goes out as one description with every change in it', async () => {
    const { communityId } = await createCommunity(h, 'Burst');
    // Publishing waits until every change of the burst is stored, however slowly a busy machine stores them:
    // the burst is then certain to fall within one debounce, which is what this test is about.
    await h.publish.pause();
    const commands = Array.from({ length: 10 }, (_, index) => newChannel(communityId, `channel-${index}`));
    const added = await Promise.all(commands.map((command) => enqueue(h.commands, command)));
    const jobs = await Promise.all(added.map((result) => finished(h.commands, unwrap(result).id ?? '')));
    const clocks = jobs.map((job) => job.returnvalue.clock as number);
    expect(jobs.every((job) => job.returnvalue.changed === true)).toBe(true);
    expect(new Set(clocks).size).toBe(10);
    await h.publish.resume();

    const description = descriptionOf(await h.waitForOutbound(2), communityId);
    expect(description.channels.size).toBe(10);
    expect(description.clock).toBe(Math.max(...clocks));
    // Nothing more goes out once no publish job is left waiting.
    await waitFor('the publish jobs to settle', async () => {
      const { wait, delayed, active } = await h.publish.getJobCounts('wait', 'delayed', 'active');
      return wait === 0 && delayed === 0 && active === 0;
    });
    expect(await h.takeOutbound()).toEqual([]);
    // The creation's publish and one for the burst: the other nine requests joined the waiting job.
    const publishes = await publishJobsOf(h, communityId);
    expect(publishes.map((job) => (job.returnvalue as PublishOutcome | null)?.published)).toEqual([
      true,
      true,
    ]);
  });
});

describe('publisher: the re-advertisement schedule', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('schedule');
    await h.start({ REPUBLISH_INTERVAL_SECONDS: '1', REPUBLISH_CHECK_SECONDS: '1' });
  });
  afterAll(() => h.close());

  it('publishes an unchanged description again, with the same clock and bytes', async () => {
    const { communityId, clock } = await createCommunity(h, 'Scheduled');
    const first = await h.prisma.community.findUniqueOrThrow({ where: { id: communityId } });

    const again = await h.waitForOutbound(2, 10_000);
    const decoded = decodeOnly(again, CONTROL, communityId);
    expect(descriptionOf(again, communityId).clock).toBe(clock);
    // Deterministic encoding and RFC 6979 signatures: the same AMM, so the same message id for receivers.
    expect(Buffer.from(decoded.applicationMessage).equals(Buffer.from(first.descriptionRaw ?? []))).toBe(
      true,
    );
    const row = await h.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
    expect(row.lastPublishedAt?.getTime()).toBeGreaterThan(first.lastPublishedAt?.getTime() ?? Infinity);
    const reasons = (await publishJobsOf(h, communityId)).map((job) => job.data.reason);
    expect(reasons).toEqual(expect.arrayContaining(['changed', 'scheduled']));
    const scheduler = await h.commands.getJobScheduler('publisher.publish-sweep');
    expect(scheduler?.every).toBe(1_000);
  });
});

describe('publisher: a crash between "changed" and "published"', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('repair');
    await h.start();
  });
  afterAll(() => h.close());

  it('publishes the stored change when it starts again', async () => {
    const { communityId, clock } = await createCommunity(h, 'Before');
    await h.stopPublisher();
    // A command committed its change and clock, and the process died before asking for a publish.
    const changedClock = nextDescriptionClock(clock, Date.now());
    await h.prisma.community.update({
      where: { id: communityId },
      data: { name: 'After the crash', clock: changedClock },
    });
    expect(await h.publish.getJobCountByTypes('wait', 'delayed', 'active')).toBe(0);

    const publisher = await h.start();
    const description = descriptionOf(await h.waitForOutbound(2), communityId);
    expect(description.identity.displayName).toBe('After the crash');
    expect(description.clock).toBe(changedClock);
    const row = await h.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
    expect(Number(row.lastPublishedClock)).toBe(changedClock);
    expect((await publishJobsOf(h, communityId)).map((job) => job.data.reason)).toContain('repair');
    // Nothing is due any more.
    expect(await publisher.sweep()).toEqual({ repair: 0, scheduled: 0, rekey: 0 });
  });
});
