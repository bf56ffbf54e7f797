import { hexToBytesOrThrow } from '@status-communities/crypto';
import { writeAudit } from '@status-communities/db';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result, StatusError } from '@status-communities/errors';
import { channelGroupId, nextDescriptionClock } from '@status-communities/protocol';
import type { CommunityCommand } from '@status-communities/queue';
import { PermanentJobError } from '@status-communities/queue';
import type { PublisherContext } from '../context.js';
import { requestPublish } from '../description/request-publish.js';
import { lockCommunityState } from '../store.js';
import type { CommandOutcome } from './command-handler.js';

type RotateCommand = Extract<CommunityCommand, { type: 'community.rotate-keys' }>;

/**
 * An admin's key rotation: a new key for the community group (if encrypted) and each encrypted channel,
 * and the next clock, so the publish that follows hands the new keys to every member (1:1 and in the
 * description's rekey envelope) and emits `keys.rotated`. BAD_USER_INPUT for an open community.
 */
export const handleRotateKeysCommand = async (
  context: PublisherContext,
  command: RotateCommand,
): Promise<CommandOutcome> => {
  const now = context.clock();
  const { communityId } = command;
  const outcome = await context.prisma.$transaction(async (tx): Promise<Result<CommandOutcome>> => {
    const state = await lockCommunityState(tx, communityId);
    if (!state) return fail(ErrorCode.NOT_FOUND, 'no such hosted community', { communityId });
    const groups = [
      ...(state.community.encrypted ? [hexToBytesOrThrow(communityId)] : []),
      ...state.channels
        .filter((channel) => channel.encrypted && !channel.deleted)
        .map((channel) => channelGroupId(communityId, channel.uuid)),
    ];
    if (groups.length === 0)
      return fail(ErrorCode.BAD_USER_INPUT, 'the community has no encrypted community or channel', {
        communityId,
      });
    if (!context.groupKeys)
      return fail(ErrorCode.INVALID_CONFIG, 'an encrypted community needs GROUP_KEYS_MASTER_KEY', {
        communityId,
      });
    for (const groupId of groups) await context.groupKeys.generate(communityId, groupId, now);
    const clock = nextDescriptionClock(state.community.clock, now);
    await tx.community.update({ where: { id: communityId }, data: { clock } });
    await writeAudit(tx, {
      tenantId: state.community.tenantId,
      communityId,
      actor: command.actor,
      action: command.type,
      input: { communityId, groups: groups.length },
      result: ok(undefined),
    });
    return ok({ communityId, clock, changed: true });
  });
  context.metrics.commands.inc({ type: command.type, result: outcome.ok ? 'changed' : outcome.error.code });
  if (!outcome.ok) {
    const error: StatusError = outcome.error;
    throw new PermanentJobError(error.code, error.message, error.details);
  }
  await requestPublish(context, { communityId, reason: 'changed', correlationId: command.correlationId });
  return outcome.value;
};
