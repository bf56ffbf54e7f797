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
/** A token criterion as the API validated it (libs/protocol validateTokenPermission), stored as JSON. */
const TokenCriteriaSchema = z.object({
  type: z.enum(['ERC20', 'ERC721', 'ENS']),
  contractAddresses: z.record(z.string().regex(/^[1-9][0-9]*$/), z.string().regex(/^0x[0-9a-f]{40}$/)),
  symbol: z.string(),
  name: z.string(),
  amount: z.string(),
  amountInWei: z.string(),
  tokenIds: z.array(z.string().regex(/^[0-9]+$/)),
  ensPattern: z.string(),
  decimals: z.number().int().nonnegative(),
});
/** api → request-handler: create or replace one token permission of a hosted community. */
export const UpsertTokenPermissionCommandSchema = command('permission.upsert', {
  communityId: CommunityIdSchema,
  permission: z.object({
    id: z.string().min(1).max(64),
    type: z.enum([
      'BECOME_ADMIN',
      'BECOME_MEMBER',
      'CAN_VIEW_CHANNEL',
      'CAN_VIEW_AND_POST_CHANNEL',
      'BECOME_TOKEN_MASTER',
    ]),
    criteria: z.array(TokenCriteriaSchema).max(5),
    chatIds: z.array(z.string().min(1)),
    isPrivate: z.boolean(),
  }),
});
export const DeleteTokenPermissionCommandSchema = command('permission.delete', {
  communityId: CommunityIdSchema,
  permissionId: z.string().min(1).max(64),
});
/**
 * Re-check members and held requests against the token permissions: on schedule (every 8 h by default), on
 * demand (API), after a permission changed, after a member edited its shared addresses, and again after a chain
 * could not be read.
 */
export const ReevaluateMembersCommandSchema = command('members.reevaluate', {
  communityId: CommunityIdSchema,
  reason: z.enum(['schedule', 'demand', 'permissions-changed', 'chain-retry', 'shared-addresses-edited']),
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
  /** Requests accepted with it (a batch of joins, a re-evaluation), answered by the same job. */
  alsoRequestIds: z.array(PrefixedHexSchema).max(1_000).optional(),
  /** The community clock (ms) the acceptances were stored at: the answers wait for a publish at least this new. */
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
  UpsertTokenPermissionCommandSchema,
  DeleteTokenPermissionCommandSchema,
  ReevaluateMembersCommandSchema,
]);
export type CommunityRequestJob = z.infer<typeof CommunityRequestJobSchema>;
