import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { QueueName } from '@status-communities/queue';
import { newKey, TestCommunity } from '@status-communities/testing';
import type { RequestHandlerContext } from '../context.js';
import { queueDueReevaluations } from './schedule.js';

const HOUR = 3_600_000;
const INTERVAL = 8 * HOUR;
const NOW = Date.UTC(2026, 11, 7, 12);

interface Added {
  readonly name: string;
  readonly data: { readonly type: string; readonly communityId: string; readonly reason: string };
  readonly opts: { readonly jobId?: string };
}

/** The queue's add, recorded: BullMQ dedups by job id, so a repeated id counts once as it would there. */
const recordingQueue = () => {
  const added = new Map<string, Added>();
  const queue = {
    name: QueueName.COMMUNITY_REQUESTS,
    add: (name: string, data: Added['data'], opts: Added['opts']) => {
      const id = opts.jobId ?? String(added.size);
      if (!added.has(id)) added.set(id, { name, data, opts });
      return Promise.resolve({ id, name, data });
    },
  };
  return { queue, added };
};

describe('queueDueReevaluations (the 8 h schedule)', () => {
  let db: TestDatabase;
  const ids: Record<'never' | 'stale' | 'fresh' | 'ungated' | 'watched', string> = {
    never: '',
    stale: '',
    fresh: '',
    ungated: '',
    watched: '',
  };

  const hostedCommunity = async (
    checkedAt: Date | null,
    { gated = true, kind = 'HOSTED' as 'HOSTED' | 'WATCHED' } = {},
  ): Promise<string> => {
    const community = new TestCommunity(newKey());
    const id = community.communityId;
    await db.prisma.community.create({
      data: { id, kind, clock: 1, permissionsCheckedAt: checkedAt },
    });
    if (gated)
      await db.prisma.tokenPermission.create({
        data: {
          communityId: id,
          id: 'p1',
          type: 'BECOME_MEMBER',
          criteria: [],
          chatIds: [],
          isPrivate: false,
        },
      });
    return id;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ids.never = await hostedCommunity(null);
    ids.stale = await hostedCommunity(new Date(NOW - INTERVAL - 1));
    ids.fresh = await hostedCommunity(new Date(NOW - INTERVAL + HOUR));
    ids.ungated = await hostedCommunity(null, { gated: false });
    ids.watched = await hostedCommunity(null, { kind: 'WATCHED' });
  });
  afterAll(async () => {
    await db.drop();
  });

  const contextAt = (now: () => number, queue: ReturnType<typeof recordingQueue>['queue']) =>
    ({
      prisma: db.prisma,
      requestsQueue: queue,
      clock: now,
      settings: { permissionsReevaluationMs: INTERVAL },
    }) as unknown as RequestHandlerContext;

  it('queues the gated hosted communities never checked or checked over 8 h ago, and no other', async () => {
    const { queue, added } = recordingQueue();
    expect(await queueDueReevaluations(contextAt(() => NOW, queue))).toBe(2);
    const queued = [...added.values()].map((job) => job.data);
    expect(queued.map((data) => data.communityId).sort()).toEqual([ids.never, ids.stale].sort());
    for (const data of queued) expect(data).toMatchObject({ type: 'members.reevaluate', reason: 'schedule' });
  });

  it('queues one job per community and interval however often the timer looks, then again once due', async () => {
    const { queue, added } = recordingQueue();
    let now = NOW;
    const context = contextAt(() => now, queue);
    await queueDueReevaluations(context);
    now += 60_000;
    await queueDueReevaluations(context);
    expect(added.size).toBe(2);

    // Two hours on, the fresh community's last check is 9 h old: due now, in a new interval.
    now = NOW + 2 * HOUR;
    await queueDueReevaluations(context);
    const queued = [...added.values()].map((job) => job.data.communityId);
    expect(queued.filter((id) => id === ids.fresh)).toHaveLength(1);
    expect(queued).not.toContain(ids.ungated);
    expect(queued).not.toContain(ids.watched);
  });
});
