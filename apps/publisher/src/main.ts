#!/usr/bin/env node
import { createGracefulShutdown, createLogger } from '@status-communities/observability';
import { describePublisherConfig, parsePublisherConfig } from './config.js';
import { PUBLISHER_SECRET_LOG_KEYS, startPublisher } from './publisher.js';

/** Kubernetes kills 30 s after SIGTERM; a publish or command in hand finishes well within. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

const parsed = parsePublisherConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`${parsed.error.message}\n`);
  process.exit(1);
}
const config = parsed.value;
const logger = createLogger({
  serviceName: config.SERVICE_NAME,
  level: config.LOG_LEVEL,
  secretKeys: PUBLISHER_SECRET_LOG_KEYS,
});
logger.info({ config: describePublisherConfig(config) }, 'starting publisher');

const shutdown = createGracefulShutdown({ logger, timeoutMs: SHUTDOWN_TIMEOUT_MS });
try {
  const publisher = await startPublisher(config, { logger });
  shutdown.add('publisher', () => {
    // /readyz answers 503 while the jobs in hand finish.
    publisher.readiness.drain();
    return publisher.stop();
  });
  logger.info({ health: publisher.healthUrl }, 'publisher started');
} catch (error) {
  logger.fatal({ err: error }, 'publisher did not start');
  shutdown.dispose();
  process.exit(1);
}
