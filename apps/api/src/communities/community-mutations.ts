import { ErrorCode } from '@status-communities/errors';
import {
  checkCommunityDescriptionText,
  checkCommunityIntroMessage,
  checkCommunityName,
  checkCommunityOutroMessage,
  checkCommunityTags,
  checkIdentityEmoji,
} from '@status-communities/protocol';
import {
  CreateCommunityCommandSchema,
  RotateCommunityKeysCommandSchema,
  UnwatchCommunityCommandSchema,
  UpdateCommunityCommandSchema,
  WatchCommunityCommandSchema,
} from '@status-communities/queue';
import type { ApiContext } from '../context.js';
import type {
  CommunityIdentityInput,
  CommunityIdentityPatch,
  CreateCommunityInput,
  ImportCommunityInput,
  RotateCommunityKeysInput,
  Resolvers,
  UpdateCommunityInput,
  WatchCommunityInput,
} from '../generated/graphql.js';
import { checkUuid } from '../limits/input-text.js';
import type { FieldCheck } from '../mutations/input-checks.js';
import { commandBase, queueCommand } from '../mutations/queue-command.js';
import type { CommandPayloadValue } from '../mutations/queue-command.js';
import { mutationResolver } from '../mutations/run-mutation.js';
import { userError } from '../mutations/user-errors.js';
import { resolveCommunityRef } from './community-ref.js';
import { controllableCommunity, isUserError } from './hosted-community.js';

const identityOf = (identity: CommunityIdentityInput) => ({
  displayName: identity.name,
  description: identity.description,
  color: identity.color,
  emoji: identity.emoji ?? '',
  images: [],
  tags: identity.tags ?? [],
  introMessage: identity.introMessage ?? '',
  outroMessage: identity.outroMessage ?? '',
});

const definedOnly = <T extends Record<string, unknown>>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, inner]) => inner != null)) as Partial<T>;

const identityPatchOf = (patch: CommunityIdentityPatch) =>
  definedOnly({
    displayName: patch.name,
    description: patch.description,
    color: patch.color,
    emoji: patch.emoji,
    tags: patch.tags,
    introMessage: patch.introMessage,
    outroMessage: patch.outroMessage,
  });

/** status-go's limits on a community's identity (a patch leaves absent fields unchecked). */
const identityChecks = (identity: CommunityIdentityPatch | null | undefined): FieldCheck[] => {
  const field = (name: string) => ['input', 'identity', name];
  return [
    [field('name'), identity?.name, checkCommunityName],
    [field('description'), identity?.description, checkCommunityDescriptionText],
    [field('emoji'), identity?.emoji, checkIdentityEmoji],
    [field('tags'), identity?.tags, checkCommunityTags],
    [field('introMessage'), identity?.introMessage, checkCommunityIntroMessage],
    [field('outroMessage'), identity?.outroMessage, checkCommunityOutroMessage],
  ];
};

const unbound = (context: ApiContext): CommandPayloadValue | null =>
  context.caller.communityId === null
    ? null
    : { userErrors: [userError(ErrorCode.FORBIDDEN, 'A key bound to one community cannot create others')] };

const create = (
  context: ApiContext,
  commandId: string,
  input: CreateCommunityInput,
  keyId?: string,
): Promise<CommandPayloadValue> =>
  queueCommand(context, context.services.queues.communityCommands, CreateCommunityCommandSchema, {
    type: 'community.create',
    ...commandBase(context, commandId),
    tenantId: context.caller.tenantId,
    ...(keyId === undefined ? {} : { keyId }),
    identity: identityOf(input.identity),
    permissions: {
      access: input.access ?? 'MANUAL_ACCEPT',
      ensOnly: input.ensOnly ?? false,
      encrypted: input.encrypted ?? false,
    },
  });

