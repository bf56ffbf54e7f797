import type { z } from 'zod';
import { ErrorCode } from '@status-communities/errors';
import type { CommunityRequestJob } from '@status-communities/queue';
import {
  BanMemberCommandSchema,
  DecideRequestCommandSchema,
  KickMemberCommandSchema,
  SetMemberRolesCommandSchema,
  UnbanMemberCommandSchema,
} from '@status-communities/queue';
import { controllableCommunity, isUserError } from '../communities/hosted-community.js';
import type { ApiContext } from '../context.js';
import type {
  BanMemberInput,
  DecideRequestToJoinInput,
  MemberInput,
  Resolvers,
  SetMemberRolesInput,
} from '../generated/graphql.js';
import type { CommandPayloadValue } from '../mutations/queue-command.js';
import { commandBase, queueCommand } from '../mutations/queue-command.js';
import { mutationResolver } from '../mutations/run-mutation.js';
import { userError } from '../mutations/user-errors.js';

type ModerationInput = { communityId: string; idempotencyKey?: string | null };

/** A request-handler command (moderation:write) on a hosted community of the caller's tenant. */
const moderation = <I extends ModerationInput>(
  action: string,
  schema: z.ZodType<CommunityRequestJob>,
  build: (input: I) => Record<string, unknown> & { type: string },
  precheck?: (input: I, context: ApiContext) => Promise<CommandPayloadValue | null>,
) =>
  mutationResolver({
    action,
    scope: 'MODERATION_WRITE',
    communityOf: (input: I) => input.communityId,
    execute: async (input: I, context, commandId): Promise<CommandPayloadValue> => {
      const community = await controllableCommunity(context, input.communityId);
      if (isUserError(community)) return { userErrors: [community] };
      const refused = await precheck?.(input, context);
      if (refused) return refused;
      return queueCommand(context, context.services.queues.communityRequests, schema, {
        ...build(input),
        ...commandBase(context, commandId),
        communityId: community.id,
      });
    },
  });

export const moderationMutations: Resolvers['Mutation'] = {
  decideRequestToJoin: moderation(
    'request.decide',
    DecideRequestCommandSchema,
    (input: DecideRequestToJoinInput) => ({
      type: 'request.decide',
      requestId: input.requestId,
      decision: input.decision === 'ACCEPT' ? 'accept' : 'decline',
    }),
    async (input, { services }) =>
      (await services.prisma.requestToJoin.count({
        where: { id: input.requestId, communityId: input.communityId },
      })) === 0
        ? { userErrors: [userError(ErrorCode.NOT_FOUND, 'No such request to join', ['input', 'requestId'])] }
        : null,
  ),
  kickMember: moderation('member.kick', KickMemberCommandSchema, (input: MemberInput) => ({
    type: 'member.kick',
    memberKey: input.memberKey,
  })),
  banMember: moderation('member.ban', BanMemberCommandSchema, (input: BanMemberInput) => ({
    type: 'member.ban',
    memberKey: input.memberKey,
    deleteAllMessages: input.deleteAllMessages ?? false,
  })),
  unbanMember: moderation('member.unban', UnbanMemberCommandSchema, (input: MemberInput) => ({
    type: 'member.unban',
    memberKey: input.memberKey,
  })),
  // Roles are part of the description the publisher builds: owner:control, on community.commands.
  setMemberRoles: mutationResolver({
    action: 'member.set-roles',
    scope: 'OWNER_CONTROL',
    communityOf: (input: SetMemberRolesInput) => input.communityId,
    execute: async (input: SetMemberRolesInput, context, commandId): Promise<CommandPayloadValue> => {
      const community = await controllableCommunity(context, input.communityId);
      if (isUserError(community)) return { userErrors: [community] };
      return queueCommand(context, context.services.queues.communityCommands, SetMemberRolesCommandSchema, {
        type: 'member.set-roles',
        ...commandBase(context, commandId),
        communityId: community.id,
        memberKey: input.memberKey,
        roles: [...new Set(input.roles)],
      });
    },
  }),
};
