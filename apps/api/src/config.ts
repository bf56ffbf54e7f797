import { z } from 'zod';
import { envChainRpcUrls } from '@status-communities/chain';
import type { ServiceConfig } from '@status-communities/config';
import {
  defineServiceConfig,
  serviceByName,
  envInteger,
  envString,
  envMatching,
  envUrl,
} from '@status-communities/config';
import { DEFAULT_KEY_PREFIX, KEY_PREFIX_PATTERN, KEY_PREFIX_RULE } from '@status-communities/queue';
import { subscriptionVariables } from './subscriptions/subscription-config.js';
import { WEBHOOK_SECRET_VARIABLES, webhookVariables } from './webhooks/webhook-config.js';

export const SERVICE_NAME = 'api';

/** Every service on one machine needs its own health port (gateway 9101, publisher and indexer 9102). */
export const DEFAULT_API_HEALTH_PORT = serviceByName('api').healthPort;

const variables = {
  /** The GraphQL endpoint (HTTP and WebSocket); 0 picks a free port (tests). */
  API_PORT: envInteger({ min: 0, max: 65_535, defaultValue: 4000 }),
  API_HOST: envString('0.0.0.0'),
  /** Path of the endpoint, for HTTP, graphql-ws and the playground alike. */
  API_PATH: envString('/graphql').pipe(
    z.string().regex(/^\/[A-Za-z0-9/_-]*$/, 'must be a path like /graphql'),
  ),
  /** Prefix of every Redis key (queues, rate limits, event stream); tests use a unique one. */
  REDIS_KEY_PREFIX: envMatching(KEY_PREFIX_PATTERN, KEY_PREFIX_RULE, DEFAULT_KEY_PREFIX),
  /** Requests per minute of a key that sets no limit of its own. */
  API_RATE_LIMIT_PER_MINUTE: envInteger({ min: 1, max: 1_000_000, defaultValue: 600 }),
  /** Deepest selection nesting a query may have. */
  API_MAX_QUERY_DEPTH: envInteger({ min: 2, max: 100, defaultValue: 12 }),
  /** Highest estimated cost (fields × page sizes) of one operation. */
  API_MAX_QUERY_COST: envInteger({ min: 10, max: 10_000_000, defaultValue: 50_000 }),
  /** Most aliased fields one operation may have (each alias resolves its field once more). */
  API_MAX_QUERY_ALIASES: envInteger({ min: 1, max: 100_000, defaultValue: 100 }),
  /**
   * How long an instance remembers a key it looked up. Revocations are announced to every instance at once
   * (src/auth/key-revocations.ts); this bounds how long one that missed the notice still serves the key.
   */
  API_KEY_CACHE_MS: envInteger({ min: 0, max: 600_000, defaultValue: 5_000 }),
  /**
   * Answers of `community(ref: { id })`, `messages` and `stats` queries kept per API key (src/query-cache), retired
   * by their community's events; 0 turns the cache off.
   */
  API_QUERY_CACHE_ENTRIES: envInteger({ min: 0, max: 1_000_000, defaultValue: 10_000 }),
  /** An answer kept longer is read again even without an event: the bound for a write that sends none. */
  API_QUERY_CACHE_MAX_AGE_MS: envInteger({ min: 0, max: 600_000, defaultValue: 10_000 }),
  /** Largest request body, bytes. */
  API_MAX_BODY_BYTES: envInteger({ min: 1_024, max: 50 * 1024 * 1024, defaultValue: 1024 * 1024 }),
  /**
   * First start of a deployment: this key (sc_<12 hex>_<43 base64url>) becomes an admin key of the tenant
   * API_BOOTSTRAP_TENANT unless a key with its hash exists, revoked or not. Use it to create real keys, then
   * revoke it and unset the variable.
   */
  ADMIN_BOOTSTRAP_TOKEN: z
    .string()
    .regex(
      /^sc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/,
      'must be an API key, sc_<12 hex>_<43 base64url>: see the README',
    )
    .optional(),
  API_BOOTSTRAP_TENANT: envString('platform'),
  /**
   * A streaming replica of DATABASE_URL's database (same database name): queries read from it while it keeps
   * up, mutations, subscriptions and a tenant's reads just after its mutations stay on the primary
   * (src/db/read-routing.ts). Unset: everything on the primary.
   */
  DATABASE_READ_URL: envUrl(['postgres', 'postgresql']).optional(),
  /** Replica lag above which queries read from the primary instead. */
  DATABASE_READ_MAX_LAG_MS: envInteger({ min: 0, max: 600_000, defaultValue: 2_000 }),
  /** How often the replica's lag is measured. */
  DATABASE_READ_LAG_CHECK_MS: envInteger({ min: 100, max: 60_000, defaultValue: 1_000 }),
  /** After a tenant's mutation, its queries read from the primary for this long (read-your-writes). */
  DATABASE_READ_AFTER_WRITE_MS: envInteger({ min: 0, max: 3_600_000, defaultValue: 10_000 }),
  /** The request handler's chains (`1=https://…,10=…`): a token permission may only name these. */
  CHAIN_RPC_URLS: envChainRpcUrls(),
  // Subscriptions and webhooks (their own modules document them).
  ...subscriptionVariables,
  ...webhookVariables,
};

export const apiConfig = defineServiceConfig({
  serviceName: SERVICE_NAME,
  healthPort: DEFAULT_API_HEALTH_PORT,
  variables,
  secrets: ['ADMIN_BOOTSTRAP_TOKEN', ...WEBHOOK_SECRET_VARIABLES],
});

export type ApiConfig = ServiceConfig<typeof variables>;
