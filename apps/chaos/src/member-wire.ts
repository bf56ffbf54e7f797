import { bytesToPrefixedHex, compressPublicKey, symKeyFor } from '@status-communities/crypto';
import { bigIntToUint64 } from '@status-communities/proto';
import { contentTopicForChatId, decodeStatusMessage } from '@status-communities/protocol';
import { base64ToBytes, bytesToBase64 } from '@status-communities/queue';
import type { WireMessage } from '@status-communities/testing';
import type { PublishOutcome, WakuNode } from '@status-communities/waku';

/** What a member puts on Waku: payload as bytes or, as a request to a control node is built, in base64. */
export interface Outgoing {
  readonly pubsubTopic: string;
  readonly contentTopic: string;
  readonly payload: Uint8Array | string;
}

// Channel messages: the member does not need to keep what it and the flood send (thousands a fault).
const CHANNEL_SHARD_TOPIC = '/waku/2/rs/16/256';

/** Publishes on `node` now, stamped now. */
export const publishOn = (node: WakuNode, message: Outgoing): Promise<PublishOutcome> => {
  const payload = typeof message.payload === 'string' ? base64ToBytes(message.payload) : message.payload;
  return node.publish(message.pubsubTopic, {
    payload,
    contentTopic: message.contentTopic,
    version: 1,
    timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
  });
};

/**
 * Whether a Status app reads the message as its community's: on the community's topic, opened with its key and,
 * when whole, signed by the community itself (a segment is judged by the reassembled message's reader).
 */
const fromCommunity = (communityId: string, message: WireMessage): boolean => {
  if (message.contentTopic !== contentTopicForChatId(communityId)) return false;
  const decoded = decodeStatusMessage(base64ToBytes(message.payload), { symKey: symKeyFor(communityId) });
  if (!decoded.ok) return false;
  if (decoded.value.kind !== 'message') return true;
  const signer = decoded.value.signer && compressPublicKey(decoded.value.signer);
  return signer?.ok === true && bytesToPrefixedHex(signer.value) === communityId;
};

/**
 * The members' view of Waku, as a Status app has it: one devnet node they publish on, and every description
 * and control-node answer relayed to it (kept, for reading the community's state and our acceptance).
 */
export class MemberWire {
  readonly seen: WireMessage[] = [];
  private readonly views = new Map<string, { judged: number; kept: WireMessage[] }>();

  constructor(private readonly node: WakuNode) {
    node.subscribe(({ pubsubTopic, message }) => {
      if (pubsubTopic !== CHANNEL_SHARD_TOPIC)
        this.seen.push({
          pubsubTopic,
          contentTopic: message.contentTopic,
          payload: bytesToBase64(message.payload),
        });
    });
  }

  publish(message: Outgoing): Promise<PublishOutcome> {
    return publishOn(this.node, message);
  }

  /**
   * What a Status app takes from the community's topic: its own descriptions, not an attacker's garbage or an
   * impostor's. Each message is judged once.
   */
  communityMessages(communityId: string): readonly WireMessage[] {
    const view = this.views.get(communityId) ?? { judged: 0, kept: [] };
    this.views.set(communityId, view);
    for (; view.judged < this.seen.length; view.judged++) {
      const message = this.seen[view.judged] as WireMessage;
      if (fromCommunity(communityId, message)) view.kept.push(message);
    }
    return view.kept;
  }
}
