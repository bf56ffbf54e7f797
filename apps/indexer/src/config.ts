import type { ServiceConfig } from '@status-communities/config';
import {
  defineServiceConfig,
  serviceByName,
  envBoolean,
  envInteger,
  envMatching,
} from '@status-communities/config';
import { GROUP_KEY_SECRET_VARIABLES, groupKeyVariables } from '@status-communities/keyring';
import { DEFAULT_KEY_PREFIX, KEY_PREFIX_PATTERN, KEY_PREFIX_RULE } from '@status-communities/queue';

export const SERVICE_NAME = 'indexer';

/** Every service on one machine needs its own health port (the gateway has 9101). */
export const DEFAULT_INDEXER_HEALTH_PORT = serviceByName('indexer').healthPort;

const variables = {
  /** Optional: the group-key master key, to read the encrypted communities hosted here (never a signing key). */
  ...groupKeyVariables,
  /** Prefix of every Redis key (queues, the event stream, the route-change channel); tests use a unique one. */
  REDIS_KEY_PREFIX: envMatching(KEY_PREFIX_PATTERN, KEY_PREFIX_RULE, DEFAULT_KEY_PREFIX),
  /** Inbound jobs held by the worker at once: the pool batches are cut from. */
  INDEXER_CONCURRENCY: envInteger({ min: 1, max: 10_000, defaultValue: 512 }),
  /** Most messages persisted in one transaction. */
  INDEXER_BATCH_SIZE: envInteger({ min: 1, max: 5_000, defaultValue: 256 }),
  /** How long a batch waits for more messages once it has one. */
  INDEXER_BATCH_WAIT_MS: envInteger({ min: 0, max: 10_000, defaultValue: 20 }),
  /** Open payloads (signatures, AES, keccak) on a thread of their own, beside the queue and database work. */
  INDEXER_DECODE_THREAD: envBoolean(true),
  /** BullMQ job lock: a job whose worker died is free again this long after its last renewal… */
  INDEXER_LOCK_DURATION_MS: envInteger({ min: 1_000, max: 600_000, defaultValue: 30_000 }),
  /** …and goes back to the queue at the second stalled-job check after that (BullMQ checks twice). */
  INDEXER_STALLED_INTERVAL_MS: envInteger({ min: 100, max: 600_000, defaultValue: 30_000 }),
  /** How often the watch list and hosted communities are re-read even without a change notice. */
  INDEXER_ROUTES_REFRESH_SECONDS: envInteger({ min: 1, max: 86_400, defaultValue: 60 }),
  /** How often events left in the outbox (by a process that died after its commit) are published. */
  INDEXER_OUTBOX_SWEEP_SECONDS: envInteger({ min: 1, max: 3_600, defaultValue: 10 }),
  /**
   * Messages of a watched community held from senders not (yet) members, at most, per community: a burst of
   * first posts from a dozen members joining together (tens each in the seconds before the description
   * listing them arrives), far below what non-members flooding a public topic could leave; 0 holds none.
   */
  INDEXER_HOLD_MAX_MESSAGES: envInteger({ min: 0, max: 1_000_000, defaultValue: 1_000 }),
  /** …and bytes (the stored inbound jobs): a thousand text posts of about 1 KB; a few images fill it. */
  INDEXER_HOLD_MAX_BYTES: envInteger({ min: 0, max: 1_073_741_824, defaultValue: 1_048_576 }),
  /**
   * How long a held message waits for a description listing its sender before it is refused. A control
   * node publishes on every change at once (the gap seen was about 2 s); 10 minutes also covers a
   * description lost on relay and fetched again by a gateway's back-fill, or a gateway without mesh peers
   * for a while, and keeps a non-member's message no longer than that.
   */
  INDEXER_HOLD_MAX_AGE_SECONDS: envInteger({ min: 1, max: 86_400, defaultValue: 600 }),
  /** How often held messages past their age are refused and ones a stored description may admit re-judged. */
  INDEXER_HOLD_SWEEP_SECONDS: envInteger({ min: 1, max: 3_600, defaultValue: 30 }),
};

export const indexerConfig = defineServiceConfig({
  serviceName: SERVICE_NAME,
  healthPort: DEFAULT_INDEXER_HEALTH_PORT,
  variables,
  secrets: GROUP_KEY_SECRET_VARIABLES,
});

export type IndexerConfig = ServiceConfig<typeof variables>;
