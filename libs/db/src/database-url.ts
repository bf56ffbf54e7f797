import pg from 'pg';
import { ErrorCode, StatusError } from '@status-communities/errors';

/** The local development database (trust auth, user postgres), used when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/status_communities';

export const databaseUrlFromEnv = (env: NodeJS.ProcessEnv = process.env): string =>
  env['DATABASE_URL'] || DEFAULT_DATABASE_URL;

/** The URL without its password, for logs and errors. */
export const redactDatabaseUrl = (url: string): string => {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
};

export const databaseNameOf = (url: string): string => {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (name === '') {
    throw new StatusError(ErrorCode.BAD_USER_INPUT, 'the database URL names no database', {
      url: redactDatabaseUrl(url),
    });
  }
  return name;
};

/** The same server and credentials, another database. */
export const withDatabaseName = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
};

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

// CREATE/DROP DATABASE cannot run inside the target database, so they go through the maintenance one.
export const withMaintenanceClient = async <T>(
  url: string,
  run: (client: pg.Client) => Promise<T>,
): Promise<T> => {
  const client = new pg.Client({ connectionString: withDatabaseName(url, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

/** Creates the database of `url` as a copy of `template` (a database on the same server nobody is connected to). */
export const cloneDatabase = (template: string, url: string): Promise<void> =>
  withMaintenanceClient(url, async (client) => {
    await client.query(
      `CREATE DATABASE ${quoteIdentifier(databaseNameOf(url))} TEMPLATE ${quoteIdentifier(template)}`,
    );
  });

export const renameDatabase = (url: string, newName: string): Promise<void> =>
  withMaintenanceClient(url, async (client) => {
    await client.query(
      `ALTER DATABASE ${quoteIdentifier(databaseNameOf(url))} RENAME TO ${quoteIdentifier(newName)}`,
    );
  });

export const databaseExists = (url: string): Promise<boolean> =>
  withMaintenanceClient(url, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      databaseNameOf(url),
    ]);
    return existing.rowCount === 1;
  });

/** Creates the database of `url` unless it exists; true when it was created. Safe to race. */
export const ensureDatabase = (url: string): Promise<boolean> => {
  const name = databaseNameOf(url);
  return withMaintenanceClient(url, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return true;
    } catch (error) {
      // Another process created it between the check and the CREATE.
      const code = (error as { code?: unknown }).code;
      if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  });
};

/** Drops the database of `url`, closing whatever connections are still open on it. */
export const dropDatabase = (url: string): Promise<void> => {
  const name = databaseNameOf(url);
  return withMaintenanceClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
};
