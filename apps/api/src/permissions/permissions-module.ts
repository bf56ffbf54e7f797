import { randomUUID } from 'node:crypto';
import type { TokenPermissionModel, TokenPermissionType } from '@status-communities/protocol';
import {
  tokenCriteriaToJson,
  tokenPermissionFromJson,
  validateTokenPermission,
} from '@status-communities/protocol';
import {
  DeleteTokenPermissionCommandSchema,
  ReevaluateMembersCommandSchema,
  UpsertTokenPermissionCommandSchema,
} from '@status-communities/queue';
import type { ApiModule } from '../api-module.js';
import { controllableCommunity, isUserError } from '../communities/hosted-community.js';
import type { ApiContext } from '../context.js';
import type {
  CreatePermissionInput,
  DeletePermissionInput,
  ReevaluateMembersInput,
  Resolvers,
  TokenCriterionInput,
  UpdatePermissionInput,
} from '../generated/graphql.js';
import type { CommandPayloadValue } from '../mutations/queue-command.js';
import { commandBase, queueCommand } from '../mutations/queue-command.js';
import { mutationResolver } from '../mutations/run-mutation.js';
import type { UserErrorValue } from '../mutations/user-errors.js';
import { userError } from '../mutations/user-errors.js';

/** A permission as the schema shows it. */
const toGraphql = (permission: TokenPermissionModel) => ({
  id: permission.id,
  type: permission.type,
  chatIds: [...permission.chatIds],
  isPrivate: permission.isPrivate,
  criteria: permission.criteria.map((criteria) => ({
    ...tokenCriteriaToJson(criteria),
    tokenIds: [...criteria.tokenIds],
    contracts: [...criteria.contractAddresses].map(([chainId, address]) => ({ chainId, address })),
  })),
});

type PermissionPayloadValue = CommandPayloadValue & { permission?: ReturnType<typeof toGraphql> | null };

const criteriaInput = (criteria: readonly TokenCriterionInput[]) =>
  criteria.map((criterion) => ({
    type: criterion.type,
    contractAddresses: Object.fromEntries((criterion.contracts ?? []).map((c) => [c.chainId, c.address])),
    ...(criterion.symbol == null ? {} : { symbol: criterion.symbol }),
    ...(criterion.name == null ? {} : { name: criterion.name }),
    ...(criterion.amountInWei == null ? {} : { amountInWei: criterion.amountInWei }),
    ...(criterion.decimals == null ? {} : { decimals: criterion.decimals }),
    ...(criterion.tokenIds == null ? {} : { tokenIds: criterion.tokenIds }),
    ...(criterion.ensPattern == null ? {} : { ensPattern: criterion.ensPattern }),
  }));

/** `criteria[0].amountInWei` → ['input', 'criteria', '0', 'amountInWei']. */
const fieldPath = (field: unknown): string[] => [
  'input',
  ...String(field ?? '')
    .split(/[.[\]]+/)
    .filter((part) => part.length > 0),
];

/** Validated with libs/protocol's rules against the configured chains and the community's live channels. */
const upsert = async (
  context: ApiContext,
  input: CreatePermissionInput | UpdatePermissionInput,
  permissionId: string,
  commandId: string,
): Promise<PermissionPayloadValue> => {
  const community = await controllableCommunity(context, input.communityId);
  if (isUserError(community)) return { userErrors: [community] };
  const channels = await context.services.prisma.channel.findMany({
    where: { communityId: community.id, deleted: false },
    select: { id: true },
  });
  const checked = validateTokenPermission(
    {
      id: permissionId,
      type: input.type as TokenPermissionType,
      criteria: criteriaInput(input.criteria) as never,
      chatIds: input.chatIds ?? [],
    },
    {
      knownChainIds: new Set(context.services.config.CHAIN_RPC_URLS.keys()),
      channelChatIds: new Set(channels.map((channel) => channel.id)),
    },
  );
  if (!checked.ok) {
    const error: UserErrorValue = userError(
      checked.error.code,
      checked.error.message,
      fieldPath(checked.error.details['field']),
    );
    return { userErrors: [error] };
  }
  const permission = checked.value;
  const queued = await queueCommand(
    context,
    context.services.queues.communityRequests,
    UpsertTokenPermissionCommandSchema,
    {
      type: 'permission.upsert',
      ...commandBase(context, commandId),
      communityId: community.id,
      permission: {
        id: permission.id,
        type: permission.type,
        criteria: permission.criteria.map(tokenCriteriaToJson),
        chatIds: [...permission.chatIds],
        isPrivate: permission.isPrivate,
      },
    },
  );
  return { ...queued, permission: queued.userErrors.length === 0 ? toGraphql(permission) : null };
};

