import type { Community, Prisma } from '@status-communities/db';
import type { Caller } from '../context.js';

/**
 * What a caller may see: every watched community and its own tenant's hosted ones, and only its community
 * when the key is bound to one. Another tenant's hosted community is "not found", never "forbidden".
 */
export const visibleCommunities = (caller: Caller): Prisma.CommunityWhereInput => ({
  OR: [{ kind: 'WATCHED' }, { kind: 'HOSTED', tenantId: caller.tenantId }],
  ...(caller.communityId === null ? {} : { id: caller.communityId }),
});

export const canSeeCommunity = (
  caller: Caller,
  community: Pick<Community, 'id' | 'kind' | 'tenantId'>,
): boolean =>
  (caller.communityId === null || caller.communityId === community.id) &&
  (community.kind === 'WATCHED' || community.tenantId === caller.tenantId);

/** Control-node actions: only a hosted community of the caller's tenant (and of its key's binding). */
export const canControlCommunity = (
  caller: Caller,
  community: Pick<Community, 'id' | 'kind' | 'tenantId'>,
): boolean =>
  community.kind === 'HOSTED' &&
  community.tenantId === caller.tenantId &&
  (caller.communityId === null || caller.communityId === community.id);
