import type { LevelWithSilent, Logger } from 'pino';
import type { Result, StatusError } from '@status-communities/errors';
import type { GracefulShutdown } from './graceful-shutdown.js';
import { createGracefulShutdown } from './graceful-shutdown.js';
import { createLogger } from './logger.js';
import type { Readiness } from './readiness.js';

/** What a service's start function gives back: something to stop, and the readiness /readyz reports. */
export interface RunningService {
  readonly readiness: Readiness;
  stop(): Promise<void>;
}

/** The fields every service configuration carries (libs/config defineServiceConfig). */
export interface ServiceBasics {
  readonly SERVICE_NAME: string;
  readonly LOG_LEVEL: LevelWithSilent;
}

export interface ServiceProgram<C extends ServiceBasics, S extends RunningService> {
  /** As people say it in logs: `waku gateway`, `request handler`. */
  readonly name: string;
  /** The parsed environment; a refusal names every bad variable. */
  readonly config: Result<C, StatusError>;
  /** The configuration as it may be logged (secrets left out). */
  readonly describeConfig: (config: C) => unknown;
  /** Log keys to hide besides the usual secret names. */
  readonly secretKeys?: readonly string[];
  /** The whole drain; Kubernetes kills 30 s after SIGTERM. */
  readonly shutdownTimeoutMs: number;
  readonly start: (config: C, logger: Logger) => Promise<S>;
  /** Fields of a `started` log line, for a service not yet on startService (which logs it itself). */
  readonly startedFields?: (service: S) => Record<string, unknown>;
  /** Tests pass their own; default process.exit. */
  readonly exit?: (code: number) => void;
  /** Where a refused configuration is written; default stderr. */
  readonly writeError?: (text: string) => void;
}

/**
 * The `main` of every service: a refused configuration is written to stderr and exits 1 before anything
 * connects; otherwise the service starts, SIGTERM/SIGINT turn /readyz to 503 and stop it within the timeout,
 * and a failed start is logged and exits 1. Resolves with the shutdown once started, or undefined.
 */
export const runService = async <C extends ServiceBasics, S extends RunningService>(
  program: ServiceProgram<C, S>,
): Promise<GracefulShutdown | undefined> => {
  const exit = program.exit ?? ((code: number) => process.exit(code));
  if (!program.config.ok) {
    (program.writeError ?? ((text) => process.stderr.write(text)))(`${program.config.error.message}\n`);
    exit(1);
    return undefined;
  }
  const config = program.config.value;
  const logger = createLogger({
    serviceName: config.SERVICE_NAME,
    level: config.LOG_LEVEL,
    ...(program.secretKeys === undefined ? {} : { secretKeys: program.secretKeys }),
  });
  logger.info({ config: program.describeConfig(config) }, `starting ${program.name}`);
  const shutdown = createGracefulShutdown({ logger, timeoutMs: program.shutdownTimeoutMs, exit });
  try {
    const service = await program.start(config, logger);
    shutdown.add(program.name, () => {
      // /readyz answers 503 while the work in hand finishes.
      service.readiness.drain();
      return service.stop();
    });
    if (program.startedFields) logger.info(program.startedFields(service), `${program.name} started`);
    return shutdown;
  } catch (error) {
    logger.fatal({ err: error }, `${program.name} did not start`);
    shutdown.dispose();
    exit(1);
    return undefined;
  }
};
