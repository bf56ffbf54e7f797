import { newCorrelationId } from '@status-communities/observability';
import type { PublisherContext } from '../context.js';
import { sweepDueRekeys } from './rekey-sweep.js';
import { requestPublish } from './request-publish.js';

/** Communities read per query. */
const SWEEP_PAGE_SIZE = 500;

export interface SweepReport {
  /** Communities whose stored state is newer than what was published (a crash between change and publish). */
  readonly repair: number;
  /** Communities whose last publish is older than the re-advertise interval. */
  readonly scheduled: number;
  /** Encrypted communities whose group key is due for the timed rekey. */
  readonly rekey: number;
}

/**
 * Queues a publish for every hosted community that needs one: a stored clock above the published one
 * (never published, or a change whose publish was lost) or a last publish older than the interval, as
 * status-go's control node re-advertises (SG protocol/messenger_communities.go
 * handleCommunitiesSubscription: every 5 min, if ≥ 24 h since the last publish). Runs at start and on the
 * publisher's schedule; publishes coalesce with any already queued.
 */
export const sweepCommunities = async (context: PublisherContext): Promise<SweepReport> => {
  const rekey = context.groupKeys ? await sweepDueRekeys(context) : 0;
  const cutoff = new Date(context.clock() - context.settings.republishIntervalMs);
  let repair = 0;
  let scheduled = 0;
  let after = '';
  for (;;) {
    const due = await context.prisma.$queryRaw<{ id: string; dirty: boolean }[]>`
      SELECT id, (last_published_clock IS NULL OR last_published_clock < clock) AS dirty
      FROM communities
      WHERE kind = 'HOSTED' AND key_id IS NOT NULL AND id > ${after}
        AND (last_published_clock IS NULL OR last_published_clock < clock
             OR last_published_at IS NULL OR last_published_at <= ${cutoff})
      ORDER BY id
      LIMIT ${SWEEP_PAGE_SIZE}`;
    for (const { id, dirty } of due) {
      const reason = dirty ? 'repair' : 'scheduled';
      await requestPublish(context, { communityId: id, reason, correlationId: newCorrelationId() });
      context.metrics.sweepQueued.inc({ reason });
      if (dirty) repair += 1;
      else scheduled += 1;
    }
    const last = due.at(-1);
    if (!last || due.length < SWEEP_PAGE_SIZE) break;
    after = last.id;
  }
  if (repair + scheduled > 0) context.logger.info({ repair, scheduled }, 'sweep queued publishes');
  return { repair, scheduled, rekey };
};
