import type { Community } from '@status-communities/db';
import { ErrorCode } from '@status-communities/errors';
import { canControlCommunity, canSeeCommunity } from '../auth/community-access.js';
import type { ApiContext } from '../context.js';
import type { UserErrorValue } from '../mutations/user-errors.js';
import { userError } from '../mutations/user-errors.js';

/**
 * A hosted community of the caller's tenant, or the user error to answer with. Another tenant's community
 * and a watched one are "not found": keys learn nothing about communities they cannot act on.
 */
export const controllableCommunity = async (
  context: ApiContext,
  communityId: string,
): Promise<Community | UserErrorValue> => {
  const community = await context.services.prisma.community.findUnique({ where: { id: communityId } });
  if (!community || !canControlCommunity(context.caller, community))
    return userError(ErrorCode.NOT_FOUND, 'No hosted community of yours has this id', [
      'input',
      'communityId',
    ]);
  return community;
};

/** A community the caller sees (watched, or hosted by its tenant), or NOT_FOUND. */
export const visibleCommunity = async (
  context: ApiContext,
  communityId: string,
): Promise<Community | UserErrorValue> => {
  const community = await context.services.prisma.community.findUnique({ where: { id: communityId } });
  if (!community || !canSeeCommunity(context.caller, community))
    return userError(ErrorCode.NOT_FOUND, 'No community you can see has this id', ['input', 'communityId']);
  return community;
};

export const isUserError = (value: object): value is UserErrorValue => 'code' in value && 'message' in value;
