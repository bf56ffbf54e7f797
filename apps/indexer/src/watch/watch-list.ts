// The watch list: communities the platform indexes as a spectator, changed by `community.watch` commands.
import type { PrismaClient } from '@status-communities/db';
import type { WatchCommand } from '@status-communities/queue';

/**
 * Applies a command; true when the list changed. Unwatching keeps what was indexed (history stays
 * readable) and only stops new traffic from being routed.
 */
export const applyWatchCommand = async (
  prisma: PrismaClient,
  command: Extract<WatchCommand, { type: 'community.watch' | 'community.unwatch' }>,
): Promise<boolean> => {
  const { communityId } = command;
  if (command.type === 'community.watch') {
    const added = await prisma.watchedCommunity.createMany({
      data: [{ communityId, addedBy: command.actor }],
      skipDuplicates: true,
    });
    return added.count === 1;
  }
  const removed = await prisma.watchedCommunity.deleteMany({ where: { communityId } });
  return removed.count === 1;
};
