#!/usr/bin/env node
import { createMetrics, runService } from '@status-communities/observability';
import { indexerConfig } from './config.js';
import { startIndexer } from './service.js';

await runService({
  name: 'indexer',
  config: indexerConfig.parse(process.env),
  describeConfig: indexerConfig.describe,
  // Kubernetes kills 30 s after SIGTERM; the batches in hand finish well within.
  shutdownTimeoutMs: 25_000,
  start: (config, logger) =>
    startIndexer(config, { logger, metrics: createMetrics({ serviceName: config.SERVICE_NAME }) }),
});
