// The Status app of the tests, built only from libs/protocol and libs/crypto: a member sends requests to the
// control node and posts as status-go does, and reads the control node's answers and descriptions off Waku
// messages (test-community.ts: a community run from the app). Messages have the queues' JSON shape, written
// here so that the libs whose tests use this kit (libs/queue) are not its dependencies.
import { randomUUID } from 'node:crypto';
import {
  bytesToPrefixedHex,
  decompressPublicKey,
  encodeAsymmetric,
  generatePrivateKey,
  hexToBytesOrThrow,
  publicKeyFromPrivateKey,
  publicKeyToAddress,
  symKeyFor,
} from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import type { ProtoCodec } from '@status-communities/proto';
import type { CommunityDescriptionModel } from '@status-communities/protocol';
import {
  SegmentAssembler,
  channelChatId,
  channelGroupId,
  contentTopicForChatId,
  controlNodeRequestsChatId,
  decodeStatusMessage,
  encodeHashRatchetMessage,
  encodeStatusMessage,
  memberUpdateChatId,
  nextMessageClock,
  partitionedChatId,
  readCommunityDescription,
  requestClockSeconds,
  signRevealedAccount,
  wakuTimestampNsFromMs,
} from '@status-communities/protocol';
import { messageHashHex } from '@status-communities/waku';
import type { ChannelMessageRead, DescriptionRead, DirectRead } from './encrypted-reading.js';
import { readChannelMessages, readDirectMessages, readEncryptedDescription } from './encrypted-reading.js';
import { MemberGroupKeys } from './member-keys.js';

const AppType = status.ApplicationMetadataMessage.Type;
/** SG messenger_communities.go RequestToJoinCommunity: DefaultNonProtectedPubsubTopic. */
export const REQUESTS_PUBSUB_TOPIC = '/waku/2/rs/16/64';

export interface JoinOptions {
  readonly clockSeconds?: number;
  /** `valid` (default): a wallet reveals its address; `none`: no account; `mismatch`: another wallet signed. */
  readonly revealed?: 'valid' | 'none' | 'mismatch';
  readonly ensName?: string;
  /** Replace the AMM signature with bytes that recover no key (a forged or damaged signature). */
  readonly corruptSignature?: boolean;
  /** Chains the wallet is revealed for (token permissions read only these). */
  readonly chainIds?: readonly bigint[];
}

const bytesToBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const base64ToBytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** A message of queue `waku.inbound` (libs/queue InboundWakuMessage); a type, so that JSON columns take it. */
export type InboundMessage = {
  readonly pubsubTopic: string;
  readonly contentTopic: string;
  /** Base64. */
  readonly payload: string;
  readonly version: number;
  /** Unix ns, decimal. */
  readonly timestamp?: string;
  readonly hash: string;
  readonly receivedAt: number;
  readonly correlationId: string;
};

/** A Waku message as the gateway receives it (real 14/WAKU2-MESSAGE hash). */
export const asInbound = (
  pubsubTopic: string,
  contentTopic: string,
  payload: Uint8Array,
  atMs: number = Date.now(),
): InboundMessage => {
  const timestamp = wakuTimestampNsFromMs(atMs);
  return {
    pubsubTopic,
    contentTopic,
    payload: bytesToBase64(payload),
    version: 1,
    timestamp: String(timestamp),
    hash: messageHashHex(pubsubTopic, { payload, contentTopic, timestamp: Number(timestamp) }),
    receivedAt: atMs,
    correlationId: randomUUID(),
  };
};

/** The parts of a Waku message (queued or relayed, payload in base64) a reader looks at. */
export type WireMessage = Pick<InboundMessage, 'pubsubTopic' | 'contentTopic' | 'payload'>;

/**
 * A Status message on a public chat's topic as the app sends it: the AMM signed by `signerPriv` (in a
 * ProtocolMessage when `wrapInProtocolMessage`), symmetric-encrypted to the chat's key.
 */
export const encodeChatMessage = <T>(
  codec: ProtoCodec<T>,
  type: status.ApplicationMetadataMessage.Type,
  fields: T,
  signerPriv: Uint8Array,
  chatId: string,
  wrapInProtocolMessage: boolean,
  /** A ProtocolMessage of the caller's around the AMM (a hash-ratchet message). */
  protocolLayer?: (applicationMessage: Uint8Array) => Uint8Array,
): { readonly contentTopic: string; readonly payload: Uint8Array; readonly messageId: string } => {
  const encoded = unwrap(
    encodeStatusMessage({
      type,
      payload: encodeProto(codec, fields),
      signerPriv,
      envelope: { symKey: symKeyFor(chatId) },
      wrapInProtocolMessage,
      ...(protocolLayer && { protocolLayer }),
    }),
  );
  const [payload] = encoded.payloads;
  if (!payload) throw new Error('encodeStatusMessage produced no payload');
  return { contentTopic: contentTopicForChatId(chatId), payload, messageId: encoded.messageId };
};

/** A message a member sends, ready for a Waku node to publish. */
export interface SentMessage {
  readonly pubsubTopic: string;
  readonly contentTopic: string;
  readonly payload: Uint8Array;
  readonly messageId: string;
}

