import { migrateDatabase, redactDatabaseUrl } from '@status-communities/db';
import type { Devnet, DevnetStore } from '@status-communities/devnet';
import { serveDevnetStore, startDevnet } from '@status-communities/devnet';
import { bug, ErrorCode, StatusError } from '@status-communities/errors';
import { startServiceProcess } from './child-service.js';
import type { ServiceProcess } from './child-service.js';
import { startConsoleApp } from './console-app.js';
import type { LauncherConfig } from './launcher-config.js';
import { resolveSecrets } from './platform-secrets.js';
import { checkDependencies } from './preflight.js';
import { superviseProcesses } from './process-group.js';
import type { PlatformProcess, ServiceExit } from './process-group.js';
import {
  PLATFORM_SERVICES,
  builtServices,
  healthPortOf,
  serviceEntry,
  serviceEnv,
  withGateways,
} from './services.js';
import type { ServiceSpec, SharedServiceEnv } from './services.js';

export { ServiceStartError } from './process-group.js';
export type { ServiceExit } from './process-group.js';

export interface LauncherIo {
  /** A line of the launcher's own. */
  say(line: string): void;
  /** A line a service wrote. */
  serviceLine(service: string, line: string): void;
}

export interface LaunchOptions {
  readonly root: string;
  /** What every service inherits: the shell's environment with .env under it. */
  readonly env: NodeJS.ProcessEnv;
  readonly io: LauncherIo;
  /** Ctrl-C during the start: what started is stopped and the start rejects. */
  readonly signal: AbortSignal;
}

export interface RunningService {
  readonly spec: ServiceSpec;
  readonly healthUrl: string;
  readonly process: ServiceProcess;
}

export interface Platform {
  readonly services: readonly RunningService[];
  /** Set when the api runs. */
  readonly graphqlUrl: string | undefined;
  /** Set when the api runs and the console is built: the page a person opens. */
  readonly consoleUrl: string | undefined;
  /** Where the api's admin API key comes from: the environment, or the development secrets file. */
  readonly adminKeySource: string;
  /** The first service that exits while the platform runs (a crash: the launcher then stops the rest). */
  readonly unexpectedExit: Promise<ServiceExit>;
  /** Stops every service (SIGTERM, then their exit) and the devnet; resolves to 0 when all exited cleanly. */
  stop(): Promise<number>;
}

/** Nothing to start: no service has a build. */
export class NothingBuiltError extends StatusError {
  constructor(root: string) {
    super(ErrorCode.INVALID_CONFIG, `no service is built under ${root}apps/*/dist: run \`npm run build\``);
  }
}

/** The local network: its nodes, the first of which is also a Store node (what the gateways back-fill from). */
interface LocalDevnet {
  readonly devnet: Devnet;
  readonly store: DevnetStore;
  stop(): Promise<void>;
}

const startLocalDevnet = async (config: LauncherConfig, io: LauncherIo): Promise<LocalDevnet | undefined> => {
  if (config.WAKU_BOOTSTRAP_PEERS !== undefined || config.WAKU_FLEET !== undefined) {
    io.say(
      config.WAKU_FLEET !== undefined
        ? `Waku: fleet ${config.WAKU_FLEET}`
        : `Waku: bootstrap peers ${config.WAKU_BOOTSTRAP_PEERS}`,
    );
    return undefined;
  }
  const devnet = await startDevnet({ nodes: config.PLATFORM_DEVNET_NODES });
  const [storeNode] = devnet.nodes;
  let store: DevnetStore;
  try {
    if (storeNode === undefined) bug('the devnet has no node');
    store = await serveDevnetStore(storeNode);
  } catch (error) {
    await devnet.stop();
    throw error;
  }
  io.say(
    `Waku: local devnet of ${devnet.nodes.length} nodes (${devnet.multiaddrs.join(', ')}); Store node ${store.multiaddr}`,
  );
  return {
    devnet,
    store,
    stop: async () => {
      await store.close();
      await devnet.stop();
    },
  };
};

/** Redis and PostgreSQL answer, and the database has every migration. */
const prepareStores = async (config: LauncherConfig, io: LauncherIo): Promise<void> => {
  await checkDependencies({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL });
  io.say(`Redis ${config.REDIS_URL} and PostgreSQL ${redactDatabaseUrl(config.DATABASE_URL)} answer`);
  const migrated = await migrateDatabase(config.DATABASE_URL);
  io.say(
    migrated.applied.length === 0
      ? 'database schema up to date'
      : `applied ${migrated.applied.length} migrations${migrated.databaseCreated ? ' to a new database' : ''}`,
  );
};

