// Our bots in encrypted communities run elsewhere ask the control node for channel keys they miss (issue #13),
// as status-go's member does: a periodic pass over the bots' memberships in communities not hosted here; for
// each encrypted channel whose key the bot does not hold and where it is likely a member (listed, or found in
// the channel's bloom filter), a COMMUNITY_ENCRYPTION_KEYS_REQUEST (87) signed by the bot goes to the control
// node, with status-go's back-off per channel kept in community_encryption_keys_requests.
// SG messenger_communities.go startRequestMissingCommunityChannelsHRKeysLoop, requestCommunityEncryptionKeys;
// manager.go determineChannelsForHRKeysRequest.
import { decompressPublicKey, hexToBytes, hexToBytesOrThrow } from '@status-communities/crypto';
import type { Result } from '@status-communities/errors';
import { ErrorCode, bug, fail, ok } from '@status-communities/errors';
import type { GroupKeyStore, SecretKey } from '@status-communities/keyring';
import { encodeProto, status } from '@status-communities/proto';
import { channelGroupId, isLikelyChannelMember } from '@status-communities/protocol';
import { enqueueOutbound, toOutboundMessages } from '@status-communities/queue';
import type { PublisherContext } from '../context.js';
import { encodeToControlNode, knownDescription } from './bot-handler.js';

/** status-go asks again after 10 min, then 20, 40…: requestedAt + 10 min · 2^(count−1). */
export const KEY_REQUEST_BACKOFF_MS = 10 * 60_000;

/** When a channel asked `count` times, last at `requestedAtMs`, may be asked again. */
export const nextKeyRequestAtMs = (requestedAtMs: number, count: number): number => {
  if (count < 1) bug('a stored key request was sent at least once', { count });
  return requestedAtMs + KEY_REQUEST_BACKOFF_MS * 2 ** (count - 1);
};

export interface KeyRequestReport {
  /** Requests queued (one per bot and community, naming every channel due). */
  readonly sent: number;
  /** Memberships that could not be judged (no description yet, bad stored key…); logged, tried next pass. */
  readonly skipped: number;
}

interface Membership {
  readonly communityId: string;
  readonly botKey: string;
}

/** Our bots' memberships in communities not hosted here: accepted, or listed in the last stored description. */
const foreignMemberships = async (context: PublisherContext): Promise<Membership[]> => {
  const foreign = { kind: { not: 'HOSTED' as const } };
  const [accepted, bots] = await Promise.all([
    context.prisma.requestToJoin.findMany({
      where: { state: 'ACCEPTED', community: foreign },
      select: { communityId: true, requesterKey: true },
    }),
    context.prisma.identity.findMany({ select: { publicKey: true } }),
  ]);
  const listed = await context.prisma.member.findMany({
    where: { state: 'ACTIVE', memberKey: { in: bots.map((bot) => bot.publicKey) }, community: foreign },
    select: { communityId: true, memberKey: true },
  });
  const unique = new Map<string, Membership>();
  for (const row of accepted)
    unique.set(`${row.communityId}/${row.requesterKey}`, {
      communityId: row.communityId,
      botKey: row.requesterKey,
    });
  for (const row of listed)
    unique.set(`${row.communityId}/${row.memberKey}`, {
      communityId: row.communityId,
      botKey: row.memberKey,
    });
  return [...unique.values()];
};

/** The uncompressed key the channel bloom filters are made with: the control node's, else the community's. */
const controlNodePublicKey = (communityId: string, controlNodeKey: string | null): Result<Uint8Array> => {
  const key = hexToBytes(controlNodeKey ?? communityId);
  if (!key.ok) return key;
  return decompressPublicKey(key.value);
};

/**
 * The encrypted channels whose key the bot misses and is likely given (status-go determineChannelsForHRKeysRequest),
 * and the channels whose key it holds now (their back-off is reset).
 */
const missingChannels = async (
  groupKeys: GroupKeyStore,
  known: Extract<Awaited<ReturnType<typeof knownDescription>>, { ok: true }>['value'],
  bot: SecretKey,
): Promise<Result<{ missing: string[]; held: string[] }>> => {
  const { description, opened } = known;
  const { communityId } = description;
  const controlNode = controlNodePublicKey(communityId, known.controlNodeKey);
  if (!controlNode.ok) return controlNode;
  const missing: string[] = [];
  const held: string[] = [];
  for (const channel of description.channels.values()) {
    if (!channel.encrypted) continue;
    const keys = await groupKeys.ofGroup(communityId, channelGroupId(communityId, channel.uuid));
    if (!keys.ok) return keys;
    if (keys.value.length > 0) {
      held.push(channel.uuid);
      continue;
    }
    // The channel's member list is sealed under the very key missing: the filter beside it says whether we are in.
    const membersList = opened.chats?.[channel.uuid]?.membersList;
    let likely = channel.members.has(bot.publicKeyHex);
    if (!likely && membersList?.data?.length) {
      const inFilter = isLikelyChannelMember(
        membersList,
        bot.reveal(),
        controlNode.value,
        channel.uuid,
        BigInt(description.clock),
      );
      if (!inFilter.ok) return inFilter;
      likely = inFilter.value;
    }
    if (likely) missing.push(channel.uuid);
  }
  return ok({ missing, held });
};