export class StatusMember {
  readonly privateKey = generatePrivateKey();
  readonly publicKey = publicKeyFromPrivateKey(this.privateKey);
  /** `0x04…`. */
  readonly memberKey = bytesToPrefixedHex(this.publicKey);
  readonly walletKey = generatePrivateKey();
  /** The wallet's address, lowercase. */
  readonly walletAddress = publicKeyToAddress(publicKeyFromPrivateKey(this.walletKey));
  /** Hash-ratchet keys of encrypted communities, as they arrive (readDirect, readDescription). */
  readonly groupKeys = new MemberGroupKeys();
  /** Named in the ProtocolMessages we send (status-go: one UUID per device). */
  readonly installationId = randomUUID();

  constructor(readonly displayName: string) {}

  /** A request to the control node: raw AMM signed by us, ECIES to the community key, on its requests topic. */
  private toControlNode(
    communityId: string,
    type: status.ApplicationMetadataMessage.Type,
    payload: Uint8Array,
    pubsubTopic: string,
    corruptSignature = false,
  ): InboundMessage {
    const communityKey = unwrap(decompressPublicKey(hexToBytesOrThrow(communityId)));
    const sealed = corruptSignature
      ? unwrap(
          encodeAsymmetric(
            encodeProto(
              status.ApplicationMetadataMessage,
              status.ApplicationMetadataMessage.create({
                signature: new Uint8Array(65).fill(0xff),
                payload,
                type,
              }),
            ),
            communityKey,
            this.privateKey,
          ),
        )
      : unwrap(
          encodeStatusMessage({
            type,
            payload,
            signerPriv: this.privateKey,
            envelope: { recipientPublicKey: communityKey },
          }),
        ).payloads[0];
    const chatId = unwrap(controlNodeRequestsChatId(communityKey));
    return asInbound(pubsubTopic, contentTopicForChatId(chatId), sealed ?? new Uint8Array());
  }

  /** CommunityRequestToJoin as the Status app builds it (SG messenger_communities.go RequestToJoinCommunity). */
  requestToJoin(communityId: string, options: JoinOptions = {}): InboundMessage {
    const communityIdBytes = hexToBytesOrThrow(communityId);
    const revealed = options.revealed ?? 'valid';
    const accounts =
      revealed === 'none'
        ? []
        : [
            unwrap(
              signRevealedAccount({
                walletPrivateKey: this.walletKey,
                requesterPublicKey: this.publicKey,
                communityId: communityIdBytes,
                isAirdropAddress: true,
                chainIds: [...(options.chainIds ?? [])],
              }),
            ),
          ];
    if (revealed === 'mismatch' && accounts[0]) {
      const other = unwrap(
        signRevealedAccount({
          walletPrivateKey: generatePrivateKey(),
          requesterPublicKey: this.publicKey,
          communityId: communityIdBytes,
        }),
      );
      accounts[0] = status.RevealedAccount.create({ ...accounts[0], signature: other.signature });
    }
    const request = status.CommunityRequestToJoin.create({
      clock: options.clockSeconds ?? requestClockSeconds(Date.now()),
      communityId: communityIdBytes,
      displayName: this.displayName,
      ensName: options.ensName ?? '',
      revealedAccounts: accounts,
    });
    return this.toControlNode(
      communityId,
      AppType.COMMUNITY_REQUEST_TO_JOIN,
      encodeProto(status.CommunityRequestToJoin, request),
      REQUESTS_PUBSUB_TOPIC,
      options.corruptSignature,
    );
  }

  /** COMMUNITY_ENCRYPTION_KEYS_REQUEST (87): missing keys of the community and these channels (none: all). */
  encryptionKeysRequest(communityId: string, channelUuids: readonly string[] = []): InboundMessage {
    const request = status.CommunityEncryptionKeysRequest.create({
      communityId: hexToBytesOrThrow(communityId),
      chatIds: [...channelUuids],
    });
    return this.toControlNode(
      communityId,
      AppType.COMMUNITY_ENCRYPTION_KEYS_REQUEST,
      encodeProto(status.CommunityEncryptionKeysRequest, request),
      REQUESTS_PUBSUB_TOPIC,
    );
  }

  /** CommunityCancelRequestToJoin: clock = the community clock in ms, as status-go stamps it. */
  cancelRequest(communityId: string, communityClockMs: number): InboundMessage {
    const cancel = status.CommunityCancelRequestToJoin.create({
      clock: communityClockMs,
      communityId: hexToBytesOrThrow(communityId),
      displayName: this.displayName,
    });
    return this.toControlNode(
      communityId,
      AppType.COMMUNITY_CANCEL_REQUEST_TO_JOIN,
      encodeProto(status.CommunityCancelRequestToJoin, cancel),
      REQUESTS_PUBSUB_TOPIC,
    );
  }

