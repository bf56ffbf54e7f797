#!/usr/bin/env node
import { createGracefulShutdown, createLogger, createMetrics } from '@status-communities/observability';
import { SERVICE_NAME, indexerConfig } from './config.js';
import { startIndexer } from './service.js';

const loaded = indexerConfig.parse(process.env);
if (!loaded.ok) {
  createLogger({ serviceName: SERVICE_NAME }).fatal(
    { problems: loaded.error.problems },
    loaded.error.message,
  );
  process.exit(1);
}
const config = loaded.value;
const logger = createLogger({ serviceName: config.SERVICE_NAME, level: config.LOG_LEVEL });
logger.info({ config: indexerConfig.describe(config) }, 'configuration');
const indexer = await startIndexer(config, {
  logger,
  metrics: createMetrics({ serviceName: config.SERVICE_NAME }),
});
const shutdown = createGracefulShutdown({ logger, readiness: indexer.readiness });
shutdown.add('indexer', () => indexer.close());
