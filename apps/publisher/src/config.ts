import { z } from 'zod';
import type { ServiceConfig, ConfigError } from '@status-communities/config';
import {
  defineServiceConfig,
  serviceByName,
  envInteger,
  envList,
  envMatching,
} from '@status-communities/config';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import type { MasterKeyRing } from '@status-communities/keyring';
import {
  GROUP_KEY_SECRET_VARIABLES,
  KEYRING_SECRET_VARIABLES,
  controlNodeKeyRingsFromConfig,
  describeControlNodeKeyRings,
  groupKeyVariables,
  keyringVariables,
} from '@status-communities/keyring';
import type { ShardProfile } from '@status-communities/protocol';
import {
  DEFAULT_CONTROL_NODE_INSTALLATION_ID,
  DEFAULT_SHARD_PROFILE,
  MAX_SHARD_INDEX,
  makeShardProfile,
} from '@status-communities/protocol';
import { DEFAULT_KEY_PREFIX, KEY_PREFIX_PATTERN, KEY_PREFIX_RULE } from '@status-communities/queue';

export const SERVICE_NAME = 'publisher';

/** Every service on one machine needs its own health port (9101-9104: gateway, indexer, request handler, api). */
export const DEFAULT_PUBLISHER_HEALTH_PORT = serviceByName('publisher').healthPort;

/** The fleet relays at most 150 KiB per encoded WakuMessage (64/WAKU2-NETWORK; libs/waku MAX_MESSAGE_BYTES). */
export const FLEET_MAX_MESSAGE_BYTES = 150 * 1024;

/**
 * Room around one segment inside the WakuMessage, rounded up: the WakuMessage fields (content topic, version,
 * ns timestamp, tags: ≤ 43 bytes), the 26/WAKU2-PAYLOAD v1 envelope (flags and size ≤ 5, padding ≤ 256,
 * signature 65, GCM tag 16 and nonce 12: ≤ 354) and the SegmentMessage fields (hash, index, count, tags: ≤ 44).
 */
export const SEGMENT_ENVELOPE_ALLOWANCE = 512;

/** Largest segment (and largest unsegmented message) that still fits the fleet's message limit. */
export const DEFAULT_MAX_SEGMENT_BYTES = FLEET_MAX_MESSAGE_BYTES - SEGMENT_ENVELOPE_ALLOWANCE;

const shardIndex = z.coerce.number().int().min(0).max(MAX_SHARD_INDEX);
const publishShards = (kind: keyof ShardProfile['publish']) =>
  envList(shardIndex, [...DEFAULT_SHARD_PROFILE.publish[kind].shards]).refine(
    (shards) => shards.length > 0,
    'needs at least one shard',
  );

