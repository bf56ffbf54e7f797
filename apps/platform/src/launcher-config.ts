import { z } from 'zod';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  defineEnvConfig,
  envEnum,
  envInteger,
  envPort,
  envRedisUrl,
  envString,
  envUrl,
} from '@status-communities/config';
import type { EnvConfig } from '@status-communities/config';

/** Set but not checked here: the gateway and the keyring validate them and name what is wrong. */
const optionalText = z.string().min(1).optional();

const variables = {
  /** Handed to every service, so they all use one database… */
  DATABASE_URL: envUrl(['postgres', 'postgresql'], DEFAULT_DATABASE_URL),
  /** …and one Redis. */
  REDIS_URL: envRedisUrl(DEFAULT_REDIS_URL),
  /** Either one means a real network: no local devnet is started. */
  WAKU_BOOTSTRAP_PEERS: optionalText,
  WAKU_FLEET: optionalText,
  /** The first gateway's node key, or a file holding it; unset: from PLATFORM_DEV_SECRETS_FILE, as the others'. */
  WAKU_NODE_KEY: optionalText,
  WAKU_NODE_KEY_FILE: optionalText,
  /** Gateways to run; 2 or more share dedup through Redis as the two in production do. */
  PLATFORM_GATEWAYS: envInteger({ min: 1, max: 4, defaultValue: 1 }),
  /** Nodes of the local Waku devnet (when neither of the two above is set). */
  PLATFORM_DEVNET_NODES: envInteger({ min: 2, max: 16, defaultValue: 2 }),
  /** /healthz, /readyz, /metrics: gateway, indexer, request-handler, api, publisher from this port, more gateways after. */
  PLATFORM_PORT_BASE: envInteger({ min: 1, max: 65_500, defaultValue: 9101 }),
  /** The api's GraphQL port and path (its own variables): the launcher prints the URL they make. */
  API_PORT: envPort(4000),
  API_PATH: envString('/graphql'),
  /** The console's port (apps/console, started once it is built and the api runs). */
  CONSOLE_PORT: envPort(4100),
  /** How long every service together may take to answer /readyz with 200. */
  PLATFORM_READY_TIMEOUT_SECONDS: envInteger({ min: 1, max: 3_600, defaultValue: 120 }),
  /** How long a service may take to exit after SIGTERM before it is killed (services drain within 25 s). */
  PLATFORM_STOP_TIMEOUT_SECONDS: envInteger({ min: 1, max: 600, defaultValue: 30 }),
  /** `pretty`: time, level, message and fields per line; `json`: the services' JSON lines as they are. */
  PLATFORM_LOG_FORMAT: envEnum(['pretty', 'json'], 'pretty'),
  /** Where the development master key, webhook key and admin API key are kept when not set (gitignored). */
  PLATFORM_DEV_SECRETS_FILE: envString('.local/dev-secrets.env'),
  /** When both are unset the launcher takes a development key from PLATFORM_DEV_SECRETS_FILE. */
  KEYRING_MASTER_KEY: optionalText,
  KEYRING_MASTER_KEY_ID: optionalText,
  /** The api's webhook key and its id; when both are unset, a development one from PLATFORM_DEV_SECRETS_FILE. */
  WEBHOOK_SECRET_KEY: optionalText,
  WEBHOOK_SECRET_KEY_ID: optionalText,
  /** The group-key master key (encrypted communities) and its id; both unset: a development one. */
  GROUP_KEYS_MASTER_KEY: optionalText,
  GROUP_KEYS_MASTER_KEY_ID: optionalText,
  /** The api's first admin API key; unset: a development one from PLATFORM_DEV_SECRETS_FILE. */
  ADMIN_BOOTSTRAP_TOKEN: optionalText,
};

export const launcherConfig = defineEnvConfig({
  name: 'platform',
  variables,
  secrets: [
    'KEYRING_MASTER_KEY',
    'WEBHOOK_SECRET_KEY',
    'GROUP_KEYS_MASTER_KEY',
    'ADMIN_BOOTSTRAP_TOKEN',
    'WAKU_NODE_KEY',
  ],
});

export type LauncherConfig = EnvConfig<typeof variables>;
