import { lockHostedCommunityRow } from '@status-communities/db';
import { newCorrelationId } from '@status-communities/observability';
import { nextDescriptionClock } from '@status-communities/protocol';
import type { PublisherContext } from '../context.js';
import { requestPublish } from './request-publish.js';

/**
 * The timed rekey (status-go rekeyCommunities, RekeyInterval 48 h): every hosted community with an encrypted
 * group (the community, or a live encrypted channel) whose newest key is `rekeyIntervalMs` old gets the next
 * clock and a publish, which makes the new key and hands it to the members. Groups no longer encrypted are
 * left alone. Returns how many communities were due.
 */
export const sweepDueRekeys = async (context: PublisherContext): Promise<number> => {
  const cutoff = BigInt(context.clock() - context.settings.rekeyIntervalMs);
  const due = await context.prisma.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT community_id AS id FROM (
      SELECT g.community_id, g.group_id
      FROM group_keys g
      JOIN communities c ON c.id = g.community_id AND c.kind = 'HOSTED' AND c.key_id IS NOT NULL
      LEFT JOIN channels ch ON ch.community_id = c.id AND convert_to(ch.id, 'UTF8') = g.group_id
        AND ch.encrypted AND NOT ch.deleted
      WHERE (c.encrypted AND g.group_id = decode(substr(c.id, 3), 'hex')) OR ch.id IS NOT NULL
      GROUP BY g.community_id, g.group_id
      HAVING max(g.timestamp_ms) <= ${cutoff}
    ) AS stale`;
  for (const { id } of due) {
    const now = context.clock();
    await context.prisma.$transaction(async (tx) => {
      if (!(await lockHostedCommunityRow(tx, id))) return;
      const row = await tx.community.findUniqueOrThrow({ where: { id }, select: { clock: true } });
      await tx.community.update({
        where: { id },
        data: { clock: nextDescriptionClock(Number(row.clock), now) },
      });
    });
    await requestPublish(context, { communityId: id, reason: 'changed', correlationId: newCorrelationId() });
    context.metrics.sweepQueued.inc({ reason: 'rekey' });
  }
  if (due.length > 0) context.logger.info({ communities: due.length }, 'timed rekey due');
  return due.length;
};
