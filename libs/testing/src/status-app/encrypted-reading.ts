// How the Status app of the tests reads an encrypted community (issue #13), from libs/protocol and
// libs/crypto only: keys out of the control node's 1:1 messages (the accepted answer and key exchanges,
// HR_header.keys on a DH "none" entry) and out of each description's rekey envelope, the description's
// private parts, and channel messages under the hash ratchet. Whatever is not from the control node, or does
// not open, is refused with its error code and changes nothing.
// SG protocol/encryption/protocol.go HandleMessage / HandleHashRatchetKeys, messenger_communities.go
// HandleCommunityDescriptionMessage, HandleCommunityRequestToJoinResponse.
import {
  bytesToHex,
  bytesToPrefixedHex,
  decodeAsymmetric,
  decompressPublicKey,
  equalBytes,
  hexToBytesOrThrow,
  symKeyFor,
} from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { status } from '@status-communities/proto';
import type { CommunityDescriptionModel, UndecryptedPrivateData } from '@status-communities/protocol';
import {
  SegmentAssembler,
  contentTopicForChatId,
  decodeApplicationMessage,
  decodeStatusMessage,
  decryptCommunityDescription,
  decryptHashRatchetLayer,
  findHashRatchetKey,
  memberUpdateChatId,
  openDhKeyExchangeMessage,
  readCommunityDescription,
  readKeyExchangeKeys,
} from '@status-communities/protocol';
import type { MemberGroupKeys } from './member-keys.js';

const base64ToBytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** The parts of a Waku message a reader looks at (payload in base64). */
interface Wire {
  readonly pubsubTopic: string;
  readonly contentTopic: string;
  readonly payload: string;
}

/** The community's control node: its own key, for a community not owned by a token. */
const controlNodeOf = (communityId: string): Uint8Array =>
  unwrap(decompressPublicKey(hexToBytesOrThrow(communityId)));

export interface DirectRead {
  /** Keys not held before. */
  readonly keysAdded: number;
  readonly responses: status.CommunityRequestToJoinResponse[];
  /** A COMMUNITY_USER_KICKED from the control node came. */
  readonly kicked: boolean;
  /** Messages to us that were refused (another signer, keys that do not read), by error code. */
  readonly refused: ErrorCode[];
}

/** Our 1:1 messages from the community's control node on our partitioned topic. */
export const readDirectMessages = (
  privateKey: Uint8Array,
  keys: MemberGroupKeys,
  responseContentTopic: string,
  communityId: string,
  messages: readonly Wire[],
): DirectRead => {
  const controlNode = controlNodeOf(communityId);
  const read: { keysAdded: number; responses: status.CommunityRequestToJoinResponse[]; kicked: boolean } = {
    keysAdded: 0,
    responses: [],
    kicked: false,
  };
  const refused: ErrorCode[] = [];
  for (const message of messages) {
    if (message.contentTopic !== responseContentTopic) continue;
    const envelope = decodeAsymmetric(base64ToBytes(message.payload), privateKey);
    // Not sealed to us (another member's topic partition).
    if (!envelope.ok) continue;
    if (!equalBytes(envelope.value.signer, controlNode)) {
      refused.push(ErrorCode.FORBIDDEN);
      continue;
    }
    let applicationBytes = envelope.value.data;
    const exchange = openDhKeyExchangeMessage(envelope.value.data, privateKey);
    if (exchange.ok) {
      if (exchange.value.keyExchange) {
        const received = readKeyExchangeKeys(exchange.value.keyExchange, {
          recipientPrivateKey: privateKey,
          senderPublicKey: envelope.value.signer,
        });
        if (!received.ok) {
          refused.push(received.error.code);
          continue;
        }
        read.keysAdded += keys.add(received.value);
      }
      applicationBytes = exchange.value.payload;
    }
    // A bare key exchange carries the HRKeys again, not an AMM.
    const decoded = decodeApplicationMessage(applicationBytes);
    if (!decoded.ok || decoded.value.kind !== 'message') continue;
    if (decoded.value.typeName === 'COMMUNITY_REQUEST_TO_JOIN_RESPONSE')
      read.responses.push(decoded.value.message);
    if (decoded.value.typeName === 'COMMUNITY_USER_KICKED') read.kicked = true;
  }
  return { ...read, refused };
};

export interface DescriptionRead {
  readonly description: CommunityDescriptionModel;
  /** Private parts we hold no key for (or that did not open). */
  readonly undecrypted: readonly UndecryptedPrivateData[];
  /** Descriptions refused: not signed by the control node, or a rekey entry of ours that did not open. */
  readonly refused: ErrorCode[];
}

/**
 * The newest description of the community on `pubsubTopic`: our entry of its rekey envelope opened (the
 * current community key), then its private parts with every key we hold.
 */
