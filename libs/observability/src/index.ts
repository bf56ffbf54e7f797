export type { Logger } from 'pino';
export { type LoggerOptions, createLogger, newCorrelationId, withCorrelation } from './logger.js';
export { REDACTED, SECRET_KEYS, createSecretScrubber } from './redaction.js';
export { type Metrics, type MetricsOptions, createMetrics } from './metrics.js';
export {
  type CheckOutcome,
  type CheckResult,
  DEFAULT_CHECK_TIMEOUT_MS,
  type Readiness,
  type ReadinessCheck,
  type ReadinessReport,
  createReadiness,
} from './readiness.js';
export { type HealthServer, type HealthServerOptions, startHealthServer } from './health-server.js';
export {
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  type GracefulShutdown,
  type GracefulShutdownOptions,
  createGracefulShutdown,
} from './graceful-shutdown.js';
export { TIMED_OUT, raceTimeout } from './race-timeout.js';
export { type RunningService, type ServiceBasics, type ServiceProgram, runService } from './run-service.js';
export { type StopStep, stopSteps } from './stop-step.js';
export {
  type ServiceHandle,
  type ServiceOptions,
  type ServiceScope,
  startService,
} from './service-kernel.js';
