import { ErrorCode } from '@status-communities/errors';
import type { ApiContext } from '../context.js';
import type { UserErrorValue } from '../mutations/user-errors.js';
import { userError } from '../mutations/user-errors.js';

export interface TenantBot {
  readonly id: string;
  readonly publicKey: string;
}

/**
 * 1:1 chats belong to the tenant's bots, not to a community: a key bound to one community neither reads nor
 * writes them (the same rule keeps their events from it).
 */
export const boundKeyRefusal = (context: ApiContext): UserErrorValue | null =>
  context.caller.communityId === null
    ? null
    : userError(ErrorCode.FORBIDDEN, "A key bound to one community cannot use the bots' 1:1 chats");

/** One of the caller's tenant's bot identities; another tenant's is as unknown as a key nobody has. */
export const findTenantBot = (context: ApiContext, botKey: string): Promise<TenantBot | null> =>
  context.services.prisma.identity.findFirst({
    where: { publicKey: botKey, tenantId: context.caller.tenantId },
    select: { id: true, publicKey: true },
  });

export const unknownBot = (field: string[]): UserErrorValue =>
  userError(ErrorCode.NOT_FOUND, 'No bot identity of yours has this key', field);
