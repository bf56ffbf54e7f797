import type { z } from 'zod';
import type { Result } from '@status-communities/errors';
import type { ConfigError } from './config-error.js';
import { defineEnvConfig } from './env-config.js';
import { DEFAULT_HEALTH_PORT, sharedVariables } from './shared-config.js';
import type { SharedVariables } from './shared-config.js';

export interface ServiceConfigDefinition<V extends z.ZodRawShape> {
  readonly serviceName: string;
  /** Default for HEALTH_PORT (DEFAULT_HEALTH_PORT when omitted). */
  readonly healthPort?: number;
  /** The service's own variables, built with the env* helpers; they may also override a shared one. */
  readonly variables?: V;
  /** Variables whose values must never be printed (keys, tokens); `describe` hides them. */
  readonly secrets?: readonly (keyof V & string)[];
}

export type ServiceConfig<V extends z.ZodRawShape> = z.output<
  z.ZodObject<Omit<SharedVariables, keyof V> & V>
>;

export interface ServiceConfigLoader<V extends z.ZodRawShape> {
  /** Every variable the service reads, shared ones included. */
  readonly variableNames: readonly string[];
  /** Reads the variables from `env`; an empty value counts as unset. */
  parse(env: NodeJS.ProcessEnv): Result<ServiceConfig<V>, ConfigError>;
  /** `parse(process.env)` for start-up: throws the ConfigError that names every bad variable. */
  load(env?: NodeJS.ProcessEnv): ServiceConfig<V>;
  /** A copy safe to log: secrets replaced, passwords in URLs masked. */
  describe(config: ServiceConfig<V>): Record<string, unknown>;
}

/** One typed, validated configuration for a service: the shared variables plus its own. */
export const defineServiceConfig = <V extends z.ZodRawShape = Record<never, never>>(
  definition: ServiceConfigDefinition<V>,
): ServiceConfigLoader<V> => {
  const variables: z.ZodRawShape = {
    ...sharedVariables(definition.serviceName, definition.healthPort ?? DEFAULT_HEALTH_PORT),
    ...definition.variables,
  };
  const loader = defineEnvConfig<z.ZodRawShape>({
    name: definition.serviceName,
    variables,
    ...(definition.secrets && { secrets: definition.secrets }),
  });
  // The spread is typed loosely; ServiceConfig says the service's own variables win, as they do.
  return loader as unknown as ServiceConfigLoader<V>;
};
