export {
  type InboundMessage,
  type JoinOptions,
  REQUESTS_PUBSUB_TOPIC,
  type SentMessage,
  StatusMember,
  type WireMessage,
  asInbound,
  encodeChatMessage,
  latestDescription,
} from './status-member.js';
export type { ChannelMessageRead, DescriptionRead, DirectRead } from './encrypted-reading.js';
export { MemberGroupKeys } from './member-keys.js';
export {
  type ChannelSendOptions,
  type Emoji,
  type SendOptions,
  type Sent,
  TestCommunity,
  type TestKey,
  inboundMessage,
  newKey,
} from './test-community.js';
export {
  type DirectReadResult,
  type DirectReceived,
  type DirectSendOptions,
  type DirectSent,
  DirectPeer,
} from './direct-peer.js';
