import type { Logger } from 'pino';
import type { HealthServer } from './health-server.js';
import { startHealthServer } from './health-server.js';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';
import { createReadiness } from './readiness.js';

type Dispose = () => Promise<unknown> | unknown;

/** What a service's builders get: where each resource registers its disposer as soon as it is made. */
export interface ServiceScope {
  readonly logger: Logger;
  /** The service's readiness: builders add `postgres`, `redis` and their own checks. */
  readonly readiness: Readiness;
  /** Registers how to undo what was just made; disposers run in reverse order of registration. */
  defer(name: string, dispose: Dispose): void;
  /** Registers `dispose(resource)` and gives the resource back: `const redis = scope.own('redis', connect(), r => r.quit())`. */
  own<T>(name: string, resource: T, dispose: (resource: T) => Promise<unknown> | unknown): T;
  /** Runs `task` every `everyMs` until the service stops; a failure is logged and the next tick still runs. */
  every(name: string, everyMs: number, task: () => Promise<unknown>): void;
}

export interface ServiceOptions<T> {
  /** As people say it in logs: `waku gateway`, `request handler`. */
  readonly name: string;
  readonly logger: Logger;
  /** Serves /healthz, /readyz and /metrics; it opens once the service is built and closes after every disposer. */
  readonly health?:
    { readonly serviceName: string; readonly port: number; readonly metrics: Metrics } | false;
  /** Makes the service's resources; each registers its disposer with the scope where it is created. */
  readonly build: (scope: ServiceScope) => Promise<T>;
  /** Fields of the one `started` log line (ports, counts). */
  readonly startedFields?: (parts: T) => Record<string, unknown>;
}

export interface ServiceHandle {
  readonly readiness: Readiness;
  /** `http://127.0.0.1:<port>` of /healthz, /readyz and /metrics; undefined when the options said `health: false`. */
  readonly healthUrl: string | undefined;
  /**
   * Once, however often called: /readyz turns 503 first, then every disposer runs, last made first; one that
   * fails is logged and the next still runs (a stuck queue must not keep the database open).
   */
  stop(): Promise<void>;
}

const disposeAll = async (
  disposers: readonly { name: string; dispose: Dispose }[],
  logger: Logger,
  service: string,
): Promise<void> => {
  for (const { name, dispose } of [...disposers].reverse()) {
    try {
      await dispose();
    } catch (error) {
      logger.error({ err: error, step: name }, `${service} stop step failed`);
    }
  }
};

/**
 * The one lifecycle of every service (Apollo's drain plugins, in small): build the resources, each registering
 * its disposer; if the build fails, dispose what was made (reverse order) and reject; otherwise open the health
 * endpoints and log `<name> started` once. The handle's `stop()` drains readiness, disposes and logs `stopped`.
 */
export const startService = async <T extends object>(
  options: ServiceOptions<T>,
): Promise<T & ServiceHandle> => {
  const { name, logger } = options;
  const readiness = createReadiness();
  const disposers: { name: string; dispose: Dispose }[] = [];
  const defer = (step: string, dispose: Dispose): void => {
    disposers.push({ name: step, dispose });
  };
  const scope: ServiceScope = {
    logger,
    readiness,
    defer,
    own: (step, resource, dispose) => {
      defer(step, () => dispose(resource));
      return resource;
    },
    every: (step, everyMs, task) => {
      const timer = setInterval(() => {
        task().catch((error: unknown) => logger.error({ err: error, task: step }, `${name} ${step} failed`));
      }, everyMs);
      defer(step, () => clearInterval(timer));
    },
  };

  let parts: T;
  let health: HealthServer | undefined;
  try {
    parts = await options.build(scope);
    if (options.health) health = await startHealthServer({ ...options.health, readiness });
  } catch (error) {
    await disposeAll(disposers, logger, name);
    throw error;
  }
  if (health) disposers.unshift({ name: 'health server', dispose: () => health.close() });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      readiness.drain();
      await disposeAll(disposers, logger, name);
      logger.info(`${name} stopped`);
    })());

  const healthUrl = health?.url;
  logger.info(
    { ...options.startedFields?.(parts), ...(healthUrl ? { health: healthUrl } : {}) },
    `${name} started`,
  );
  return { ...parts, readiness, healthUrl, stop };
};