const variables = {
  ...keyringVariables,
  ...groupKeyVariables,
  /** Group keys of encrypted communities are replaced once this old (status-go RekeyInterval: 48 h). */
  REKEY_INTERVAL_SECONDS: envInteger({ min: 60, max: 365 * 86_400, defaultValue: 172_800 }),
  /** Installation id in the ProtocolMessages the control node sends (status-go: a UUID per device). */
  INSTALLATION_ID: envMatching(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'must be a lowercase UUID',
    DEFAULT_CONTROL_NODE_INSTALLATION_ID,
  ),
  /** Prefix of every Redis key (queues, event stream); tests use a unique one. */
  REDIS_KEY_PREFIX: envMatching(KEY_PREFIX_PATTERN, KEY_PREFIX_RULE, DEFAULT_KEY_PREFIX),
  /** A change is published this long after it is made; changes meanwhile go out with it. */
  PUBLISH_DEBOUNCE_MS: envInteger({ min: 0, max: 600_000, defaultValue: 2_000 }),
  /** A description is published again when the last publish is this old (status-go: 24 h). */
  REPUBLISH_INTERVAL_SECONDS: envInteger({ min: 1, max: 30 * 86_400, defaultValue: 86_400 }),
  /** How often hosted communities are checked for a due or missing publish (status-go: 5 min). */
  REPUBLISH_CHECK_SECONDS: envInteger({ min: 1, max: 86_400, defaultValue: 300 }),
  /** How often our bots ask control nodes elsewhere for channel keys they miss (status-go: 5 min). */
  KEY_REQUEST_CHECK_SECONDS: envInteger({ min: 1, max: 86_400, defaultValue: 300 }),
  /**
   * How often the bots' unacknowledged 1:1 messages are checked for a due re-send (the app's first comes after
   * 27 s, then doubles) and their bundles for a due contact-code advertisement (6 h).
   */
  DIRECT_SWEEP_SECONDS: envInteger({ min: 1, max: 3_600, defaultValue: 10 }),
  /** How often events left in the outbox (by a process that died after its commit) are appended. */
  OUTBOX_SWEEP_SECONDS: envInteger({ min: 1, max: 3_600, defaultValue: 10 }),
  /** Payloads above this are split into SegmentMessages; the default fits the fleet's 150 KiB limit. */
  MAX_SEGMENT_BYTES: envInteger({
    min: 1_024,
    max: DEFAULT_MAX_SEGMENT_BYTES,
    defaultValue: DEFAULT_MAX_SEGMENT_BYTES,
  }),
  SHARD_CLUSTER: envInteger({ min: 0, max: 0xffff, defaultValue: DEFAULT_SHARD_PROFILE.cluster }),
  /** Descriptions of communities without a shard of their own (spec 128, status-go's default 32). */
  DESCRIPTION_SHARDS: publishShards('description'),
  /** Bot channel messages in communities without a shard of their own (spec 256, legacy 32). */
  CHANNEL_MESSAGE_SHARDS: publishShards('channelMessage'),
  /** CommunityPublicShardInfo (status-go: always 64). */
  SHARD_INFO_SHARDS: publishShards('shardInfo'),
  COMMAND_CONCURRENCY: envInteger({ min: 1, max: 100, defaultValue: 4 }),
  PUBLISH_CONCURRENCY: envInteger({ min: 1, max: 100, defaultValue: 4 }),
  BOT_MESSAGE_CONCURRENCY: envInteger({ min: 1, max: 100, defaultValue: 8 }),
};

const serviceConfig = defineServiceConfig({
  serviceName: SERVICE_NAME,
  healthPort: DEFAULT_PUBLISHER_HEALTH_PORT,
  variables,
  secrets: [...KEYRING_SECRET_VARIABLES, ...GROUP_KEY_SECRET_VARIABLES],
});

export type PublisherEnv = ServiceConfig<typeof variables>;

/** What the service runs with: the variables, the master key ring and the shard profile built from them. */
export interface PublisherConfig extends PublisherEnv {
  readonly masterKeys: MasterKeyRing;
  /** Seals group keys of encrypted communities; undefined when GROUP_KEYS_MASTER_KEY is not set. */
  readonly groupKeys: MasterKeyRing | undefined;
  readonly shardProfile: ShardProfile;
}

/** Reads every variable; the error names every bad one. */
export const parsePublisherConfig = (env: NodeJS.ProcessEnv): Result<PublisherConfig, ConfigError> => {
  const parsed = serviceConfig.parse(env);
  if (!parsed.ok) return parsed;
  const config = parsed.value;
  const rings = controlNodeKeyRingsFromConfig(SERVICE_NAME, config);
  if (!rings.ok) return rings;
  const shardProfile = makeShardProfile({
    cluster: config.SHARD_CLUSTER,
    publish: {
      description: { shards: config.DESCRIPTION_SHARDS },
      channelMessage: { shards: config.CHANNEL_MESSAGE_SHARDS },
      shardInfo: { shards: config.SHARD_INFO_SHARDS },
    },
  });
  // Every number was range-checked above, so a refusal here is a bug.
  if (!shardProfile.ok) throw shardProfile.error;
  return ok({ ...config, ...rings.value, shardProfile: shardProfile.value });
};

/** A copy safe to log: master keys hidden, passwords in URLs masked. */
export const describePublisherConfig = (config: PublisherConfig): Record<string, unknown> => {
  const { masterKeys, groupKeys, shardProfile, ...env } = config;
  return {
    ...serviceConfig.describe(env),
    ...describeControlNodeKeyRings({ masterKeys, groupKeys }),
    shardProfile: shardProfile.publish,
  };
};
