import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  checkCategoryName,
  checkChannelDescription,
  checkChannelName,
  checkIdentityEmoji,
} from '@status-communities/protocol';
import type { CommunityCommand } from '@status-communities/queue';
import {
  DeleteCategoryCommandSchema,
  DeleteChannelCommandSchema,
  ReorderCategoryCommandSchema,
  ReorderChannelCommandSchema,
  UpsertCategoryCommandSchema,
  UpsertChannelCommandSchema,
} from '@status-communities/queue';
import { controllableCommunity, isUserError } from '../communities/hosted-community.js';
import type { ApiContext } from '../context.js';
import type {
  CreateChannelInput,
  DeleteCategoryInput,
  DeleteChannelInput,
  ReorderCategoryInput,
  ReorderChannelInput,
  Resolvers,
  UpdateChannelInput,
  UpsertCategoryInput,
} from '../generated/graphql.js';
import type { FieldCheck } from '../mutations/input-checks.js';
import type { CommandPayloadValue } from '../mutations/queue-command.js';
import { commandBase, queueCommand } from '../mutations/queue-command.js';
import type { MutationSpec } from '../mutations/run-mutation.js';
import { mutationResolver } from '../mutations/run-mutation.js';

type StructureInput = { communityId: string; idempotencyKey?: string | null };

/**
 * A publisher command on a hosted community of the caller's tenant (owner:control): the community check, then
 * the command `build` makes, queued on community.commands; `extra` adds the ids the client needs.
 */
const structureMutation = <I extends StructureInput, E extends Record<string, string | null>>(
  action: string,
  build: (input: I, commandId: string) => { command: Record<string, unknown> & { type: string }; extra: E },
  schema: z.ZodType<CommunityCommand>,
  checks?: (input: I) => readonly FieldCheck[],
): MutationSpec<I, CommandPayloadValue & Partial<E>> => ({
  action,
  scope: 'OWNER_CONTROL',
  ...(checks ? { checks } : {}),
  communityOf: (input) => input.communityId,
  execute: async (input, context: ApiContext, commandId) => {
    const community = await controllableCommunity(context, input.communityId);
    if (isUserError(community)) return { userErrors: [community] } as CommandPayloadValue & Partial<E>;
    const { command, extra } = build(input, commandId);
    const payload = await queueCommand(context, context.services.queues.communityCommands, schema, {
      ...command,
      ...commandBase(context, commandId),
      communityId: community.id,
    });
    return (payload.command ? { ...payload, ...extra } : payload) as CommandPayloadValue & Partial<E>;
  },
});

/** A new channel's uuid, stable under an idempotency key (the command id is). */
const uuidFor = (commandId: string): string =>
  commandId.startsWith('cmd-')
    ? `${commandId.slice(4, 12)}-${commandId.slice(12, 16)}-4${commandId.slice(17, 20)}-8${commandId.slice(21, 24)}-${commandId.slice(24, 36).padEnd(12, '0')}`
    : randomUUID();

const channelFields = (input: CreateChannelInput | UpdateChannelInput) => ({
  name: input.name,
  description: input.description ?? '',
  emoji: input.emoji ?? '',
  color: input.color,
  ...(input.categoryId == null ? {} : { categoryId: input.categoryId }),
  ...(input.position == null ? {} : { position: input.position }),
  viewersCanPostReactions: input.viewersCanPostReactions ?? true,
  ...(input.encrypted == null ? {} : { encrypted: input.encrypted }),
});

/** The Status apps' limits on a channel's name, description and emoji (the colour is the command schema's). */
const channelChecks = (input: CreateChannelInput | UpdateChannelInput): FieldCheck[] => [
  [['input', 'name'], input.name, checkChannelName],
  [['input', 'description'], input.description, checkChannelDescription],
  [['input', 'emoji'], input.emoji, checkIdentityEmoji],
];

export const structureMutations: Resolvers['Mutation'] = {
  createChannel: mutationResolver(
    structureMutation(
      'channel.create',
      (input: CreateChannelInput, commandId) => {
        const channelId = uuidFor(commandId);
        return {
          command: { type: 'channel.upsert', channelId, ...channelFields(input) },
          extra: { channelId },
        };
      },
      UpsertChannelCommandSchema,
      channelChecks,
    ),
  ),
  updateChannel: mutationResolver(
    structureMutation(
      'channel.update',
      (input: UpdateChannelInput) => ({
        command: { type: 'channel.upsert', channelId: input.channelId, ...channelFields(input) },
        extra: { channelId: input.channelId },
      }),
      UpsertChannelCommandSchema,
      channelChecks,
    ),
  ),
  deleteChannel: mutationResolver(
    structureMutation(
      'channel.delete',
      (input: DeleteChannelInput) => ({
        command: { type: 'channel.delete', channelId: input.channelId },
        extra: { channelId: input.channelId },
      }),
      DeleteChannelCommandSchema,
    ),
  ),
  reorderChannel: mutationResolver(
    structureMutation(
      'channel.reorder',
      (input: ReorderChannelInput) => ({
        command: {
          type: 'channel.reorder',
          channelId: input.channelId,
          position: input.position,
          ...(input.categoryId == null ? {} : { categoryId: input.categoryId }),
        },
        extra: { channelId: input.channelId },
      }),
      ReorderChannelCommandSchema,
    ),
  ),
  upsertCategory: mutationResolver(
    structureMutation(
      'category.upsert',
      (input: UpsertCategoryInput, commandId) => {
        const categoryId = input.categoryId ?? uuidFor(commandId);
        return {
          command: {
            type: 'category.upsert',
            categoryId,
            name: input.name,
            ...(input.position == null ? {} : { position: input.position }),
          },
          extra: { categoryId },
        };
      },
      UpsertCategoryCommandSchema,
      (input: UpsertCategoryInput) => [[['input', 'name'], input.name, checkCategoryName]],
    ),
  ),
  deleteCategory: mutationResolver(
    structureMutation(
      'category.delete',
      (input: DeleteCategoryInput) => ({
        command: { type: 'category.delete', categoryId: input.categoryId },
        extra: { categoryId: input.categoryId },
      }),
      DeleteCategoryCommandSchema,
    ),
  ),
  reorderCategory: mutationResolver(
    structureMutation(
      'category.reorder',
      (input: ReorderCategoryInput) => ({
        command: { type: 'category.reorder', categoryId: input.categoryId, position: input.position },
        extra: { categoryId: input.categoryId },
      }),
      ReorderCategoryCommandSchema,
    ),
  ),
};
