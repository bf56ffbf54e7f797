import { z } from 'zod';
import { err, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { ConfigError } from './config-error.js';
import type { ConfigProblem } from './config-error.js';

export interface EnvConfigDefinition<V extends z.ZodRawShape> {
  /** Names the program in error messages. */
  readonly name: string;
  /** Its variables, built with the env* helpers. */
  readonly variables: V;
  /** Variables whose values must never be printed (keys, tokens); `describe` hides them. */
  readonly secrets?: readonly (keyof V & string)[];
}

export type EnvConfig<V extends z.ZodRawShape> = z.output<z.ZodObject<V>>;

export interface EnvConfigLoader<V extends z.ZodRawShape> {
  /** Every variable the program reads. */
  readonly variableNames: readonly string[];
  /** Reads the variables from `env`; an empty value counts as unset. */
  parse(env: NodeJS.ProcessEnv): Result<EnvConfig<V>, ConfigError>;
  /** `parse(process.env)` for start-up: throws the ConfigError that names every bad variable. */
  load(env?: NodeJS.ProcessEnv): EnvConfig<V>;
  /** A copy safe to log: secrets replaced, passwords in URLs masked. */
  describe(config: EnvConfig<V>): Record<string, unknown>;
}

const REDACTED = '[redacted]';

// The userinfo of a URL the WHATWG parser refuses (a redis+cluster:// list of nodes): `user:password@`.
const OPAQUE_URL_PASSWORD = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^:@/]*:)[^@/]+@/;

const maskUrlPassword = (value: string): string => {
  if (!URL.canParse(value)) return value.replace(OPAQUE_URL_PASSWORD, '$1***@');
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

/** One typed, validated configuration read from environment variables, for any program. */
export const defineEnvConfig = <V extends z.ZodRawShape>(
  definition: EnvConfigDefinition<V>,
): EnvConfigLoader<V> => {
  const schema = z.object(definition.variables);
  const variableNames = Object.keys(schema.shape);
  const secrets = new Set<string>(definition.secrets ?? []);

  const parse = (env: NodeJS.ProcessEnv): Result<EnvConfig<V>, ConfigError> => {
    // Only the program's variables, and `FOO=` (as compose files often pass) means unset.
    const input = Object.fromEntries(
      variableNames.map((name) => [name, env[name] === '' ? undefined : env[name]]),
    );
    const parsed = schema.safeParse(input);
    if (parsed.success) return ok(parsed.data);
    return err(new ConfigError(definition.name, problemsOf(parsed.error.issues, env)));
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
