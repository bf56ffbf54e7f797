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
export { generateNodeKey, peerIdOfNodeKey } from './node-key.js';
export { type Env, type WakuConfig, parseWakuConfig } from './config.js';
export { STATUS_FLEETS, STATUS_FLEET_STORE_NODES, type StatusFleet } from './fleets.js';
export {
  type ArchiveQuery,
  type ArchivedMessage,
  type StoreArchive,
  type StorePage,
} from './store/archive.js';
export {
  type ArchiveAddOutcome,
  type InMemoryStoreArchiveOptions,
  InMemoryStoreArchive,
} from './store/in-memory-archive.js';
export {
  DEFAULT_PAGE_SIZE,
  MAX_CONTENT_TOPICS,
  MAX_PAGE_SIZE,
  MAX_REQUEST_BYTES,
  MAX_RESPONSE_BYTES,
  STORE_QUERY_CODEC,
  StoreStatus,
} from './store/store-protocol.js';
export {
  type ServedStoreQuery,
  type StoreService,
  type StoreServiceOptions,
  serveStore,
} from './store/store-server.js';
export {
  type StoreEntry,
  type StoreQuery,
  type StoreQueryOptions,
  type StoreResponsePage,
  queryStore,
} from './store/store-client.js';
export { type StoreQueryFailure, StoreQueryError } from './store/store-query-error.js';
export {
  type BackfillCounts,
  type BackfillDrop,
  type BackfillFailure,
  type BackfillOptions,
  type BackfillProgress,
  type BackfillReport,
  type BackfilledMessage,
  backfill,
} from './store/backfill.js';
export { shardOfPubsubTopic } from './pubsub-topic.js';
export {
  FILTER_PUSH_CODEC,
  FILTER_SUBSCRIBE_CODEC,
  FilterLimits,
  FilterStatus,
  MAX_FILTER_REQUEST_BYTES,
} from './filter/filter-protocol.js';
export {
  type FilterPush,
  type FilterService,
  type FilterServiceOptions,
  type ServedFilterRequest,
  serveFilter,
} from './filter/filter-server.js';
export { type SubscriptionLimits } from './filter/filter-subscriptions.js';
export { type Rate, PeerRateLimiter } from './rate-limit.js';
export {
  DEFAULT_LIGHTPUSH_RATE,
  LIGHTPUSH_V2_CODEC,
  LIGHTPUSH_V3_CODEC,
  LightPushStatus,
  MAX_LIGHTPUSH_REQUEST_BYTES,
} from './lightpush/lightpush-protocol.js';
export {
  type LightPushRefusal,
  type LightPushRequest,
  LightPushRefusalReason,
  admitPush,
  parseLightPushV2,
  parseLightPushV3,
} from './lightpush/lightpush-request.js';
export {
  type LightPushCheck,
  type LightPushService,
  type LightPushServiceOptions,
  type ServedLightPush,
  serveLightPush,
} from './lightpush/lightpush-server.js';
export { MAX_ENR_BYTES, type OwnRecord, peerIdOfEnr, signedEnr } from './peer-exchange/enr.js';
export {
  MAX_PEER_EXCHANGE_PEERS,
  PEER_EXCHANGE_CODEC,
  type PeerExchangeService,
  type PeerExchangeServiceOptions,
  type ServedPeerExchange,
  servePeerExchange,
} from './peer-exchange/peer-exchange-server.js';
