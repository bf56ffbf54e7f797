// The transport and encryption layers of a 1:1 message to a bot, up to the entry to decrypt: the Waku payload
// opened with the bot's key (or the negotiated topic's key when the topic is one of the bot's in
// direct_topics), the sender named by the envelope signature, every bundle carried verified and required to be
// the sender's, our entry selected. SG protocol/common/message_sender.go handleMessage, encryption/protocol.go
// HandleMessage (bundles first); one-to-one.md §2.7 (a).
import { bytesToPrefixedHex, decodeAsymmetric, decodeSymmetric } from '@status-communities/crypto';
import { ErrorCode, err, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import type { SelectedDirectEntry, VerifiedBundle } from '@status-communities/protocol';
import { selectDirectEntry, verifyBundle } from '@status-communities/protocol';
import type { BotMessageCommand } from '@status-communities/queue';
import { base64ToBytes } from '@status-communities/queue';
import type { OpenedBot } from './bot.js';
import type { DirectContext } from './context.js';
import { bundleOwner } from './peer-bundles.js';
import type { DirectRefusal } from './refusals.js';
import { directRefusal, refusalOf } from './refusals.js';
import { negotiatedTopicWith } from './seal.js';

type DirectReceivedCommand = Extract<BotMessageCommand, { type: 'direct.received' }>;

export interface Opened {
  readonly peerKey: string;
  readonly sender: Uint8Array;
  readonly senderInstallationId: string;
  /** The newest bundle of the sender the message carried. */
  readonly bundle?: {
    readonly proto: status.encryption.Bundle.$Properties;
    readonly verified: VerifiedBundle;
  };
  readonly message: status.encryption.ProtocolMessage;
  readonly selected: SelectedDirectEntry;
}

/** The bot's own message, back from a negotiated topic both sides write on. */
export interface OwnEcho {
  readonly own: true;
}

const refuse = (
  reason: DirectRefusal['reason'],
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> },
) => err(directRefusal(reason, error.code, error.message, error.details ?? {}));

/** Transport and encryption layers up to our entry, with the carried bundles checked to be the sender's. */
export const openTransport = async (
  context: DirectContext,
  bot: OpenedBot,
  command: DirectReceivedCommand,
): Promise<Result<Opened | OwnEcho, DirectRefusal>> => {
  const payload = base64ToBytes(command.message.payload);
  const negotiated = await context.prisma.directTopic.findUnique({
    where: { contentTopic: command.message.contentTopic },
  });
  const ours = negotiated?.identityId === bot.identity.id ? negotiated : undefined;
  const topic = ours && negotiatedTopicWith(bot.key.reveal(), ours.peerKey);
  if (topic && !topic.ok) return err(refusalOf(topic.error));
  const decoded = topic
    ? decodeSymmetric(payload, topic.value.symKey!)
    : decodeAsymmetric(payload, bot.key.reveal());
  if (!decoded.ok)
    return err(
      topic
        ? refusalOf(decoded.error)
        : directRefusal('not-for-us', decoded.error.code, decoded.error.message),
    );
  const peerKey = bytesToPrefixedHex(decoded.value.signer);
  // Both sides write on a negotiated topic, so the bot's own messages come back to it: not a refusal.
  if (ours && peerKey === bot.identity.publicKey) return ok({ own: true });
  if (ours && ours.peerKey !== peerKey)
    return refuse('wrong-signer', {
      code: ErrorCode.WRONG_SIGNER,
      message: 'not signed by the peer of this negotiated topic',
    });
  const message = decodeProto<status.encryption.ProtocolMessage>(
    status.encryption.ProtocolMessage,
    decoded.value.data,
  );
  if (!message.ok) return err(refusalOf(message.error));
  let bundle: Opened['bundle'];
  for (const proto of message.value.bundles) {
    const verified = verifyBundle(proto);
    if (!verified.ok) return refuse('forged-bundle', verified.error);
    if (bundleOwner(verified.value) !== peerKey)
      return refuse('forged-bundle', {
        code: ErrorCode.WRONG_SIGNER,
        message: "a bundle that is not the sender's",
      });
    if (!bundle || verified.value.timestampNs > bundle.verified.timestampNs)
      bundle = { proto, verified: verified.value };
  }
  const selected = selectDirectEntry(message.value, bot.identity.installationId);
  if (!selected.ok) return err(refusalOf(selected.error));
  return ok({
    peerKey,
    sender: decoded.value.signer,
    senderInstallationId: message.value.installationId,
    ...(bundle && { bundle }),
    message: message.value,
    selected: selected.value,
  });
};
