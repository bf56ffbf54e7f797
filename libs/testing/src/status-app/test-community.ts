// A community run from the Status app and its members (status-member.ts) sending real Status traffic, built
// with libs/protocol and libs/crypto exactly as the Status app does (descriptions as a bare AMM signed by the community key on
// the community topic; channel messages as ProtocolMessage{public_message} signed by the member on the
// universal `-memberUpdate` topic), wrapped as the gateway puts them on `waku.inbound`.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  bytesToPrefixedHex,
  encodeSymmetric,
  hexToBytesOrThrow,
  publicKeyFromPrivateKey,
  symKeyFor,
  utf8ToBytes,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import type { ProtoCodec } from '@status-communities/proto';
import {
  DEFAULT_SHARD_PROFILE,
  buildCommunityDescription,
  channelChatId,
  communityTopics,
  contentTopicForChatId,
  descriptionRekeyLayer,
  encodeHashRatchetMessage,
  encryptCommunityDescription,
  sealKeyExchange,
  memberUpdateChatId,
  withChannelMembersBloomFilters,
  nextDescriptionClock,
  readCommunityDescription,
} from '@status-communities/protocol';
import type {
  BanInfoModel,
  CommunityDescriptionModel,
  CommunityCategoryModel,
  CommunityChannelInput,
  CommunityMemberModel,
  CommunityMemberRole,
  TokenPermissionModel,
} from '@status-communities/protocol';
import type { InboundMessage } from './status-member.js';
import { StatusMember, asInbound, encodeChatMessage } from './status-member.js';

const AppType = status.ApplicationMetadataMessage.Type;
const PUBSUB_TOPIC = '/waku/2/rs/16/32';

/** What a community needs of a member: the app's key. */
export type TestKey = Pick<StatusMember, 'privateKey' | 'memberKey'>;

export const newKey = (displayName = 'member'): StatusMember => new StatusMember(displayName);

/** A reaction's emoji (libs/queue Emoji). */
export type Emoji = Exclude<keyof typeof status.EmojiReaction.Type, 'UNKNOWN_EMOJI_REACTION_TYPE'>;

/** A Waku message as the gateway enqueues it, on the community shard (32). */
export const inboundMessage = (contentTopic: string, payload: Uint8Array, atMs: number): InboundMessage =>
  asInbound(PUBSUB_TOPIC, contentTopic, payload, atMs);

export interface Sent {
  readonly inbound: InboundMessage;
  /** The Status message id receivers compute. */
  readonly messageId: string;
}

export interface SendOptions {
  /** Waku timestamp and clock (default now). */
  readonly atMs?: number;
  readonly clock?: number;
  /** Signs the AMM instead of the sender (forgeries). */
  readonly signer?: Uint8Array;
}

const send = <T>(
  codec: ProtoCodec<T>,
  type: status.ApplicationMetadataMessage.Type,
  fields: T,
  signerPriv: Uint8Array,
  chatId: string,
  atMs: number,
  wrapInProtocolMessage: boolean,
  protocolLayer?: (applicationMessage: Uint8Array) => Uint8Array,
): Sent => {
  const encoded = encodeChatMessage(
    codec,
    type,
    fields,
    signerPriv,
    chatId,
    wrapInProtocolMessage,
    protocolLayer,
  );
  return {
    inbound: inboundMessage(encoded.contentTopic, encoded.payload, atMs),
    messageId: encoded.messageId,
  };
};

export interface ChannelSendOptions extends SendOptions {
  /** Send on the channel's own (legacy) topic instead of the universal one. */
  readonly legacyTopic?: boolean;
}

/** A community run from the app: the test edits its state and publishes descriptions of it. */
export class TestCommunity {
  readonly key = newKey();
  readonly communityId = bytesToPrefixedHex(
    publicKeyFromPrivateKey(this.key.privateKey, { compressed: true }),
  );
  readonly members = new Map<string, CommunityMemberModel>();
  readonly channels = new Map<string, CommunityChannelInput>();
  readonly categories = new Map<string, CommunityCategoryModel>();
  readonly bans = new Map<string, BanInfoModel>();
  readonly tokenPermissions = new Map<string, TokenPermissionModel>();
  name = 'Test community';
  pinMessageAllMembersEnabled = false;
  clock = 0;

  constructor(owner: TestKey) {
    this.addMember(owner, ['OWNER']);
  }