  /** CommunityRequestToLeave (unix seconds), on the community's pubsub topic (32 without an own shard). */
  requestToLeave(communityId: string, clockSeconds = requestClockSeconds(Date.now())): InboundMessage {
    const leave = status.CommunityRequestToLeave.create({
      clock: clockSeconds,
      communityId: hexToBytesOrThrow(communityId),
    });
    return this.toControlNode(
      communityId,
      AppType.COMMUNITY_REQUEST_TO_LEAVE,
      encodeProto(status.CommunityRequestToLeave, leave),
      '/waku/2/rs/16/32',
    );
  }

  /**
   * A ChatMessage in a channel as the Status app sends it: COMMUNITY_CHAT, chat id = community ID + channel
   * uuid, in ProtocolMessage.public_message, on the universal `-memberUpdate` topic, content shard 256. With a
   * key of the channel's group held (the channel's, else the community's), under its newest key at the seq_no
   * after the highest seen, as in an encrypted channel or community.
   */
  post(communityId: string, channelUuid: string, text: string, nowMs = Date.now()): SentMessage {
    const chat = status.ChatMessage.create({
      clock: nextMessageClock(0, nowMs),
      timestamp: nowMs,
      text,
      chatId: channelChatId(communityId, channelUuid),
      messageType: status.MessageType.COMMUNITY_CHAT,
      contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
      displayName: this.displayName,
    });
    const key =
      this.groupKeys.current(channelGroupId(communityId, channelUuid)) ??
      this.groupKeys.current(hexToBytesOrThrow(communityId));
    const encoded = encodeChatMessage(
      status.ChatMessage,
      AppType.CHAT_MESSAGE,
      chat,
      this.privateKey,
      memberUpdateChatId(communityId),
      true,
      key &&
        ((applicationBytes) =>
          encodeHashRatchetMessage({
            installationId: this.installationId,
            key,
            seqNo: this.groupKeys.nextSeqNo(key),
            applicationBytes,
          })),
    );
    return { pubsubTopic: '/waku/2/rs/16/256', ...encoded };
  }

  /** The control node's 1:1 messages to us: the accepted answer and key exchanges (keys kept), a kick. */
  readDirect(communityId: string, messages: readonly WireMessage[]): DirectRead {
    return readDirectMessages(
      this.privateKey,
      this.groupKeys,
      this.responseContentTopic,
      communityId,
      messages,
    );
  }

  /** The newest description of an encrypted community, its rekey entry and private parts opened. */
  readDescription(communityId: string, messages: readonly WireMessage[]): DescriptionRead | undefined {
    return readEncryptedDescription(this.privateKey, this.groupKeys, communityId, messages);
  }

  /** The community's channel messages, those under a hash ratchet decrypted with the keys we hold. */
  readChannelMessages(communityId: string, messages: readonly WireMessage[]): ChannelMessageRead[] {
    return readChannelMessages(this.groupKeys, communityId, messages);
  }

  /** The partitioned topic the control node answers us on. */
  get responseContentTopic(): string {
    return contentTopicForChatId(unwrap(partitionedChatId(this.publicKey)));
  }

  /**
   * The RequestToJoinResponses addressed to us among the messages, opened with our key. A message on our
   * partitioned topic that our key does not open is someone else's (about one key in 5,000 shares a partition):
   * skipped, as the app skips it.
   */
  responses(messages: readonly WireMessage[]): {
    readonly pubsubTopic: string;
    readonly signer: string;
    readonly response: status.CommunityRequestToJoinResponse;
  }[] {
    return messages
      .filter((message) => message.contentTopic === this.responseContentTopic)
      .flatMap((message) => {
        const opened = decodeStatusMessage(base64ToBytes(message.payload), { privateKey: this.privateKey });
        if (!opened.ok) return [];
        const decoded = opened.value;
        if (decoded.kind !== 'message' || decoded.typeName !== 'COMMUNITY_REQUEST_TO_JOIN_RESPONSE')
          throw new Error('not a request-to-join response');
        return [
          {
            pubsubTopic: message.pubsubTopic,
            signer: bytesToPrefixedHex(decoded.signer),
            response: decoded.message,
          },
        ];
      });
  }
}

/** The newest description of the community among the messages on `pubsubTopic`, read as a Status app reads it. */
export const latestDescription = (
  messages: readonly WireMessage[],
  communityId: string,
  pubsubTopic = '/waku/2/rs/16/128',
): CommunityDescriptionModel | undefined => {
  const assembler = new SegmentAssembler();
  let latest: CommunityDescriptionModel | undefined;
  for (const message of messages) {
    if (message.pubsubTopic !== pubsubTopic || message.contentTopic !== contentTopicForChatId(communityId))
      continue;
    const decoded = unwrap(
      decodeStatusMessage(
        base64ToBytes(message.payload),
        { symKey: symKeyFor(communityId) },
        { segments: { assembler, nowMs: Date.now() } },
      ),
    );
    if (decoded.kind !== 'message' || decoded.typeName !== 'COMMUNITY_DESCRIPTION') continue;
    const description = unwrap(readCommunityDescription(decoded.message, communityId));
    if (!latest || description.clock >= latest.clock) latest = description;
  }
  return latest;
};
