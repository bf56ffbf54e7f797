import { z } from 'zod';
import { REDIS_URL_RULE, parseRedisUrl } from './redis-url.js';

/**
 * Schemas for single environment variables. Each takes the raw string (or undefined when unset or empty) and
 * yields a typed value; passing `defaultValue` makes the variable optional.
 */

const withDefault = <S extends z.ZodType>(schema: S, defaultValue: z.output<S> | undefined) =>
  defaultValue === undefined ? schema : schema.default(defaultValue as never);

const integerText = z
  .string()
  .regex(/^-?[0-9]+$/, 'must be an integer')
  .transform(Number);

export const envString = (defaultValue?: string) => withDefault(z.string().min(1), defaultValue);

/** A string matching `pattern`; `rule` says what the pattern allows when a value does not match. */
export const envMatching = (pattern: RegExp, rule: string, defaultValue?: string) =>
  withDefault(z.string().regex(pattern, rule), defaultValue);

export const envInteger = (options: { min?: number; max?: number; defaultValue?: number } = {}) =>
  withDefault(
    integerText.pipe(
      z
        .int()
        .min(options.min ?? Number.MIN_SAFE_INTEGER, `must be at least ${options.min}`)
        .max(options.max ?? Number.MAX_SAFE_INTEGER, `must be at most ${options.max}`),
    ),
    options.defaultValue,
  );

/** A TCP port; 0 lets the system pick one (tests). */
export const envPort = (defaultValue?: number) =>
  withDefault(
    integerText.pipe(
      z.int().min(0, 'must be a port from 0 to 65535').max(65535, 'must be a port from 0 to 65535'),
    ),
    defaultValue,
  );

/** `true/false`, `1/0`, `yes/no`, `on/off`. */
export const envBoolean = (defaultValue?: boolean) =>
  withDefault(z.stringbool({ error: 'must be true or false' }), defaultValue);

/** A URL whose scheme is one of `protocols` (without `:`). */
export const envUrl = (protocols: readonly string[], defaultValue?: string) =>
  withDefault(
    z.url({
      protocol: new RegExp(`^(?:${protocols.join('|')})$`),
      error: `must be a ${protocols.map((protocol) => `${protocol}://`).join(' or ')} URL`,
    }),
    defaultValue,
  );

/** A single Redis server's URL or a Redis Cluster's seed nodes (see redis-url.ts). */
export const envRedisUrl = (defaultValue?: string) =>
  withDefault(
    z.string().refine((text) => parseRedisUrl(text) !== undefined, { error: REDIS_URL_RULE }),
    defaultValue,
  );

/** One of fixed values. */
export const envEnum = <const T extends readonly [string, ...string[]]>(
  values: T,
  defaultValue?: T[number],
) => withDefault(z.enum(values, { error: `must be one of ${values.join(', ')}` }), defaultValue);

/** A comma-separated list (spaces around items ignored, empty items dropped), each item checked by `item`. */
export const envList = <S extends z.ZodType>(item: S, defaultValue?: z.output<S>[]) =>
  withDefault(
    z.string().transform((text, context) => {
      const parts = text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0);
      const values: z.output<S>[] = [];
      parts.forEach((part, index) => {
        const parsed = item.safeParse(part);
        if (parsed.success) values.push(parsed.data);
        else
          for (const issue of parsed.error.issues)
            context.addIssue({ ...issue, path: [index, ...issue.path] });
      });
      return values;
    }),
    defaultValue,
  );