/** createCommunity, importCommunity, updateCommunity, watchCommunity, unwatchCommunity. */
export const communityMutations: Resolvers['Mutation'] = {
  createCommunity: mutationResolver({
    action: 'community.create',
    scope: 'OWNER_CONTROL',
    checks: (input: CreateCommunityInput) => identityChecks(input.identity),
    execute: async (input: CreateCommunityInput, context, commandId) =>
      unbound(context) ?? create(context, commandId, input),
  }),
  importCommunity: mutationResolver({
    action: 'community.import',
    scope: 'OWNER_CONTROL',
    checks: (input: ImportCommunityInput) => [
      [['input', 'keyId'], input.keyId, checkUuid],
      ...identityChecks(input.identity),
    ],
    execute: async (input: ImportCommunityInput, context, commandId) => {
      const refused = unbound(context);
      if (refused) return refused;
      const { prisma } = context.services;
      // Only the key's metadata is read here; the key itself stays sealed until the publisher opens it.
      const secret = await prisma.keyringSecret.findFirst({
        where: { id: input.keyId, tenantId: context.caller.tenantId, purpose: 'COMMUNITY_KEY' },
        select: { id: true, communities: { select: { id: true } } },
      });
      if (!secret)
        return {
          userErrors: [
            userError(ErrorCode.NOT_FOUND, 'No community key of yours has this id', ['input', 'keyId']),
          ],
        };
      if (secret.communities.length > 0)
        return {
          userErrors: [
            userError(ErrorCode.CONFLICT, 'This key already hosts a community', ['input', 'keyId']),
          ],
        };
      return create(context, commandId, input, secret.id);
    },
  }),
  updateCommunity: mutationResolver({
    action: 'community.update',
    scope: 'OWNER_CONTROL',
    communityOf: (input: UpdateCommunityInput) => input.communityId,
    checks: (input: UpdateCommunityInput) => identityChecks(input.identity),
    execute: async (input: UpdateCommunityInput, context, commandId) => {
      const community = await controllableCommunity(context, input.communityId);
      if (isUserError(community)) return { userErrors: [community] };
      const permissions = definedOnly({
        access: input.access,
        ensOnly: input.ensOnly,
        encrypted: input.encrypted,
      });
      return queueCommand(context, context.services.queues.communityCommands, UpdateCommunityCommandSchema, {
        type: 'community.update',
        ...commandBase(context, commandId),
        communityId: community.id,
        ...(input.identity ? { identity: identityPatchOf(input.identity) } : {}),
        ...(Object.keys(permissions).length > 0 ? { permissions } : {}),
        ...(input.pinMessageAllMembersEnabled == null
          ? {}
          : { pinMessageAllMembersEnabled: input.pinMessageAllMembersEnabled }),
      });
    },
  }),
  rotateCommunityKeys: mutationResolver({
    action: 'community.rotate-keys',
    scope: 'OWNER_CONTROL',
    communityOf: (input: RotateCommunityKeysInput) => input.communityId,
    execute: async (input: RotateCommunityKeysInput, context, commandId) => {
      const community = await controllableCommunity(context, input.communityId);
      if (isUserError(community)) return { userErrors: [community] };
      const channels = await context.services.prisma.channel.count({
        where: { communityId: community.id, encrypted: true, deleted: false },
      });
      const encrypted = await context.services.prisma.community.count({
        where: { id: community.id, encrypted: true },
      });
      if (encrypted + channels === 0)
        return {
          userErrors: [
            userError(ErrorCode.BAD_USER_INPUT, 'Nothing in this community is encrypted', [
              'input',
              'communityId',
            ]),
          ],
        };
      return queueCommand(
        context,
        context.services.queues.communityCommands,
        RotateCommunityKeysCommandSchema,
        { type: 'community.rotate-keys', ...commandBase(context, commandId), communityId: community.id },
      );
    },
  }),
  watchCommunity: mutationResolver({
    action: 'community.watch',
    scope: 'OWNER_CONTROL',
    communityOf: (input: WatchCommunityInput) => input.community.id,
    execute: async (input: WatchCommunityInput, context, commandId) => {
      const id = resolveCommunityRef(input.community);
      if (!id.ok) return { userErrors: [userError(id.error.code, id.error.message, ['input', 'community'])] };
      return queueCommand(context, context.services.queues.communityWatch, WatchCommunityCommandSchema, {
        type: 'community.watch',
        ...commandBase(context, commandId),
        communityId: id.value,
      });
    },
  }),
  // The watch list is the platform's, shared by every tenant: stopping it is an admin's call.
  unwatchCommunity: mutationResolver({
    action: 'community.unwatch',
    scope: 'ADMIN',
    communityOf: (input: WatchCommunityInput) => input.community.id,
    execute: async (input: WatchCommunityInput, context, commandId) => {
      const id = resolveCommunityRef(input.community);
      if (!id.ok) return { userErrors: [userError(id.error.code, id.error.message, ['input', 'community'])] };
      return queueCommand(context, context.services.queues.communityWatch, UnwatchCommunityCommandSchema, {
        type: 'community.unwatch',
        ...commandBase(context, commandId),
        communityId: id.value,
      });
    },
  }),
};