const stored = async (context: ApiContext, communityId: string, permissionId: string) =>
  context.services.prisma.tokenPermission.count({ where: { communityId, id: permissionId } });

const notFound = (): PermissionPayloadValue => ({
  userErrors: [userError('NOT_FOUND', 'No such token permission', ['input', 'permissionId'])],
});

const mutations: Resolvers['Mutation'] = {
  createPermission: mutationResolver({
    action: 'permission.create',
    scope: 'OWNER_CONTROL',
    communityOf: (input: CreatePermissionInput) => input.communityId,
    execute: (input: CreatePermissionInput, context, commandId) =>
      upsert(context, input, randomUUID(), commandId),
  }),
  updatePermission: mutationResolver({
    action: 'permission.update',
    scope: 'OWNER_CONTROL',
    communityOf: (input: UpdatePermissionInput) => input.communityId,
    execute: async (input: UpdatePermissionInput, context, commandId) =>
      (await stored(context, input.communityId, input.permissionId)) === 0
        ? notFound()
        : upsert(context, input, input.permissionId, commandId),
  }),
  deletePermission: mutationResolver({
    action: 'permission.delete',
    scope: 'OWNER_CONTROL',
    communityOf: (input: DeletePermissionInput) => input.communityId,
    execute: async (input: DeletePermissionInput, context, commandId): Promise<CommandPayloadValue> => {
      const community = await controllableCommunity(context, input.communityId);
      if (isUserError(community)) return { userErrors: [community] };
      if ((await stored(context, community.id, input.permissionId)) === 0) return notFound();
      return queueCommand(
        context,
        context.services.queues.communityRequests,
        DeleteTokenPermissionCommandSchema,
        {
          type: 'permission.delete',
          ...commandBase(context, commandId),
          communityId: community.id,
          permissionId: input.permissionId,
        },
      );
    },
  }),
  reevaluateMembers: mutationResolver({
    action: 'members.reevaluate',
    scope: 'OWNER_CONTROL',
    communityOf: (input: ReevaluateMembersInput) => input.communityId,
    execute: async (input: ReevaluateMembersInput, context, commandId): Promise<CommandPayloadValue> => {
      const community = await controllableCommunity(context, input.communityId);
      if (isUserError(community)) return { userErrors: [community] };
      return queueCommand(
        context,
        context.services.queues.communityRequests,
        ReevaluateMembersCommandSchema,
        {
          type: 'members.reevaluate',
          ...commandBase(context, commandId),
          communityId: community.id,
          reason: 'demand',
        },
      );
    },
  }),
};

/** Token permissions: the owner's edits, their view on Community, members' channel rights. */
export const permissionsModule: ApiModule = {
  name: 'permissions',
  resolvers: {
    Community: {
      permissions: async (row, _args, { services }) =>
        (
          await services.prisma.tokenPermission.findMany({
            where: { communityId: row.id },
            orderBy: { id: 'asc' },
          })
        ).flatMap((stored) => {
          const permission = tokenPermissionFromJson(stored);
          return permission.ok ? [toGraphql(permission.value)] : [];
        }),
    },
    Member: {
      channelRights: (row) => {
        const rights = row.channelRights;
        if (rights === null || typeof rights !== 'object' || Array.isArray(rights)) return null;
        return Object.entries(rights)
          .filter(
            (entry): entry is [string, 'POSTER' | 'VIEWER'] => entry[1] === 'POSTER' || entry[1] === 'VIEWER',
          )
          .map(([chatId, right]) => ({ chatId, right }))
          .sort((a, b) => (a.chatId < b.chatId ? -1 : 1));
      },
    },
    Mutation: mutations,
  },
};
