export { type ConfigProblem, ConfigError } from './config-error.js';
export {
  envBoolean,
  envEnum,
  envInteger,
  envList,
  envMatching,
  envPort,
  envRedisUrl,
  envString,
  envUrl,
} from './env-vars.js';
export {
  DEFAULT_DATABASE_URL,
  DEFAULT_HEALTH_PORT,
  DEFAULT_REDIS_URL,
  LOG_LEVELS,
  type SharedVariables,
  sharedVariables,
} from './shared-config.js';
export {
  type EnvConfig,
  type EnvConfigDefinition,
  type EnvConfigLoader,
  defineEnvConfig,
} from './env-config.js';
export {
  type ServiceConfig,
  type ServiceConfigDefinition,
  type ServiceConfigLoader,
  defineServiceConfig,
} from './service-config.js';
export { REDIS_URL_RULE, type RedisTarget, parseRedisUrl } from './redis-url.js';
export {
  SERVICES,
  SERVICE_SECRET_KEYS,
  type ServiceEntry,
  type ServiceName,
  serviceByName,
} from './services.js';