  addMember(
    key: TestKey,
    roles: readonly CommunityMemberRole[] = [],
    channelRole: 'POSTER' | 'VIEWER' = 'POSTER',
  ): void {
    this.members.set(key.memberKey, { publicKey: key.memberKey, roles, channelRole, lastUpdateClock: 0 });
  }

  removeMember(key: TestKey): void {
    this.members.delete(key.memberKey);
  }

  /** As status-go bans: out of the members, into the ban list. */
  ban(key: TestKey, deleteAllMessages = false): void {
    this.members.delete(key.memberKey);
    this.bans.set(key.memberKey, { deleteAllMessages });
  }

  unban(key: TestKey): void {
    this.bans.delete(key.memberKey);
  }

  addChannel(name: string, categoryId?: string): string {
    const uuid = randomUUID();
    this.channels.set(uuid, {
      uuid,
      name,
      description: `the ${name} channel`,
      emoji: '💬',
      color: '#4360df',
      categoryId,
      position: this.channels.size,
      viewersCanPostReactions: true,
      hideIfPermissionsNotMet: false,
      firstMessageTimestamp: 0,
      permissions: { access: 'AUTO_ACCEPT', ensOnly: false, private: false },
      members: new Map(),
    });
    return uuid;
  }

  addCategory(name: string): string {
    const id = randomUUID();
    this.categories.set(id, { id, name, position: this.categories.size });
    return id;
  }

  chatId(channelUuid: string): string {
    return channelChatId(this.communityId, channelUuid);
  }

  /** The control node's request topic (ECIES to the community key). */
  requestTopic(): string {
    return unwrap(communityTopics(this.communityId)).requestsToControlNode.contentTopic;
  }

  /** What a receiver holds once it has read the current state (for the pure tests). */
  model(): CommunityDescriptionModel {
    return unwrap(readCommunityDescription(this.build(), this.communityId));
  }

  /**
   * The next description (clock bumped as status-go does), signed by the community key unless forged, on
   * the community's own topic unless another community's is named.
   */
  description(options: SendOptions & { onTopicOf?: string } = {}): Sent {
    const atMs = options.atMs ?? Date.now();
    this.clock = options.clock ?? nextDescriptionClock(this.clock, atMs);
    return send(
      status.CommunityDescription,
      AppType.COMMUNITY_DESCRIPTION,
      this.build(),
      options.signer ?? this.key.privateKey,
      options.onTopicOf ?? this.communityId,
      atMs,
      false,
    );
  }

  /** A BECOME_MEMBER permission without criteria: the community is encrypted (status-go's rule). */
  encrypt(): void {
    this.tokenPermissions.set('become-member', {
      id: 'become-member',
      type: 'BECOME_MEMBER',
      criteria: [],
      chatIds: [],
      isPrivate: false,
    });
  }

  /**
   * The next description of an encrypted community as its control node publishes it: members, channels and
   * categories sealed in privateData under `key` (the community group's), inside the rekey envelope that
   * seals `key` to every member. Encrypted channels (a view/post permission naming them) need their key in
   * `channelKeys`; their members are sealed under it with the bloom filter beside, as status-go publishes.
   * Forgeries for the tests: `signer` signs instead of the community key, `rekeySealer` seals the entries,
   * `privateData` rewrites the sealed parts.
   */
  encryptedDescription(
    key: HashRatchetKey,
    options: SendOptions & {
      readonly seqNo?: number;
      readonly rekeySealer?: Uint8Array;
      readonly privateData?: (entries: Record<string, Uint8Array>) => Record<string, Uint8Array>;
      readonly channelKeys?: Readonly<Record<string, HashRatchetKey>>;
    } = {},
  ): Sent {
    const atMs = options.atMs ?? Date.now();
    this.clock = options.clock ?? nextDescriptionClock(this.clock, atMs);
    const channelKeys = Object.entries(options.channelKeys ?? {});
    const plain =
      channelKeys.length > 0
        ? unwrap(withChannelMembersBloomFilters(this.build(), this.key.privateKey))
        : this.build();
    const sealed = unwrap(
      encryptCommunityDescription(plain, {
        community: { key, seqNo: options.seqNo ?? 1 },
        channels: Object.fromEntries(
          channelKeys.map(([uuid, channelKey]) => [uuid, { key: channelKey, seqNo: options.seqNo ?? 1 }]),
        ),
      }),
    );
    const description = options.privateData
      ? status.CommunityDescription.create({
          ...sealed,
          privateData: options.privateData(sealed.privateData),
        })
      : sealed;
    return send(
      status.CommunityDescription,
      AppType.COMMUNITY_DESCRIPTION,
      description,
      options.signer ?? this.key.privateKey,
      this.communityId,
      atMs,
      false,
      descriptionRekeyLayer({
        installationId: randomUUID(),
        key,
        controlNodePrivateKey: options.rekeySealer ?? this.key.privateKey,
        members: [...this.members.keys()].map((member) => hexToBytesOrThrow(member)),
      }),
    );
  }

