import { z } from 'zod';
import { chainVariables } from '@status-communities/chain';
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

export const SERVICE_NAME = 'request-handler';

/** Gateway 9101, publisher and indexer 9102 (one per machine in practice), api 9104. */
export const DEFAULT_REQUEST_HANDLER_HEALTH_PORT = serviceByName('request-handler').healthPort;

const shardIndex = z.coerce.number().int().min(0).max(MAX_SHARD_INDEX);
const publishShards = (kind: 'requestToJoinResponse' | 'description') =>
  envList(shardIndex, [...DEFAULT_SHARD_PROFILE.publish[kind].shards]).refine(
    (shards) => shards.length > 0,
    'needs at least one shard',
  );

const variables = {
  ...keyringVariables,
  ...groupKeyVariables,
  /** Installation id in the ProtocolMessages the control node sends (the publisher's INSTALLATION_ID). */
  INSTALLATION_ID: envMatching(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'must be a lowercase UUID',
    DEFAULT_CONTROL_NODE_INSTALLATION_ID,
  ),
  ...chainVariables,
  /** Members of communities with token permissions are re-checked at least this often (status-go: 8 h). */
  PERMISSIONS_REEVALUATION_SECONDS: envInteger({ min: 60, defaultValue: 8 * 3_600 }),
  /** Prefix of every Redis key (queues, event stream); tests use a unique one. */
  REDIS_KEY_PREFIX: envMatching(KEY_PREFIX_PATTERN, KEY_PREFIX_RULE, DEFAULT_KEY_PREFIX),
  /** A membership change is published this long after it is made, with the publisher's own changes. */
  PUBLISH_DEBOUNCE_MS: envInteger({ min: 0, max: 600_000, defaultValue: 2_000 }),
  SHARD_CLUSTER: envInteger({ min: 0, max: 0xffff, defaultValue: DEFAULT_SHARD_PROFILE.cluster }),
  /** RequestToJoinResponse (status-go: 64). */
  RESPONSE_SHARDS: publishShards('requestToJoinResponse'),
  /** DeleteCommunityMemberMessages goes where descriptions go (spec 128, status-go's default 32). */
  DESCRIPTION_SHARDS: publishShards('description'),
  /** Jobs handled at once; requests to join one community among them are decided together (a batch). */
  REQUEST_CONCURRENCY: envInteger({ min: 1, max: 500, defaultValue: 128 }),
  /** Most requests to join decided in one transaction. */
  JOIN_BATCH_MAX: envInteger({ min: 1, max: 1_000, defaultValue: 100 }),
  /** How often events left in the outbox (by a process that died after its commit) are appended. */
  OUTBOX_SWEEP_SECONDS: envInteger({ min: 1, max: 3_600, defaultValue: 10 }),
};

const serviceConfig = defineServiceConfig({
  serviceName: SERVICE_NAME,
  healthPort: DEFAULT_REQUEST_HANDLER_HEALTH_PORT,
  variables,
  secrets: [...KEYRING_SECRET_VARIABLES, ...GROUP_KEY_SECRET_VARIABLES],
});

export type RequestHandlerEnv = ServiceConfig<typeof variables>;

/** What the service runs with: the variables, the master key ring and the shard profile built from them. */
export interface RequestHandlerConfig extends RequestHandlerEnv {
  readonly masterKeys: MasterKeyRing;
  /** Group keys of encrypted communities (answers carry them); undefined without GROUP_KEYS_MASTER_KEY. */
  readonly groupKeys: MasterKeyRing | undefined;
  readonly shardProfile: ShardProfile;
}

/** Reads every variable; the error names every bad one. */
export const parseRequestHandlerConfig = (
  env: NodeJS.ProcessEnv,
): Result<RequestHandlerConfig, ConfigError> => {
  const parsed = serviceConfig.parse(env);
  if (!parsed.ok) return parsed;
  const config = parsed.value;
  const rings = controlNodeKeyRingsFromConfig(SERVICE_NAME, config);
  if (!rings.ok) return rings;
  const shardProfile = makeShardProfile({
    cluster: config.SHARD_CLUSTER,
    publish: {
      requestToJoinResponse: { shards: config.RESPONSE_SHARDS },
      description: { shards: config.DESCRIPTION_SHARDS },
    },
  });
  // Every number was range-checked above, so a refusal here is a bug.
  if (!shardProfile.ok) throw shardProfile.error;
  return ok({ ...config, ...rings.value, shardProfile: shardProfile.value });
};

/** A copy safe to log: master keys hidden, passwords in URLs masked. */
export const describeRequestHandlerConfig = (config: RequestHandlerConfig): Record<string, unknown> => {
  const { masterKeys, groupKeys, shardProfile, ...env } = config;
  return {
    ...serviceConfig.describe(env),
    ...describeControlNodeKeyRings({ masterKeys, groupKeys }),
    shardProfile: {
      requestToJoinResponse: shardProfile.publish.requestToJoinResponse,
      description: shardProfile.publish.description,
    },
  };
};