/** One bot in one community: the request for the channels due now, queued and recorded; the count sent. */
const requestForMembership = async (
  context: PublisherContext,
  groupKeys: GroupKeyStore,
  { communityId, botKey }: Membership,
): Promise<Result<number>> => {
  const known = await knownDescription(context, communityId);
  if (!known.ok) return known;
  if (known.value.hosted) return ok(0);
  if (![...known.value.description.channels.values()].some((channel) => channel.encrypted)) return ok(0);
  const identity = await context.prisma.identity.findUnique({ where: { publicKey: botKey } });
  if (!identity) return fail(ErrorCode.NOT_FOUND, 'no such bot identity', { botKey });
  const key = await context.keyring.open(identity.keyId);
  if (!key.ok) return key;
  try {
    const channels = await missingChannels(groupKeys, known.value, key.value);
    if (!channels.ok) return channels;
    const { missing, held } = channels.value;
    // The key arrived: the next time it is missing (a rekey not reaching us) starts again at once.
    if (held.length > 0)
      await context.prisma.communityEncryptionKeysRequest.deleteMany({
        where: { communityId, botKey, channelId: { in: held } },
      });
    if (missing.length === 0) return ok(0);
    const nowMs = context.clock();
    const asked = await context.prisma.communityEncryptionKeysRequest.findMany({
      where: { communityId, botKey, channelId: { in: missing } },
    });
    const byChannel = new Map(asked.map((row) => [row.channelId, row]));
    const due = missing.filter((uuid) => {
      const row = byChannel.get(uuid);
      return !row || nowMs >= nextKeyRequestAtMs(row.requestedAt.getTime(), row.count);
    });
    if (due.length === 0) return ok(0);

    const request = status.CommunityEncryptionKeysRequest.create({
      communityId: hexToBytesOrThrow(communityId),
      chatIds: due,
    });
    const routed = encodeToControlNode(context, {
      communityKey: known.value.description.communityKey,
      shard: known.value.shard,
      type: status.ApplicationMetadataMessage.Type.COMMUNITY_ENCRYPTION_KEYS_REQUEST,
      payload: encodeProto(status.CommunityEncryptionKeysRequest, request),
      signer: key.value,
    });
    if (!routed.ok) return routed;
    const { encoded, messages } = routed.value;
    const correlationId = `keys-request-${encoded.messageId}`;
    const queued = await enqueueOutbound(
      context.outboundQueue,
      toOutboundMessages(messages, nowMs, correlationId),
      correlationId,
    );
    if (!queued.ok) return queued;
    // Recorded after queueing: a crash in between asks once more, never not at all.
    const requestedAt = new Date(nowMs);
    await context.prisma.$transaction(
      due.map((channelId) =>
        context.prisma.communityEncryptionKeysRequest.upsert({
          where: { communityId_botKey_channelId: { communityId, botKey, channelId } },
          create: { communityId, botKey, channelId, requestedAt, count: 1 },
          update: { requestedAt, count: { increment: 1 } },
        }),
      ),
    );
    context.metrics.keyRequestsSent.inc();
    context.metrics.outbound.inc({ kind: 'bot_message' }, messages.length);
    context.logger.info(
      { communityId, botKey, chatIds: due, messageId: encoded.messageId },
      'missing channel keys requested',
    );
    return ok(1);
  } finally {
    key.value.wipe();
  }
};

/**
 * One pass over every bot membership in a community run elsewhere. A membership that cannot be judged is
 * logged and skipped; the others still go.
 */
export const requestMissingKeys = async (context: PublisherContext): Promise<KeyRequestReport> => {
  const { groupKeys } = context;
  // Without the group-key master key no key could be stored, so none is asked for.
  if (!groupKeys) return { sent: 0, skipped: 0 };
  let sent = 0;
  let skipped = 0;
  for (const membership of await foreignMemberships(context)) {
    const result = await requestForMembership(context, groupKeys, membership);
    if (result.ok) {
      sent += result.value;
      continue;
    }
    skipped += 1;
    context.logger.info(
      { ...membership, code: result.error.code, reason: result.error.message },
      'missing keys not requested',
    );
  }
  return { sent, skipped };
};