  /**
   * A 1:1 key exchange of the control node to `recipient` (DH "none" entry, keys in HR_header), ECIES on its
   * partitioned topic; `signer` forges the sender.
   */
  keyExchange(
    recipient: Pick<TestKey, 'memberKey'>,
    groupId: Uint8Array,
    keys: readonly HashRatchetKey[],
    signer: Uint8Array = this.key.privateKey,
  ): InboundMessage {
    const [message] = unwrap(
      sealKeyExchange({
        controlNodePrivateKey: signer,
        installationId: randomUUID(),
        recipientPublicKey: hexToBytesOrThrow(recipient.memberKey),
        groupId,
        keys,
        profile: DEFAULT_SHARD_PROFILE,
      }),
    );
    if (!message) throw new Error('sealKeyExchange sent nothing');
    return asInbound(message.pubsubTopic, message.contentTopic, message.payload);
  }

  /** The ApplicationMetadataMessage of the current state as the publisher stores it (unsigned: only read back). */
  storedDescription(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(
      encodeProto(
        status.ApplicationMetadataMessage,
        status.ApplicationMetadataMessage.create({
          signature: new Uint8Array(),
          payload: encodeProto(status.CommunityDescription, this.build()),
          type: AppType.COMMUNITY_DESCRIPTION,
        }),
      ),
    );
  }

  /** The CommunityDescription of the current state, unsigned. */
  build(): status.CommunityDescription {
    return buildCommunityDescription({
      communityId: this.communityId,
      clock: this.clock,
      members: this.members,
      permissions: { access: 'AUTO_ACCEPT', ensOnly: false, private: false },
      identity: {
        displayName: this.name,
        description: 'a community of the tests',
        color: '#887af9',
        emoji: '🧪',
        images: new Map([
          [
            'thumbnail',
            { payload: new Uint8Array([1, 2, 3]), format: 'PNG', source: 'RAW_PAYLOAD', encrypted: false },
          ],
        ]),
      },
      channels: new Map(
        [...this.channels].map(([uuid, channel]) => [uuid, { ...channel, members: new Map(this.members) }]),
      ),
      categories: this.categories,
      tags: ['Ethereum'],
      bannedMembers: this.bans,
      adminSettings: { pinMessageAllMembersEnabled: this.pinMessageAllMembersEnabled },
      introMessage: 'welcome',
      outroMessage: 'bye',
      tokenPermissions: this.tokenPermissions,
      archiveMagnetlinkClock: 0,
      activeMembersCount: this.members.size,
      resendAccountsClock: 0,
    });
  }

  /** Channel traffic goes on the universal topic, as current status-go sends it. */
  private channelMessage<T>(
    codec: ProtoCodec<T>,
    type: status.ApplicationMetadataMessage.Type,
    fields: T,
    author: TestKey,
    options: SendOptions,
  ): Sent {
    const atMs = options.atMs ?? Date.now();
    return send(
      codec,
      type,
      fields,
      options.signer ?? author.privateKey,
      memberUpdateChatId(this.communityId),
      atMs,
      true,
    );
  }

  /**
   * A message of a token-gated channel, as status-go sends it: the AMM under the channel's hash ratchet
   * (group id = the chat id), which only key holders open.
   */
  encryptedChat(author: TestKey, channelUuid: string, atMs = Date.now()): Sent {
    const chatId = memberUpdateChatId(this.communityId);
    const protocolMessage = encodeProto(
      status.encryption.ProtocolMessage,
      status.encryption.ProtocolMessage.create({
        encryptedMessage: {
          none: {
            HRHeader: { seqNo: 1, groupId: utf8ToBytes(this.chatId(channelUuid)), keyId: randomBytes(32) },
            payload: randomBytes(120),
          },
        },
      }),
    );
    const payload = encodeSymmetric(protocolMessage, symKeyFor(chatId), author.privateKey);
    return { inbound: inboundMessage(contentTopicForChatId(chatId), payload, atMs), messageId: '' };
  }

