import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import pg from 'pg';
import { parseRedisUrl } from '@status-communities/config';
import { ErrorCode, StatusError } from '@status-communities/errors';

/** PostgreSQL's "database does not exist": the server answers, and the migration creates the database. */
const UNDEFINED_DATABASE = '3D000';

const REDIS_DEFAULT_PORT = 6379;

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
  // A redis+cluster:// URL names several nodes, which the WHATWG parser refuses: mask its userinfo by hand.
  if (!URL.canParse(url)) return url.replace(/^([^:]+:\/\/[^:@/]*:)[^@/]+@/, '$1***@');
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
};

/** The server to PING: the one of a redis:// URL, the first seed node of a redis+cluster:// one. */
const redisEndpoint = (url: string): { host: string; port: number; tls: boolean } => {
  const target = parseRedisUrl(url);
  if (target?.kind === 'cluster') {
    const [first] = target.nodes;
    if (first !== undefined) return { host: first.host, port: first.port, tls: target.tls };
  }
  const { hostname, port, protocol } = new URL(url);
  return {
    host: hostname.replace(/^\[|\]$/g, ''),
    port: Number(port || REDIS_DEFAULT_PORT),
    tls: protocol === 'rediss:',
  };
};

/**
 * Undefined when something at `url` answers PING as Redis does (`+PONG`, or `-NOAUTH` when it wants a password:
 * it answers), else why not. A bare socket, not a client: nothing reconnects or lingers after the answer.
 */
export const checkRedis = (url: string, timeoutMs: number): Promise<string | undefined> => {
  const { host, port, tls } = redisEndpoint(url);
  const options = { host, port };
  const socket = tls ? tlsConnect({ ...options, servername: host }) : netConnect(options);
  return new Promise((resolve) => {
    const finish = (reason: string | undefined): void => {
      socket.destroy();
      resolve(reason === undefined ? undefined : `${redact(url)}: ${reason}`);
    };
    socket.setTimeout(timeoutMs, () => finish(`no answer within ${timeoutMs} ms`));
    socket.once('error', (error) => finish(reasonOf(error)));
    socket.once(tls ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
    socket.once('data', (data: Buffer) => {
      const reply = data.toString('latin1');
      finish(
        /^(\+PONG|-NOAUTH)/.test(reply)
          ? undefined
          : `answered ${JSON.stringify(reply.trim())}, not as Redis`,
      );
    });
  });
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
