#!/usr/bin/env node
import { createGracefulShutdown, createLogger } from '@status-communities/observability';
import { describeGatewayConfig, parseGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

/** Kubernetes kills 30 s after SIGTERM; an outbound job in hand and the last archive batch fit well within. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

const parsed = parseGatewayConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`${parsed.error.message}\n`);
  process.exit(1);
}
const config = parsed.value;
const logger = createLogger({ serviceName: config.SERVICE_NAME, level: config.LOG_LEVEL });
logger.info({ config: describeGatewayConfig(config) }, 'starting waku gateway');

const shutdown = createGracefulShutdown({ logger, timeoutMs: SHUTDOWN_TIMEOUT_MS });
try {
  const gateway = await startGateway(config, { logger });
  // Drains workers, queued inbound messages and archive rows before the connections close.
  shutdown.add('waku gateway', () => gateway.stop());
} catch (error) {
  logger.fatal({ err: error }, 'waku gateway did not start');
  shutdown.dispose();
  process.exit(1);
}
