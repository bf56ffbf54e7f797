import { ErrorCode, StatusError } from '@status-communities/errors';
import { Redis } from 'ioredis';
import pg from 'pg';

/** PostgreSQL's "database does not exist": the server answers, and the migration creates the database. */
const UNDEFINED_DATABASE = '3D000';

export const START_DEPENDENCIES_HINT = 'docker compose up -d redis postgres';

export interface Unreachable {
  readonly dependency: 'Redis' | 'PostgreSQL';
  readonly variable: 'REDIS_URL' | 'DATABASE_URL';
  readonly reason: string;
}

/** Redis or PostgreSQL did not answer; the message says how to start them. */
export class DependencyUnavailableError extends StatusError {
  constructor(readonly unreachable: readonly Unreachable[]) {
    super(
      ErrorCode.INVALID_CONFIG,
      [
        ...unreachable.map(
          ({ dependency, variable, reason }) => `${dependency} does not answer (${variable}): ${reason}`,
        ),
        `Start them with \`${START_DEPENDENCIES_HINT}\`, or point ${unreachable.map((item) => item.variable).join(' and ')} at yours.`,
      ].join('\n'),
      { unreachable },
    );
  }
}

const reasonOf = (error: unknown): string => {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message.length > 0 ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${code} ${text}` : text;
};

const redact = (url: string): string => {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
};

/** Undefined when Redis answers PING at `url`, else why not. */
export const checkRedis = async (url: string, timeoutMs: number): Promise<string | undefined> => {
  // One attempt, no reconnects: the question is only whether something answers now.
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return `${redact(url)}: ${reasonOf(error)}`;
  } finally {
    redis.disconnect();
  }
};

/** Undefined when PostgreSQL accepts a connection for `url`, else why not. */
export const checkPostgres = async (url: string, timeoutMs: number): Promise<string | undefined> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNDEFINED_DATABASE) return undefined;
    return `${redact(url)}: ${reasonOf(error)}`;
  } finally {
    await client.end().catch(() => {});
  }
};

/** Throws DependencyUnavailableError naming every one of the two that does not answer. */
export const checkDependencies = async (
  urls: { readonly redisUrl: string; readonly databaseUrl: string },
  timeoutMs = 3_000,
): Promise<void> => {
  const [redis, postgres] = await Promise.all([
    checkRedis(urls.redisUrl, timeoutMs),
    checkPostgres(urls.databaseUrl, timeoutMs),
  ]);
  const unreachable: Unreachable[] = [
    ...(redis === undefined ? [] : [{ dependency: 'Redis', variable: 'REDIS_URL', reason: redis } as const]),
    ...(postgres === undefined
      ? []
      : [{ dependency: 'PostgreSQL', variable: 'DATABASE_URL', reason: postgres } as const]),
  ];
  if (unreachable.length > 0) throw new DependencyUnavailableError(unreachable);
};
