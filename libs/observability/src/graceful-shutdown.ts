import type { Logger } from 'pino';
import { raceTimeout, TIMED_OUT } from './race-timeout.js';
import type { Readiness } from './readiness.js';

export interface GracefulShutdownOptions {
  readonly logger: Logger;
  /** The whole shutdown, every hook included (default 10 s; Kubernetes kills after 30 s). */
  readonly timeoutMs?: number;
  /** Default SIGTERM (Kubernetes, docker stop) and SIGINT (Ctrl-C). A second signal exits at once. */
  readonly signals?: readonly NodeJS.Signals[];
  /** Marked draining first, so /readyz turns 503 while the hooks run. */
  readonly readiness?: Readiness;
  /** Default process.exit; tests pass their own. */
  readonly exit?: (code: number) => void;
}

export interface GracefulShutdown {
  /** Adds a close hook. Hooks run one after another in the order added: add them in the order to close. */
  add(name: string, close: () => Promise<void> | void): void;
  /** Runs the shutdown once (later calls get the same promise), then exits: 0, or 1 if a hook failed or timed out. */
  run(reason: string): Promise<number>;
  /** Removes the signal handlers (tests). */
  dispose(): void;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

export const createGracefulShutdown = (options: GracefulShutdownOptions): GracefulShutdown => {
  const { logger } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const hooks: { name: string; close: () => Promise<void> | void }[] = [];
  let running: Promise<number> | undefined;

  const closeAll = async (): Promise<number> => {
    let code = 0;
    for (const { name, close } of hooks) {
      try {
        await close();
        logger.info({ hook: name }, 'closed');
      } catch (error) {
        code = 1;
        logger.error({ hook: name, err: error }, 'close hook failed');
      }
    }
    return code;
  };

  const run = (reason: string): Promise<number> => {
    running ??= (async () => {
      logger.info({ reason, hooks: hooks.map((hook) => hook.name) }, 'shutting down');
      options.readiness?.drain();
      const outcome = await raceTimeout(closeAll(), timeoutMs);
      const code = outcome === TIMED_OUT ? 1 : outcome;
      if (outcome === TIMED_OUT) logger.error({ timeoutMs }, 'shutdown timed out');
      else logger.info({ code }, 'shut down');
      dispose();
      exit(code);
      return code;
    })();
    return running;
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (running) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      exit(1);
      return;
    }
    void run(signal);
  };
  const dispose = (): void => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  for (const signal of signals) process.on(signal, onSignal);

  return {
    add: (name, close) => {
      hooks.push({ name, close });
    },
    run,
    dispose,
  };
};
