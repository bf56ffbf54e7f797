import './polyfills.js';

export {
  type ReceivedMessage,
  type RejectedMessage,
  type ShardPeers,
  type WakuNodeOptions,
  WakuNode,
  createWakuNode,
} from './waku-node.js';
export { type PublishOutcome } from './publish-outcome.js';
export {
  type CheckedMessage,
  type Clock,
  type MessageCheck,
  type MessageDrop,
  DEFAULT_TIMESTAMP_WINDOW_MS,
  DropReason,
  MAX_MESSAGE_BYTES,
  STATUS_MESSAGE_VERSION,
  checkContentTopic,
  checkPayload,
  checkPublishable,
  checkRelayable,
  checkSize,
  checkTimestamp,
  checkVersion,
} from './limits.js';
export { type HashableMessage, messageHash, messageHashHex } from './message-hash.js';
export { decodeRelayed, encodePublishable } from './wire.js';
export {
  DEFAULT_SHARDS,
  MAX_SHARD_INDEX,
  STATUS_CLUSTER_ID,
  isShardIndex,
  pubsubTopicForShard,
} from './pubsub-topic.js';
export { RELAY_CODEC } from './relay.js';
export { type Env, type WakuConfig, parseWakuConfig } from './config.js';
export { STATUS_FLEETS, type StatusFleet } from './fleets.js';
