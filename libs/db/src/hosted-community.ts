import type { Prisma } from './gen/prisma/client.js';

/**
 * Locks a hosted community's row for the rest of the transaction; false when no hosted community has this
 * id. Every writer of a hosted community's state (the publisher's commands, the request handler's decisions)
 * takes it first, so the changes of one community run one at a time and none decides on a state another is
 * changing.
 */
export const lockHostedCommunityRow = async (
  tx: Prisma.TransactionClient,
  communityId: string,
): Promise<boolean> => {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM communities WHERE id = ${communityId} AND kind = 'HOSTED' FOR UPDATE`;
  return locked.length > 0;
};
