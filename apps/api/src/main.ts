#!/usr/bin/env node
import { runService } from '@status-communities/observability';
import { apiConfig } from './config.js';
import { startApi } from './service.js';

await runService({
  name: 'api',
  config: apiConfig.parse(process.env),
  describeConfig: apiConfig.describe,
  // Kubernetes kills 30 s after SIGTERM; operations in flight finish well within.
  shutdownTimeoutMs: 25_000,
  // Stopping turns /readyz to 503 at once, then requests in flight finish before the connections close.
  start: (config, logger) => startApi(config, { logger }),
});
