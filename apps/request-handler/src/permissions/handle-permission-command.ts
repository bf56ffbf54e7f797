// permission.upsert / permission.delete: an owner's edit of the token permissions (validated by the API with
// libs/protocol validateTokenPermission), stored, published, and followed by a re-evaluation of the members
// (SG messenger_communities.go schedules one after Create/Edit/DeleteCommunityTokenPermission).
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { TokenPermissionModel } from '@status-communities/protocol';
import type { CommunityRequestJob } from '@status-communities/queue';
import type { CommandDecision, CommandScope } from '../command-context.js';
import { runCommand } from '../command-context.js';
import type { RequestHandlerContext } from '../context.js';
import { NO_EFFECTS } from '../effects.js';
import type { JobOutcome } from '../outcome.js';
import { bumpCommunityClock } from '../store/membership.js';
import {
  deleteTokenPermission,
  liveChannelChatIds,
  loadTokenPermissions,
  saveTokenPermission,
} from './permission-store.js';

type PermissionCommand = Extract<CommunityRequestJob, { type: 'permission.upsert' | 'permission.delete' }>;

const REEVALUATE_NOW = { reason: 'permissions-changed', delayMs: 0 } as const;

const upsert = async (
  command: Extract<PermissionCommand, { type: 'permission.upsert' }>,
  { tx, community, nowMs }: CommandScope,
): Promise<Result<CommandDecision>> => {
  const { permission: input } = command;
  const channels = new Set(await liveChannelChatIds(tx, community.id));
  const unknown = input.chatIds.find((chatId) => !channels.has(chatId));
  if (unknown !== undefined)
    return fail(ErrorCode.BAD_USER_INPUT, `${unknown} is not a channel of the community`, {
      field: 'chatIds',
    });
  const permission: TokenPermissionModel = {
    ...input,
    criteria: input.criteria.map((criteria) => ({
      ...criteria,
      contractAddresses: new Map(Object.entries(criteria.contractAddresses)),
    })),
  };
  const stored = (await loadTokenPermissions(tx, community.id)).find(
    (candidate) => candidate.id === input.id,
  );
  if (stored && JSON.stringify(stored, mapsAsObjects) === JSON.stringify(permission, mapsAsObjects))
    return ok({ result: { outcome: 'unchanged' }, effects: NO_EFFECTS });
  await saveTokenPermission(tx, community.id, permission);
  await bumpCommunityClock(tx, community, nowMs);
  return ok({
    result: { outcome: 'updated' },
    effects: { events: [], publish: true, reevaluate: REEVALUATE_NOW },
  });
};

const mapsAsObjects = (_key: string, value: unknown): unknown =>
  value instanceof Map ? Object.fromEntries(value) : value;

const remove = async (
  command: Extract<PermissionCommand, { type: 'permission.delete' }>,
  { tx, community, nowMs }: CommandScope,
): Promise<Result<CommandDecision>> => {
  if (!(await deleteTokenPermission(tx, community.id, command.permissionId)))
    return ok({ result: { outcome: 'unchanged' }, effects: NO_EFFECTS });
  await bumpCommunityClock(tx, community, nowMs);
  return ok({
    result: { outcome: 'updated' },
    effects: { events: [], publish: true, reevaluate: REEVALUATE_NOW },
  });
};

export const handlePermissionCommand = (
  context: RequestHandlerContext,
  command: PermissionCommand,
): Promise<JobOutcome> =>
  runCommand(context, command, (scope) =>
    command.type === 'permission.upsert' ? upsert(command, scope) : remove(command, scope),
  );
