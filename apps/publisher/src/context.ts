import type { PrismaClient } from '@status-communities/db';
import type { GroupKeyStore, Keyring } from '@status-communities/keyring';
import type { Logger } from '@status-communities/observability';
import type { ShardProfile } from '@status-communities/protocol';
import type { EventOutbox, QueueName, TypedQueue } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { PublisherMetrics } from './metrics.js';

export interface PublisherSettings {
  /** Delay of a publish after a change, gathering a burst into one. */
  readonly publishDebounceMs: number;
  /** A description older than this is published again. */
  readonly republishIntervalMs: number;
  readonly maxSegmentBytes: number;
  readonly shardProfile: ShardProfile;
  /** Group keys of an encrypted community are replaced once this old (status-go RekeyInterval: 48 h). */
  readonly rekeyIntervalMs: number;
  /** Named in the ProtocolMessages we send (status-go: one UUID per device). */
  readonly installationId: string;
}

/** What the handlers share: connections, queues, the keyring, settings and the clock. */
export interface PublisherContext {
  readonly prisma: PrismaClient;
  readonly keyring: Keyring;
  /** Hash-ratchet group keys; undefined without GROUP_KEYS_MASTER_KEY (encrypted communities are refused). */
  readonly groupKeys: GroupKeyStore | undefined;
  /** Producer connection: route-change notices. */
  readonly redis: RedisClient;
  /** The Redis key prefix of every queue, stream and channel. */
  readonly prefix: string;
  /** Domain events, written in each change's transaction and appended after its commit. */
  readonly outbox: EventOutbox;
  readonly publishQueue: TypedQueue<typeof QueueName.COMMUNITY_PUBLISH>;
  readonly outboundQueue: TypedQueue<typeof QueueName.WAKU_OUTBOUND>;
  /** The indexer's: `community.keys-arrived` once a bot took in keys of a community run elsewhere. */
  readonly watchQueue: TypedQueue<typeof QueueName.COMMUNITY_WATCH>;
  readonly logger: Logger;
  readonly metrics: PublisherMetrics;
  readonly settings: PublisherSettings;
  /** Unix ms. */
  readonly clock: () => number;
}
