import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { pino } from 'pino';
import type { DestinationStream, LevelWithSilent, Logger } from 'pino';
import { createSecretScrubber } from './redaction.js';

export interface LoggerOptions {
  readonly serviceName: string;
  readonly level?: LevelWithSilent;
  /** Where JSON lines go (default stdout). */
  readonly destination?: DestinationStream;
  /** Keys to hide besides SECRET_KEYS. */
  readonly secretKeys?: readonly string[];
}

/**
 * One JSON object per line: `level` as a name, ISO `time`, `service`, `pid`, `hostname`, then the fields.
 * Secret keys are replaced in fields and child bindings at any depth (pino's own `redact` only reaches
 * paths listed in advance).
 */
export const createLogger = (options: LoggerOptions): Logger => {
  const scrub = createSecretScrubber(options.secretKeys);
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { service: options.serviceName, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object),
      },
    },
    // Synchronous stdout: lines written just before process.exit (shutdown, fatal errors) are not lost.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  // pino applies no formatter to child bindings; children are Object.create(parent), so this override
  // reaches every descendant.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, scrub(bindings), childOptions);
  } as Logger['child'];
  return logger;
};

/** A new id for a message or command entering the platform (the gateway, the API). */
export const newCorrelationId = (): string => randomUUID();

/**
 * A child logger whose every line carries `correlationId`: the gateway logs with the id it put on the inbound
 * job, the indexer with the id it read from the job, the API with the id on the event.
 */
export const withCorrelation = (
  logger: Logger,
  correlationId: string,
  bindings: Record<string, unknown> = {},
): Logger => logger.child({ ...bindings, correlationId });
