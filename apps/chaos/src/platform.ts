import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ServiceProcesses, freePort } from '@status-communities/testing';
import { generateNodeKey } from '@status-communities/waku';

/** The processes of the platform, in production's topology: two gateways and one of every other service. */
export const SERVICES = [
  'waku-gateway',
  'waku-gateway-2',
  'indexer',
  'publisher',
  'request-handler',
  'api',
] as const;
export type ServiceName = (typeof SERVICES)[number];

const appOf = (service: ServiceName): string => (service === 'waku-gateway-2' ? 'waku-gateway' : service);

export interface PlatformOptions {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly redisKeyPrefix: string;
  /** The devnet's addresses, for the gateways. */
  readonly wakuBootstrapPeers: readonly string[];
  /** The devnet's Store node, where the gateways back-fill an outage's gap from. */
  readonly backfillStorePeer: string;
  /** Services' LOG_LEVEL (default warn). */
  readonly logLevel?: string;
}

interface Running {
  readonly env: Record<string, string>;
  readonly healthPort: number;
  child: ChildProcess;
}

/** One probe of each service's /readyz: its status code, or `timeout` / `down`. */
export type Readiness = Record<ServiceName, number | 'timeout' | 'down'>;

const PROBE_TIMEOUT_MS = 1_000;

const probe = async (healthPort: number): Promise<number | 'timeout' | 'down'> => {
  try {
    const response = await fetch(`http://127.0.0.1:${healthPort}/readyz`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'down';
  }
};

/**
 * The platform as separate processes from their builds (apps/<service>/dist/main.js), each on a health port
 * it keeps across restarts, so a fault can kill any of them and start it again as a supervisor would.
 */
export class ChaosPlatform {
  readonly processes: ServiceProcesses;
  // The api's bootstrap admin key, in its format (sc_<12 hex>_<43 base64url>).
  readonly adminKey = `sc_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
  private readonly running = new Map<ServiceName, Running>();

  private constructor(
    private readonly options: PlatformOptions,
    readonly graphqlUrl: string,
  ) {
    this.processes = new ServiceProcesses(() => ({
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      REDIS_KEY_PREFIX: options.redisKeyPrefix,
      LOG_LEVEL: options.logLevel ?? 'warn',
    }));
  }

  /** Starts every service and waits until all are ready. */
  static async start(options: PlatformOptions): Promise<ChaosPlatform> {
    const apiPort = await freePort();
    const platform = new ChaosPlatform(options, `http://127.0.0.1:${apiPort}/graphql`);
    const keyring = { KEYRING_MASTER_KEY: randomBytes(32).toString('hex'), KEYRING_MASTER_KEY_ID: 'chaos' };
    // As production runs them: each gateway keeps its node key (peer id) and Waku port across restarts.
    const gateway = async () => ({
      WAKU_BOOTSTRAP_PEERS: options.wakuBootstrapPeers.join(','),
      WAKU_LISTEN_ADDRESS: '127.0.0.1',
      WAKU_LISTEN_PORT: String(await freePort()),
      WAKU_NODE_KEY: await generateNodeKey(),
      BACKFILL_STORE_PEERS: options.backfillStorePeer,
    });
    const envs: Record<ServiceName, Record<string, string>> = {
      'waku-gateway': await gateway(),
      'waku-gateway-2': await gateway(),
      indexer: {},
      publisher: { ...keyring, PUBLISH_DEBOUNCE_MS: '0' },
      'request-handler': keyring,
      api: {
        API_PORT: String(apiPort),
        API_HOST: '127.0.0.1',
        ADMIN_BOOTSTRAP_TOKEN: platform.adminKey,
      },
    };
    for (const service of SERVICES) {
      const healthPort = await freePort();
      const env = { ...envs[service], HEALTH_PORT: String(healthPort), SERVICE_NAME: service };
      platform.running.set(service, {
        env,
        healthPort,
        child: platform.processes.start(appOf(service), env),
      });
    }
    await platform.waitUntilReady(120_000);
    return platform;
  }

  private service(name: ServiceName): Running {
    const running = this.running.get(name);
    if (!running) throw new Error(`no service ${name}`);
    return running;
  }

  /** kill -9. */
  crash(name: ServiceName): Promise<void> {
    return this.processes.crash(this.service(name).child);
  }

  /** Starts a crashed service again with the same environment and health port. */
  restart(name: ServiceName): void {
    const running = this.service(name);
    running.child = this.processes.start(appOf(name), running.env);
  }

  /** Every series of a metric a service serves on /metrics: its labels (`{…}`, or '') and value. */
  async metricSeries(name: ServiceName, metric: string): Promise<{ labels: string; value: number }[]> {
    const text = await fetch(`http://127.0.0.1:${this.service(name).healthPort}/metrics`).then(
      (response) => response.text(),
      () => '',
    );
    return text.split('\n').flatMap((line) => {
      const match = /^(\w+)(\{[^}]*\})? (\S+)$/.exec(line);
      return match?.[1] === metric ? [{ labels: match[2] ?? '', value: Number(match[3]) }] : [];
    });
  }

  /** The sum of the series of a metric whose labels contain `labelFilter` (0 when it has none). */
  async metricSum(name: ServiceName, metric: string, labelFilter = ''): Promise<number> {
    const series = await this.metricSeries(name, metric);
    return series
      .filter(({ labels }) => labels.includes(labelFilter))
      .reduce((sum, { value }) => sum + value, 0);
  }

  async readiness(): Promise<Readiness> {
    const statuses = await Promise.all(SERVICES.map((name) => probe(this.service(name).healthPort)));
    return Object.fromEntries(SERVICES.map((name, index) => [name, statuses[index]])) as Readiness;
  }

  /** Resolves when every service's /readyz answers 200, with the time that took. */
  async waitUntilReady(timeoutMs = 180_000): Promise<number> {
    const started = Date.now();
    await this.processes.waitFor(
      'every service ready',
      async () => Object.values(await this.readiness()).every((status) => status === 200) || undefined,
      { timeoutMs },
    );
    return Date.now() - started;
  }

  /** SIGTERM to each, the api first and the gateways last; every exit code. */
  async stop(): Promise<Record<ServiceName, number | null>> {
    const exits: Partial<Record<ServiceName, number | null>> = {};
    for (const name of [...SERVICES].reverse())
      exits[name] = await this.processes.stop(this.service(name).child);
    await this.processes.kill();
    return exits as Record<ServiceName, number | null>;
  }
}
