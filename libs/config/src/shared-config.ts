import { envEnum, envPort, envRedisUrl, envString, envUrl } from './env-vars.js';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/status_communities';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_HEALTH_PORT = 9090;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The variables every service reads; defaults suit local development (docker-compose's Redis and Postgres). */
export const sharedVariables = (serviceName: string, healthPort: number) => ({
  /** Names the service in logs and metrics; defaults to the service's own name. */
  SERVICE_NAME: envString(serviceName),
  LOG_LEVEL: envEnum(LOG_LEVELS, 'info'),
  DATABASE_URL: envUrl(['postgres', 'postgresql'], DEFAULT_DATABASE_URL),
  /** One server (`redis://`) or a Redis Cluster's seed nodes (`redis+cluster://host:port,…`). */
  REDIS_URL: envRedisUrl(DEFAULT_REDIS_URL),
  /** /healthz, /readyz and /metrics. Services on one machine need different ones, so each names its default. */
  HEALTH_PORT: envPort(healthPort),
});

export type SharedVariables = ReturnType<typeof sharedVariables>;
