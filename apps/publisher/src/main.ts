#!/usr/bin/env node
import { runService } from '@status-communities/observability';
import { describePublisherConfig, parsePublisherConfig } from './config.js';
import { PUBLISHER_SECRET_LOG_KEYS, startPublisher } from './service.js';

await runService({
  name: 'publisher',
  config: parsePublisherConfig(process.env),
  describeConfig: describePublisherConfig,
  secretKeys: PUBLISHER_SECRET_LOG_KEYS,
  // Kubernetes kills 30 s after SIGTERM; a publish or command in hand finishes well within.
  shutdownTimeoutMs: 25_000,
  start: (config, logger) => startPublisher(config, { logger }),
});
