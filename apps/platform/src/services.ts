import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES, SERVICE_SECRET_KEYS, serviceByName } from '@status-communities/config';
import type { ServiceName } from '@status-communities/config';

/** The repository root (the same three levels up from src/ and from dist/). */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServiceSpec {
  /** The folder under apps/. */
  readonly name: string;
  /** The name of this process in logs and metrics (SERVICE_NAME); the folder's, or `waku-gateway-2`… */
  readonly instance: string;
  /** Its health port is PLATFORM_PORT_BASE + this: the service's own default with the base at 9101. */
  readonly portOffset: number;
  /** Only the control-node services get the keyring's master key; no other process holds it. */
  readonly opensKeyring: boolean;
  /** Reads encrypted communities: gets the group-key master key (never a signing key on its own). */
  readonly readsGroupKeys?: boolean;
  /** The api also serves GraphQL, on API_PORT. */
  readonly servesGraphql: boolean;
  /** Which gateway this is, 1 for waku-gateway, 2 for waku-gateway-2, …: it picks the gateway's node key. */
  readonly gateway?: number;
  /** Variables of this process alone. */
  readonly env?: Readonly<Record<string, string>>;
}

const FIRST_HEALTH_PORT = SERVICES[0].healthPort;

/** Every service of the platform, in start order: libs/config's SERVICES with what the launcher hands each. */
export const PLATFORM_SERVICES: readonly ServiceSpec[] = SERVICES.map(({ name, healthPort, secretKeys }) => ({
  name,
  instance: name,
  portOffset: healthPort - FIRST_HEALTH_PORT,
  opensKeyring: (secretKeys as readonly string[]).includes('KEYRING_MASTER_KEY'),
  readsGroupKeys: (secretKeys as readonly string[]).includes('GROUP_KEYS_MASTER_KEY'),
  servesGraphql: name === 'api',
  ...(name === 'waku-gateway' && { gateway: 1 }),
}));

/**
 * The services with `gateways` gateways in all: more than one is production's topology on one machine — every
 * gateway receives each message, and the message hash as job id keeps one job of their copies (counted as
 * dedup hits). The others after the first listen on any free Waku port.
 */
export const withGateways = (services: readonly ServiceSpec[], gateways: number): ServiceSpec[] =>
  services.flatMap((service) =>
    service.name !== 'waku-gateway'
      ? [service]
      : Array.from({ length: gateways }, (_, index) =>
          index === 0
            ? service
            : {
                ...service,
                instance: `waku-gateway-${index + 1}`,
                gateway: index + 1,
                // After the five services' own ports: 9106, 9107, …
                portOffset: PLATFORM_SERVICES.length + index - 1,
                env: { SERVICE_NAME: `waku-gateway-${index + 1}`, WAKU_LISTEN_PORT: '0', WAKU_WS_PORT: '0' },
              },
        ),
  );

export const serviceEntry = (root: string, service: ServiceSpec): string =>
  join(root, 'apps', service.name, 'dist', 'main.js');

/** The services whose build exists: a service joins `npm start` once it is built. */
export const builtServices = (root: string, services = PLATFORM_SERVICES): ServiceSpec[] =>
  services.filter((service) => existsSync(serviceEntry(root, service)));

export interface KeyringEnv {
  readonly KEYRING_MASTER_KEY: string;
  readonly KEYRING_MASTER_KEY_ID: string;
}

export interface GroupKeysEnv {
  readonly GROUP_KEYS_MASTER_KEY: string;
  readonly GROUP_KEYS_MASTER_KEY_ID: string;
}

export interface WebhookKeyEnv {
  readonly WEBHOOK_SECRET_KEY: string;
  readonly WEBHOOK_SECRET_KEY_ID: string;
}

/** A gateway's node key, or the file holding it (the operator's; both set, the gateway refuses them). */
export interface GatewayNodeKeyEnv {
  readonly WAKU_NODE_KEY?: string;
  readonly WAKU_NODE_KEY_FILE?: string;
}

export interface SharedServiceEnv {
  readonly DATABASE_URL: string;
  readonly REDIS_URL: string;
  /** The devnet's addresses, when the launcher started one. */
  readonly WAKU_BOOTSTRAP_PEERS?: string;
  /** The devnet's Store node, when the launcher started one; BACKFILL_STORE_PEERS set by the operator wins. */
  readonly BACKFILL_STORE_PEERS?: string;
  readonly keyring: KeyringEnv;
  /** For the api: the key its webhook secrets are sealed with. */
  readonly webhookKey: WebhookKeyEnv;
  /** For the services that read encrypted communities; absent: they handle none. */
  readonly groupKeys?: GroupKeysEnv;
  /** For the api: the secret of the first admin API key. */
  readonly adminBootstrapToken: string;
  /** Gateway n's node key at n - 1: a peer id per gateway, the same after a restart. */
  readonly gatewayNodeKeys: readonly GatewayNodeKeyEnv[];
  readonly portBase: number;
  readonly apiPort: number;
}

export const healthPortOf = (service: ServiceSpec, portBase: number): number => portBase + service.portOffset;

// Never one key for two gateways: two processes under one peer id take each other's connections.
const NODE_KEY_VARIABLES = ['WAKU_NODE_KEY', 'WAKU_NODE_KEY_FILE'];

/**
 * A service's environment: everything the platform runs with (the shell and .env), the one database, Redis
 * and Waku network of all services, its own health port; the master key only where the keyring is opened, the
 * api's keys only in the api and each gateway's own node key only in that gateway, even when the shell sets them.
 */
export const serviceEnv = (
  service: ServiceSpec,
  base: NodeJS.ProcessEnv,
  shared: SharedServiceEnv,
): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...base };
  const own: readonly string[] = serviceByName(service.name as ServiceName).secretKeys;
  const notHere = [...SERVICE_SECRET_KEYS.filter((key) => !own.includes(key)), ...NODE_KEY_VARIABLES];
  for (const variable of notHere) delete env[variable];
  return {
    ...env,
    DATABASE_URL: shared.DATABASE_URL,
    REDIS_URL: shared.REDIS_URL,
    HEALTH_PORT: String(healthPortOf(service, shared.portBase)),
    ...(shared.WAKU_BOOTSTRAP_PEERS !== undefined && { WAKU_BOOTSTRAP_PEERS: shared.WAKU_BOOTSTRAP_PEERS }),
    ...(shared.BACKFILL_STORE_PEERS !== undefined &&
      !base['BACKFILL_STORE_PEERS'] && { BACKFILL_STORE_PEERS: shared.BACKFILL_STORE_PEERS }),
    ...(service.opensKeyring && shared.keyring),
    ...(service.readsGroupKeys && shared.groupKeys),
    ...(service.servesGraphql && {
      API_PORT: String(shared.apiPort),
      ADMIN_BOOTSTRAP_TOKEN: shared.adminBootstrapToken,
      ...shared.webhookKey,
    }),
    ...(service.gateway !== undefined && shared.gatewayNodeKeys[service.gateway - 1]),
    // Light clients (browsers, Status mobile in light mode) dial websockets: every gateway listens on one, the
    // first on WAKU_WS_PORT when the operator sets it; its `waku gateway started` line shows the address.
    ...(service.gateway !== undefined && { WAKU_WS_PORT: base['WAKU_WS_PORT'] || '0' }),
    ...service.env,
  };
};
