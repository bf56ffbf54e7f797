// COMMUNITY_ENCRYPTION_KEYS_REQUEST (87): a member of an encrypted community missing keys asks the control node;
// it gets every key of the community group (if encrypted) and of each encrypted channel it asked for (all when
// none named) in 1:1 key exchanges. Members only; no keys, nothing encrypted or not a member is a refusal.
// SG messenger_communities.go handleCommunityEncryptionKeysRequest; libs/protocol encryptionKeysAnswer states
// the same rule over a description — here the stored state is read (every member is in every channel: no
// token criteria yet).
import { hexToBytesOrThrow } from '@status-communities/crypto';
import { ErrorCode, StatusError } from '@status-communities/errors';
import { channelGroupId, sealKeyExchange } from '@status-communities/protocol';
import type { SealedControlNodeMessage } from '@status-communities/protocol';
import type { RequestHandlerContext } from '../context.js';
import { queueOutbound } from '../outbound.js';
import type { JobOutcome } from '../outcome.js';
import { recordRefusal } from '../outcome.js';
import type { HostedCommunity } from '../store/hosted-community.js';
import { isActiveMember } from '../store/membership.js';
import type { OpenedRequest } from './open-request.js';

type KeysRequest = Extract<OpenedRequest, { kind: 'keys' }>;

export const answerKeysRequest = async (
  context: RequestHandlerContext,
  community: HostedCommunity,
  requesterKey: string,
  request: KeysRequest,
  correlationId: string,
): Promise<JobOutcome> => {
  const refuse = (code: ErrorCode, message: string, reason: string) =>
    recordRefusal(
      context,
      {
        type: 'keys',
        tenantId: community.tenantId,
        communityId: community.id,
        actor: requesterKey,
        action: 'request.keys',
        input: { messageId: request.messageId },
      },
      new StatusError(code, message, { reason }),
      correlationId,
    );
  if (!(await isActiveMember(context.prisma, community.id, requesterKey)))
    return refuse(ErrorCode.FORBIDDEN, 'keys are given to members only', 'not-a-member');
  const store = context.groupKeys;
  if (!store) return refuse(ErrorCode.INVALID_CONFIG, 'no GROUP_KEYS_MASTER_KEY here', 'no-group-keys');
  const asked = request.request.chatIds ?? [];
  const channels = await context.prisma.channel.findMany({
    where: {
      communityId: community.id,
      encrypted: true,
      deleted: false,
      ...(asked.length > 0 ? { uuid: { in: asked } } : {}),
    },
    select: { uuid: true },
  });
  const groups = [
    ...(community.encrypted ? [hexToBytesOrThrow(community.id)] : []),
    ...channels.map((channel) => channelGroupId(community.id, channel.uuid)),
  ];
  const messages: SealedControlNodeMessage['messages'][number][] = [];
  for (const groupId of groups) {
    const keys = await store.ofGroup(community.id, groupId);
    if (!keys.ok) throw keys.error;
    if (keys.value.length === 0) continue;
    const communityKey = await context.keyring.open(community.keyId);
    if (!communityKey.ok) throw communityKey.error;
    try {
      const sealed = sealKeyExchange({
        controlNodePrivateKey: communityKey.value.reveal(),
        installationId: context.settings.installationId,
        recipientPublicKey: hexToBytesOrThrow(requesterKey),
        groupId,
        keys: keys.value.map((stored) => stored.key),
        profile: context.settings.shardProfile,
      });
      // The requester key was recovered from a signature: a curve point.
      if (!sealed.ok) throw sealed.error;
      messages.push(...sealed.value);
    } finally {
      communityKey.value.wipe();
    }
  }
  if (messages.length === 0)
    return refuse(ErrorCode.NOT_FOUND, 'nothing encrypted to give keys for', 'no-encrypted-group');
  const count = await queueOutbound(
    context,
    { messageId: request.messageId, messages },
    `keys-${request.messageId}`,
    correlationId,
  );
  context.metrics.outbound.inc({ kind: 'key_exchange' }, count);
  context.metrics.handled.inc({ type: 'keys', outcome: 'responded' });
  return { outcome: 'responded' };
};