export const readEncryptedDescription = (
  privateKey: Uint8Array,
  keys: MemberGroupKeys,
  communityId: string,
  messages: readonly Wire[],
  pubsubTopic = '/waku/2/rs/16/128',
): DescriptionRead | undefined => {
  const controlNode = controlNodeOf(communityId);
  const assembler = new SegmentAssembler();
  const refused: ErrorCode[] = [];
  let latest: status.CommunityDescription | undefined;
  for (const message of messages) {
    if (message.pubsubTopic !== pubsubTopic || message.contentTopic !== contentTopicForChatId(communityId))
      continue;
    const decoded = decodeStatusMessage(
      base64ToBytes(message.payload),
      { symKey: symKeyFor(communityId) },
      { segments: { assembler, nowMs: Date.now() } },
    );
    if (!decoded.ok || decoded.value.kind !== 'message' || decoded.value.typeName !== 'COMMUNITY_DESCRIPTION')
      continue;
    if (
      !equalBytes(decoded.value.signer, controlNode) ||
      !equalBytes(decoded.value.envelopeSigner, controlNode)
    ) {
      refused.push(ErrorCode.FORBIDDEN);
      continue;
    }
    if (decoded.value.keyExchange) {
      const received = readKeyExchangeKeys(decoded.value.keyExchange, {
        recipientPrivateKey: privateKey,
        senderPublicKey: decoded.value.envelopeSigner,
      });
      if (!received.ok) {
        refused.push(received.error.code);
        continue;
      }
      keys.add(received.value);
    }
    const description = decoded.value.message;
    if (!latest || BigInt(description.clock.toString()) >= BigInt(latest.clock.toString()))
      latest = description;
  }
  if (!latest) return undefined;
  const { description, undecrypted } = decryptCommunityDescription(latest, keys.lookup());
  return { description: unwrap(readCommunityDescription(description, communityId)), undecrypted, refused };
};

/** A channel message as a member reads it: opened, or refused with why. */
export type ChannelMessageRead =
  | {
      readonly ok: true;
      readonly messageId: string;
      /** `0x04…` of the AMM signer. */
      readonly authorKey: string;
      readonly typeName: string;
      readonly text: string | undefined;
      /** It came under a group's hash ratchet. */
      readonly encrypted: boolean;
    }
  | { readonly ok: false; readonly code: ErrorCode };

/** Every message on the community's channel topic, decrypted with the keys we hold. */
export const readChannelMessages = (
  keys: MemberGroupKeys,
  communityId: string,
  messages: readonly Wire[],
): ChannelMessageRead[] => {
  const chatId = memberUpdateChatId(communityId);
  const reads: ChannelMessageRead[] = [];
  // One message comes on each of its shards, sealed anew for each: a message id is read once, and so is
  // a hash-ratchet message that does not open (by its key and seq_no).
  const once = new Set<string>();
  const first = (id: string): boolean => {
    if (once.has(id)) return false;
    once.add(id);
    return true;
  };
  for (const message of messages) {
    if (message.contentTopic !== contentTopicForChatId(chatId)) continue;
    const decoded = decodeStatusMessage(base64ToBytes(message.payload), { symKey: symKeyFor(chatId) });
    if (!decoded.ok) {
      reads.push({ ok: false, code: decoded.error.code });
      continue;
    }
    let opened = decoded.value;
    let encrypted = false;
    if (opened.kind === 'encrypted') {
      const layer = opened.encryption;
      if (layer.kind !== 'hash-ratchet') continue;
      const plaintext = decryptHashRatchetLayer(layer, keys.lookup());
      if (!plaintext.ok) {
        if (first(`${bytesToHex(layer.keyId)}/${layer.deprecatedKeyId}/${layer.seqNo}`))
          reads.push({ ok: false, code: plaintext.error.code });
        continue;
      }
      const key = findHashRatchetKey(layer, keys.lookup());
      if (key.ok) keys.seen(key.value, layer.seqNo);
      const application = decodeApplicationMessage(plaintext.value);
      if (!application.ok || application.value.kind !== 'message' || !application.value.ammSigner) {
        reads.push({
          ok: false,
          code: application.ok ? ErrorCode.INVALID_SIGNATURE : application.error.code,
        });
        continue;
      }
      opened = {
        ...application.value,
        signer: application.value.ammSigner,
        envelopeSigner: decoded.value.envelopeSigner,
      };
      encrypted = true;
    }
    if (opened.kind !== 'message' || !first(opened.messageId)) continue;
    reads.push({
      ok: true,
      messageId: opened.messageId,
      authorKey: bytesToPrefixedHex(opened.signer),
      typeName: opened.typeName,
      text: opened.typeName === 'CHAT_MESSAGE' ? (opened.message as status.ChatMessage).text : undefined,
      encrypted,
    });
  }
  return reads;
};
