import { err, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import type { ConfigProblem } from './config-error.js';
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

const REDACTED = '[redacted]';

const maskUrlPassword = (value: string): string => {
  if (!URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.password === '') return value;
  // `***` survives URL encoding, so the masked URL stays readable.
  url.password = '***';
  return url.toString();
};

const problemsOf = (issues: readonly z.core.$ZodIssue[], env: NodeJS.ProcessEnv): ConfigProblem[] => {
  const byVariable = new Map<string, string[]>();
  for (const issue of issues) {
    const [variable, ...rest] = issue.path.map(String);
    if (variable === undefined) continue;
    const unset = env[variable] === undefined || env[variable] === '';
    const problem = unset
      ? 'is required but not set'
      : rest.length > 0
        ? `item ${Number(rest[0]) + 1} of the list: ${issue.message}`
        : issue.message;
    byVariable.set(variable, [...(byVariable.get(variable) ?? []), problem]);
  }
  return [...byVariable].map(([variable, problems]) => ({
    variable,
    problem: [...new Set(problems)].join('; '),
  }));
};

/** One typed, validated configuration for a service: the shared variables plus its own. */
export const defineServiceConfig = <V extends z.ZodRawShape = Record<never, never>>(
  definition: ServiceConfigDefinition<V>,
): ServiceConfigLoader<V> => {
  const schema = z.object({
    ...sharedVariables(definition.serviceName, definition.healthPort ?? DEFAULT_HEALTH_PORT),
    ...definition.variables,
  });
  const variableNames = Object.keys(schema.shape);
  const secrets = new Set<string>(definition.secrets ?? []);

  const parse = (env: NodeJS.ProcessEnv): Result<ServiceConfig<V>, ConfigError> => {
    // Only the service's variables, and `FOO=` (as compose files often pass) means unset.
    const input = Object.fromEntries(
      variableNames.map((name) => [name, env[name] === '' ? undefined : env[name]]),
    );
    const parsed = schema.safeParse(input);
    // zod types the spread as shared & own; ServiceConfig says the service's own variables win, as they do.
    if (parsed.success) return ok(parsed.data as unknown as ServiceConfig<V>);
    return err(new ConfigError(definition.serviceName, problemsOf(parsed.error.issues, env)));
  };

  return {
    variableNames,
    parse,
    load: (env = process.env) => {
      const result = parse(env);
      if (!result.ok) throw result.error;
      return result.value;
    },
    describe: (config) =>
      Object.fromEntries(
        Object.entries(config).map(([name, value]) => [
          name,
          secrets.has(name) ? REDACTED : typeof value === 'string' ? maskUrlPassword(value) : value,
        ]),
      ),
  };
};
