#!/usr/bin/env node
import { createGracefulShutdown, createLogger } from '@status-communities/observability';
import { describeRequestHandlerConfig, parseRequestHandlerConfig } from './config.js';
import { REQUEST_HANDLER_SECRET_LOG_KEYS, startRequestHandler } from './service.js';

/** Kubernetes kills 30 s after SIGTERM; a request in hand finishes well within. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

const parsed = parseRequestHandlerConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`${parsed.error.message}\n`);
  process.exit(1);
}
const config = parsed.value;
const logger = createLogger({
  serviceName: config.SERVICE_NAME,
  level: config.LOG_LEVEL,
  secretKeys: REQUEST_HANDLER_SECRET_LOG_KEYS,
});
logger.info({ config: describeRequestHandlerConfig(config) }, 'starting request handler');

const shutdown = createGracefulShutdown({ logger, timeoutMs: SHUTDOWN_TIMEOUT_MS });
try {
  const handler = await startRequestHandler(config, { logger });
  shutdown.add('request-handler', () => {
    // /readyz answers 503 while the jobs in hand finish.
    handler.readiness.drain();
    return handler.stop();
  });
  logger.info({ health: handler.healthUrl }, 'request handler started');
} catch (error) {
  logger.fatal({ err: error }, 'request handler did not start');
  shutdown.dispose();
  process.exit(1);
}
