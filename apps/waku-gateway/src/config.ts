import { multiaddr } from '@multiformats/multiaddr';
import { z } from 'zod';
import type { ConfigProblem, ServiceConfig } from '@status-communities/config';
import {
  ConfigError,
  defineServiceConfig,
  envInteger,
  envList,
  envMatching,
  serviceByName,
} from '@status-communities/config';
import type { Result } from '@status-communities/errors';
import { err, ok, unwrap } from '@status-communities/errors';
import {
  DIRECT_MESSAGE_PUBSUB_TOPIC,
  parseContentTopic,
  parsePubsubTopic,
} from '@status-communities/protocol';
import { DEFAULT_KEY_PREFIX, KEY_PREFIX_PATTERN, KEY_PREFIX_RULE } from '@status-communities/queue';
import type { Env, StatusFleet, WakuConfig } from '@status-communities/waku';
import {
  DEFAULT_LIGHTPUSH_RATE,
  FilterLimits,
  STATUS_FLEET_STORE_NODES,
  parseWakuConfig,
} from '@status-communities/waku';

export const SERVICE_NAME = 'waku-gateway';

/** Every service on one machine needs its own health port. */
export const DEFAULT_GATEWAY_HEALTH_PORT = serviceByName('waku-gateway').healthPort;

const statusContentTopic = z
  .string()
  .refine((topic) => parseContentTopic(topic).ok, 'must be a Status content topic /waku/1/0x<8 hex>/rfc26');

/** A dialable multiaddr that names its peer, as back-fill needs. */
const peerMultiaddr = z.string().refine((text) => {
  try {
    return multiaddr(text).getPeerId() !== null;
  } catch {
    return false;
  }
}, 'must be a multiaddr ending in /p2p/<peer id>');

const variables = {
  /** Prefix of every Redis key (queues, the back-fill channel); tests use a unique one. */
  REDIS_KEY_PREFIX: envMatching(KEY_PREFIX_PATTERN, KEY_PREFIX_RULE, DEFAULT_KEY_PREFIX),
  /** Archived messages older than this (by message timestamp) are deleted; the fleet keeps 30 days. */
  ARCHIVE_RETENTION_DAYS: envInteger({ min: 1, max: 36_500, defaultValue: 365 }),
  /** Content topics archived besides those of the hosted and watched communities. */
  ARCHIVE_CONTENT_TOPICS: envList(statusContentTopic, []),
  /** How often the watch list is re-read from the database (a back-fill command also re-reads it). */
  WATCH_REFRESH_SECONDS: envInteger({ min: 1, max: 86_400, defaultValue: 30 }),
  /** How often the retention sweep runs. */
  RETENTION_SWEEP_MINUTES: envInteger({ min: 1, max: 10_080, defaultValue: 60 }),
  /** Outbound jobs published at once. */
  OUTBOUND_CONCURRENCY: envInteger({ min: 1, max: 1_000, defaultValue: 16 }),
  /**
   * Store nodes back-fill asks (13/WAKU2-STORE v3), multiaddrs with /p2p/. Unset: the store nodes of WAKU_FLEET
   * (`npm start` passes its devnet's store node); none at all: no back-fill.
   */
  BACKFILL_STORE_PEERS: envList(peerMultiaddr, []),
  /** How far back a community with nothing archived is fetched (the fleet's stores keep 30 days). */
  BACKFILL_HOURS: envInteger({ min: 1, max: 24 * 365, defaultValue: 24 * 30 }),
  /** Light clients subscribed by Filter at once; one more is refused with 503 (nwaku's 1000). */
  FILTER_MAX_SUBSCRIBERS: envInteger({ min: 1, max: 100_000, defaultValue: FilterLimits.MAX_SUBSCRIBERS }),
  /** (pubsub topic, content topic) pairs one subscriber may hold; past them 503 (nwaku's 1000). */
  FILTER_MAX_CRITERIA_PER_PEER: envInteger({
    min: 1,
    max: 100_000,
    defaultValue: FilterLimits.MAX_CRITERIA_PER_SUBSCRIBER,
  }),
  /** Content topics one Filter request may name; more is a bad request, 400 (nwaku's 100). */
  FILTER_MAX_CONTENT_TOPICS_PER_REQUEST: envInteger({
    min: 1,
    max: 1_000,
    defaultValue: FilterLimits.MAX_CONTENT_TOPICS_PER_REQUEST,
  }),
  /** A subscriber neither pinging nor subscribing for this long is dropped (nwaku's 5 minutes). */
  FILTER_SUBSCRIPTION_TTL_SECONDS: envInteger({
    min: 10,
    max: 86_400,
    defaultValue: FilterLimits.SUBSCRIPTION_TTL_MS / 1_000,
  }),
  /** LightPush requests a second one peer may make, sustained; past them 429 (nwaku's 10). */
  LIGHTPUSH_RATE_PER_SECOND: envInteger({
    min: 1,
    max: 100_000,
    defaultValue: DEFAULT_LIGHTPUSH_RATE.perSecond,
  }),
  /** LightPush requests one peer may make at once after a quiet spell (nwaku's 10). */
  LIGHTPUSH_RATE_BURST: envInteger({ min: 1, max: 100_000, defaultValue: DEFAULT_LIGHTPUSH_RATE.burst }),
};

