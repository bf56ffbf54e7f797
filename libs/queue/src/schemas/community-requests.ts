import { z } from 'zod';
import { command } from './command-base.js';
import {
  CommunityIdSchema,
  CorrelationIdSchema,
  EpochMillisSchema,
  PrefixedHexSchema,
  PublicKeySchema,
} from './primitives.js';
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
/**
 * request-handler → itself: answer an accepted request once a description listing the requester is published
 * (the answer carries that description, as status-go's does).
 */
export const RespondToRequestJobSchema = z.object({
  type: z.literal('request.respond'),
  correlationId: CorrelationIdSchema,
  communityId: CommunityIdSchema,
  requestId: PrefixedHexSchema,
  /** The community clock (ms) the acceptance was stored at: the answer waits for a publish at least this new. */
  clock: EpochMillisSchema,
});

/** queue `community.requests` (indexer, api → request-handler). */
export const CommunityRequestJobSchema = z.discriminatedUnion('type', [
  InboundRequestJobSchema,
  DecideRequestCommandSchema,
  KickMemberCommandSchema,
  BanMemberCommandSchema,
  UnbanMemberCommandSchema,
  RespondToRequestJobSchema,
]);
export type CommunityRequestJob = z.infer<typeof CommunityRequestJobSchema>;
