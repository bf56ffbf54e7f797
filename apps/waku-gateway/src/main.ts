#!/usr/bin/env node
import { runService } from '@status-communities/observability';
import { describeGatewayConfig, parseGatewayConfig } from './config.js';
import { startGateway } from './service.js';

await runService({
  name: 'waku gateway',
  config: parseGatewayConfig(process.env),
  describeConfig: describeGatewayConfig,
  // Kubernetes kills 30 s after SIGTERM; an outbound job in hand and the last archive batch fit well within.
  shutdownTimeoutMs: 25_000,
  // Stopping drains workers, queued inbound messages and archive rows before the connections close.
  start: (config, logger) => startGateway(config, { logger }),
});
