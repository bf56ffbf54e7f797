import type { Result } from '@status-communities/errors';
import { bug, ok } from '@status-communities/errors';
import type {
  EncodedStatusMessage,
  ShardPublishKind,
  ShardProfile,
  ShardRef,
} from '@status-communities/protocol';
import { contentTopicForChatId, publishPubsubTopics } from '@status-communities/protocol';
import type { WakuPayload } from '@status-communities/queue';

/** Where one kind of Status message goes. */
export interface Destination {
  readonly kind: ShardPublishKind;
  /** The chat ID whose content topic (and pbkdf2 key) the message uses. */
  readonly chatId: string;
  readonly communityShard: ShardRef | null;
  readonly profile: ShardProfile;
}

/**
 * Encodes a message once per pubsub topic of the destination. Each encoding has its own envelope nonce (the
 * signed plaintext inside may be the same bytes: prepareStatusMessage + sealStatusMessage): identical Waku
 * messages on two shards would share one gossipsub message id, and a relay on both shards would drop the
 * second as a duplicate. status-web likewise encrypts anew for each of its shards.
 */
export const encodeForDestination = (
  destination: Destination,
  encode: () => Result<EncodedStatusMessage>,
): Result<{ readonly encoded: EncodedStatusMessage; readonly messages: WakuPayload[] }> => {
  const contentTopic = contentTopicForChatId(destination.chatId);
  const messages: WakuPayload[] = [];
  let first: EncodedStatusMessage | undefined;
  for (const pubsubTopic of publishPubsubTopics(
    destination.kind,
    destination.communityShard,
    destination.profile,
  )) {
    const encoded = encode();
    if (!encoded.ok) return encoded;
    first ??= encoded.value;
    messages.push(...encoded.value.payloads.map((payload) => ({ pubsubTopic, contentTopic, payload })));
  }
  // A shard profile always names at least one shard (makeShardProfile refuses an empty list).
  if (!first) bug(`no pubsub topic for ${destination.kind}`);
  return ok({ encoded: first, messages });
};
