#!/usr/bin/env node
import { createGracefulShutdown, createLogger } from '@status-communities/observability';
import { apiConfig } from './config.js';
import { startApiServer } from './server/start-api-server.js';

/** Kubernetes kills 30 s after SIGTERM; operations in flight finish well within. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

const parsed = apiConfig.parse(process.env);
if (!parsed.ok) {
  process.stderr.write(`${parsed.error.message}\n`);
  process.exit(1);
}
const config = parsed.value;
const logger = createLogger({ serviceName: config.SERVICE_NAME, level: config.LOG_LEVEL });
logger.info({ config: apiConfig.describe(config) }, 'starting api');

const shutdown = createGracefulShutdown({ logger, timeoutMs: SHUTDOWN_TIMEOUT_MS });
try {
  const server = await startApiServer(config, { logger });
  // /readyz answers 503 at once, then requests in flight finish before the connections close.
  shutdown.add('api', () => server.stop());
  logger.info({ url: server.url, ws: server.wsUrl, health: server.healthUrl }, 'api started');
} catch (error) {
  logger.fatal({ err: error }, 'api did not start');
  shutdown.dispose();
  process.exit(1);
}