  /**
   * A chat message under a group's hash ratchet (`key` at `seqNo`), as a member of an encrypted community sends
   * it; `claimedSeqNo` puts another seq_no in the header than the one it was encrypted at (a forgery).
   */
  hashRatchetChat(
    author: TestKey,
    channelUuid: string,
    text: string,
    key: HashRatchetKey,
    seqNo: number,
    claimedSeqNo = seqNo,
  ): Sent {
    const atMs = Date.now();
    return send(
      status.ChatMessage,
      AppType.CHAT_MESSAGE,
      status.ChatMessage.create({
        clock: atMs,
        timestamp: atMs,
        text,
        chatId: this.chatId(channelUuid),
        messageType: status.MessageType.COMMUNITY_CHAT,
        contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
      }),
      author.privateKey,
      memberUpdateChatId(this.communityId),
      atMs,
      false,
      (applicationBytes) => {
        const bytes = encodeHashRatchetMessage({
          installationId: randomUUID(),
          key,
          seqNo,
          applicationBytes,
        });
        if (claimedSeqNo === seqNo) return bytes;
        const message = status.encryption.ProtocolMessage.decode(bytes);
        message.encryptedMessage['none']!.HRHeader!.seqNo = claimedSeqNo;
        return encodeProto(status.encryption.ProtocolMessage, message);
      },
    );
  }

  chat(
    author: TestKey,
    channelUuid: string,
    text: string,
    options: ChannelSendOptions & { responseTo?: string } = {},
  ): Sent {
    const atMs = options.atMs ?? Date.now();
    return this.channelMessage(
      status.ChatMessage,
      AppType.CHAT_MESSAGE,
      status.ChatMessage.create({
        clock: options.clock ?? atMs,
        timestamp: atMs,
        text,
        responseTo: options.responseTo ?? '',
        chatId: this.chatId(channelUuid),
        messageType: status.MessageType.COMMUNITY_CHAT,
        contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
      }),
      author,
      { ...options, atMs },
    );
  }

  edit(
    author: TestKey,
    channelUuid: string,
    messageId: string,
    text: string,
    options: SendOptions = {},
  ): Sent {
    const atMs = options.atMs ?? Date.now();
    return this.channelMessage(
      status.EditMessage,
      AppType.EDIT_MESSAGE,
      status.EditMessage.create({
        clock: options.clock ?? atMs,
        text,
        chatId: this.chatId(channelUuid),
        messageId,
        messageType: status.MessageType.COMMUNITY_CHAT,
        contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
      }),
      author,
      { ...options, atMs },
    );
  }

  delete(author: TestKey, channelUuid: string, messageId: string, options: ChannelSendOptions = {}): Sent {
    const atMs = options.atMs ?? Date.now();
    return this.channelMessage(
      status.DeleteMessage,
      AppType.DELETE_MESSAGE,
      status.DeleteMessage.create({
        clock: options.clock ?? atMs,
        chatId: this.chatId(channelUuid),
        messageId,
        messageType: status.MessageType.COMMUNITY_CHAT,
      }),
      author,
      { ...options, atMs },
    );
  }

  pin(
    author: TestKey,
    channelUuid: string,
    messageId: string,
    pinned: boolean,
    options: SendOptions = {},
  ): Sent {
    const atMs = options.atMs ?? Date.now();
    return this.channelMessage(
      status.PinMessage,
      AppType.PIN_MESSAGE,
      status.PinMessage.create({
        clock: options.clock ?? atMs,
        chatId: this.chatId(channelUuid),
        messageId,
        pinned,
        messageType: status.MessageType.COMMUNITY_CHAT,
      }),
      author,
      { ...options, atMs },
    );
  }

  react(
    author: TestKey,
    channelUuid: string,
    messageId: string,
    emoji: Emoji,
    retracted = false,
    options: ChannelSendOptions = {},
  ): Sent {
    const atMs = options.atMs ?? Date.now();
    return this.channelMessage(
      status.EmojiReaction,
      AppType.EMOJI_REACTION,
      status.EmojiReaction.create({
        clock: options.clock ?? atMs,
        chatId: this.chatId(channelUuid),
        messageId,
        type: status.EmojiReaction.Type[emoji],
        retracted,
        messageType: status.MessageType.COMMUNITY_CHAT,
      }),
      author,
      { ...options, atMs },
    );
  }
}