/** What every service is handed: the stores, the Waku network (the local devnet's, if any), the secrets. */
const sharedEnvOf = (
  config: LauncherConfig,
  local: LocalDevnet | undefined,
  secrets: Awaited<ReturnType<typeof resolveSecrets>>,
): SharedServiceEnv => ({
  DATABASE_URL: config.DATABASE_URL,
  REDIS_URL: config.REDIS_URL,
  ...(local && { WAKU_BOOTSTRAP_PEERS: local.devnet.multiaddrs.join(',') }),
  ...(local && { BACKFILL_STORE_PEERS: local.store.multiaddr }),
  keyring: secrets.keyring,
  webhookKey: secrets.webhookKey,
  groupKeys: secrets.groupKeys,
  adminBootstrapToken: secrets.adminBootstrapToken,
  gatewayNodeKeys: secrets.gatewayNodeKeys,
  portBase: config.PLATFORM_PORT_BASE,
  apiPort: config.API_PORT,
});

/** Starts each built service, and the console in front of the api when both are built. */
const startProcesses = (
  config: LauncherConfig,
  { root, env, io }: LaunchOptions,
  specs: readonly ServiceSpec[],
  shared: SharedServiceEnv,
) => {
  const services: RunningService[] = specs.map((spec) => ({
    spec,
    healthUrl: `http://127.0.0.1:${healthPortOf(spec, shared.portBase)}`,
    process: startServiceProcess({
      name: spec.instance,
      entry: serviceEntry(root, spec),
      env: serviceEnv(spec, env, shared),
      cwd: root,
      onLine: (line) => io.serviceLine(spec.instance, line),
    }),
  }));
  const graphqlUrl = services.some(({ spec }) => spec.servesGraphql)
    ? `http://127.0.0.1:${config.API_PORT}${config.API_PATH}`
    : undefined;
  const consoleApp =
    graphqlUrl === undefined
      ? undefined
      : startConsoleApp({
          root,
          env,
          port: config.CONSOLE_PORT,
          graphqlUrl,
          onLine: (line) => io.serviceLine('console', line),
        });
  const processes: PlatformProcess[] = [
    ...services.map(({ spec, process: child, healthUrl }) => ({
      instance: spec.instance,
      child,
      readyUrl: `${healthUrl}/readyz`,
    })),
    ...(consoleApp ? [{ instance: 'console', child: consoleApp.process, readyUrl: consoleApp.url }] : []),
  ];
  io.say(`started ${processes.map(({ instance, child }) => `${instance} (pid ${child.pid})`).join(', ')}`);
  return { services, graphqlUrl, consoleUrl: consoleApp?.url, processes };
};

/**
 * Brings the platform up: Redis and PostgreSQL answer, migrations applied, a devnet unless a real network is
 * configured, every built service started and ready. On any failure what started is stopped again.
 */
export const startPlatform = async (config: LauncherConfig, options: LaunchOptions): Promise<Platform> => {
  const { root, io, signal } = options;
  await prepareStores(config, io);
  const secrets = await resolveSecrets(config, root, io.say);
  const specs = builtServices(root, withGateways(PLATFORM_SERVICES, config.PLATFORM_GATEWAYS));
  if (specs.length === 0) throw new NothingBuiltError(root);
  signal.throwIfAborted();

  const local = await startLocalDevnet(config, io);
  const { services, graphqlUrl, consoleUrl, processes } = startProcesses(
    config,
    options,
    specs,
    sharedEnvOf(config, local, secrets),
  );
  const group = superviseProcesses(processes, {
    say: io.say,
    stopTimeoutMs: config.PLATFORM_STOP_TIMEOUT_SECONDS * 1000,
    ...(local && { afterStop: () => local.stop() }),
  });
  await group.waitUntilReady(config.PLATFORM_READY_TIMEOUT_SECONDS * 1000, signal);
  return {
    services,
    graphqlUrl,
    consoleUrl,
    adminKeySource: secrets.adminKeySource,
    unexpectedExit: group.unexpectedExit,
    stop: () => group.stop(),
  };
};