const serviceConfig = defineServiceConfig({
  serviceName: SERVICE_NAME,
  healthPort: DEFAULT_GATEWAY_HEALTH_PORT,
  variables,
});

/** The gateway's one configuration: shared and own variables, and the WAKU_* settings of libs/waku. */
export type GatewayConfig = ServiceConfig<typeof variables> & { readonly waku: WakuConfig };

/** Names a WAKU_* problem the way ConfigError names the others: variable, then what is wrong with it. */
const wakuProblem = (error: {
  message: string;
  details: Readonly<Record<string, unknown>>;
}): ConfigProblem => {
  const variable = typeof error.details['variable'] === 'string' ? error.details['variable'] : 'WAKU_*';
  const prefix = `${variable}: `;
  return {
    variable,
    problem: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message,
  };
};

/** The shard every 1:1 message rides: the bots' DMs and the community key exchanges sent to them. */
export const DIRECT_MESSAGE_SHARD = unwrap(parsePubsubTopic(DIRECT_MESSAGE_PUBSUB_TOPIC)).index;

/**
 * The gateway is the bots' only way in and out for 1:1 messages (inbound sends everything on its shards to
 * the indexer, outbound publishes the publisher's answers): without their shard they would be lost unnoticed.
 */
const directShardProblems = (waku: WakuConfig): ConfigProblem[] =>
  waku.shards.includes(DIRECT_MESSAGE_SHARD)
    ? []
    : [
        {
          variable: 'WAKU_SHARDS',
          problem: `must include shard ${DIRECT_MESSAGE_SHARD}: every 1:1 message of the bots rides it, and the gateway is their only way in and out`,
        },
      ];

/** The Store nodes back-fill asks: those configured, else the fleet's, else none. */
export const backfillStorePeers = (configured: string[], fleet: StatusFleet | undefined): string[] =>
  configured.length > 0 || fleet === undefined ? configured : [...STATUS_FLEET_STORE_NODES[fleet]];

/** Reads every variable; the error names every bad one (WAKU_* stops at its first). */
export const parseGatewayConfig = (env: Env): Result<GatewayConfig, ConfigError> => {
  const service = serviceConfig.parse(env);
  const waku = parseWakuConfig(env);
  const shardProblems = waku.ok ? directShardProblems(waku.value) : [];
  if (service.ok && waku.ok && shardProblems.length === 0)
    return ok({
      ...service.value,
      BACKFILL_STORE_PEERS: backfillStorePeers(service.value.BACKFILL_STORE_PEERS, waku.value.fleet),
      waku: waku.value,
    });
  const problems = [
    ...(service.ok ? [] : service.error.problems),
    ...(waku.ok ? shardProblems : [wakuProblem(waku.error)]),
  ];
  return err(new ConfigError(SERVICE_NAME, problems));
};

/** A copy safe to log: passwords in URLs masked. */
export const describeGatewayConfig = (config: GatewayConfig): Record<string, unknown> => {
  const { waku, ...service } = config;
  return { ...serviceConfig.describe(service), waku };
};
