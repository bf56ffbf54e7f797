import { z } from 'zod';
import { command } from './command-base.js';
import { CommunityIdSchema, CorrelationIdSchema, PrefixedHexSchema, PublicKeySchema } from './primitives.js';
import { InboundWakuMessageSchema } from './waku-messages.js';

/** A Waku message on a hosted community's request topic, forwarded by the indexer untouched. */
export const InboundRequestJobSchema = z.object({
  type: z.literal('request.inbound'),
  correlationId: CorrelationIdSchema,
  communityId: CommunityIdSchema,
  message: InboundWakuMessageSchema,
});
export const DecideRequestCommandSchema = command('request.decide', {
  communityId: CommunityIdSchema,
  requestId: PrefixedHexSchema,
  decision: z.enum(['accept', 'decline']),
});
export const KickMemberCommandSchema = command('member.kick', {
  communityId: CommunityIdSchema,
  memberKey: PublicKeySchema,
});
export const BanMemberCommandSchema = command('member.ban', {
  communityId: CommunityIdSchema,
  memberKey: PublicKeySchema,
  deleteAllMessages: z.boolean(),
});
export const UnbanMemberCommandSchema = command('member.unban', {
  communityId: CommunityIdSchema,
  memberKey: PublicKeySchema,
});

/** queue `community.requests` (indexer, api → request-handler). */
export const CommunityRequestJobSchema = z.discriminatedUnion('type', [
  InboundRequestJobSchema,
  DecideRequestCommandSchema,
  KickMemberCommandSchema,
  BanMemberCommandSchema,
  UnbanMemberCommandSchema,
]);
export type CommunityRequestJob = z.infer<typeof CommunityRequestJobSchema>;
