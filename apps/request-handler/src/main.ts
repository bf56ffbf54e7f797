#!/usr/bin/env node
import { runService } from '@status-communities/observability';
import { describeRequestHandlerConfig, parseRequestHandlerConfig } from './config.js';
import { REQUEST_HANDLER_SECRET_LOG_KEYS, startRequestHandler } from './service.js';

await runService({
  name: 'request handler',
  config: parseRequestHandlerConfig(process.env),
  describeConfig: describeRequestHandlerConfig,
  secretKeys: REQUEST_HANDLER_SECRET_LOG_KEYS,
  // Kubernetes kills 30 s after SIGTERM; a request in hand finishes well within.
  shutdownTimeoutMs: 25_000,
  start: (config, logger) => startRequestHandler(config, { logger }),
});
