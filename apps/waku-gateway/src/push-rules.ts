import { decodeSymmetric } from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import type { CommunityTopic } from '@status-communities/protocol';
import type { LightPushCheck } from '@status-communities/waku';

/** Why the gateway refuses a pushed message its own rules reject; stable metric label values. */
export const PushRuleReason = {
  UNSIGNED_PAYLOAD: 'unsigned_payload',
  UNDECRYPTABLE: 'undecryptable',
} as const;

/**
 * Our rule for light-pushed messages on the topics of the communities we host and watch: the 26/WAKU2-PAYLOAD
 * v1 envelope must decrypt with the topic's key and be signed, or status-go drops it (SG message_sender.go
 * handleMessage) and we would relay, archive and index what no Status client shows. The requests topic is
 * ECIES to the community key, which the gateway never holds: its messages pass, as do topics we do not know.
 */
export const checkSignedPayload =
  (topicsOf: (contentTopic: string) => readonly CommunityTopic[]): LightPushCheck =>
  ({ message }) => {
    const symmetric = topicsOf(message.contentTopic).filter((topic) => topic.encryption === 'symmetric');
    if (symmetric.length === 0) return { ok: true };
    let unsigned = false;
    // 4-byte content topics can collide: any of the topics' keys may be the one.
    for (const topic of symmetric) {
      if (topic.symKey === null) continue;
      const decoded = decodeSymmetric(message.payload, topic.symKey);
      if (decoded.ok) return { ok: true };
      if (decoded.error.code === ErrorCode.UNSIGNED_ENVELOPE) unsigned = true;
    }
    return unsigned
      ? { ok: false, error: { reason: PushRuleReason.UNSIGNED_PAYLOAD, detail: 'the payload is not signed' } }
      : {
          ok: false,
          error: {
            reason: PushRuleReason.UNDECRYPTABLE,
            detail: "the payload does not decrypt with the topic's key",
          },
        };
  };
