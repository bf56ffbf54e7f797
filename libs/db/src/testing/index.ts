import { randomBytes } from 'node:crypto';
import { createPrismaClient } from '../client.js';
import {
  DEFAULT_DATABASE_URL,
  cloneDatabase,
  databaseExists,
  dropDatabase,
  renameDatabase,
  withDatabaseName,
  withMaintenanceClient,
} from '../database-url.js';
import type { PrismaClient } from '../gen/prisma/client.js';
import { migrateDatabase, migrationsFingerprint } from '../migrations.js';

export interface TestDatabase {
  /** Connection URL of the new database, for services under test. */
  readonly url: string;
  readonly prisma: PrismaClient;
  /** Disconnects `prisma` and drops the database; safe to call twice. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Any database URL on the server to use; defaults to TEST_DATABASE_URL, DATABASE_URL, then localhost. */
  readonly serverUrl?: string;
}

// Any fixed key: every process takes it on the maintenance database, so template builds run one at a time.
const TEMPLATE_LOCK_ID = 0x5343_5450;

const randomSuffix = (): string => randomBytes(4).toString('hex');

/**
 * The name of a database with every migration applied, built once per migration history and server.
 * Copying it takes a fraction of applying the migrations again for every suite.
 */
const migratedTemplate = async (serverUrl: string): Promise<string> => {
  const template = `sc_template_${(await migrationsFingerprint()).slice(0, 16)}`;
  if (await databaseExists(withDatabaseName(serverUrl, template))) return template;
  await withMaintenanceClient(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_ID]);
    try {
      if (await databaseExists(withDatabaseName(serverUrl, template))) return;
      // Built under another name and renamed when complete, so a crash never leaves a half-migrated template.
      const staging = withDatabaseName(serverUrl, `${template}_${randomSuffix()}`);
      try {
        await migrateDatabase(staging);
        await renameDatabase(staging, template);
      } catch (error) {
        await dropDatabase(staging);
        throw error;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_ID]);
    }
  });
  return template;
};

/**
 * A fresh, uniquely named database on the real PostgreSQL with every migration applied (a copy of a
 * migrated template). Each suite gets its own, so suites run in parallel without seeing each other's rows.
 */
export const createTestDatabase = async (options: TestDatabaseOptions = {}): Promise<TestDatabase> => {
  const serverUrl =
    options.serverUrl ||
    process.env['TEST_DATABASE_URL'] ||
    process.env['DATABASE_URL'] ||
    DEFAULT_DATABASE_URL;
  const url = withDatabaseName(serverUrl, `sc_test_${Date.now().toString(36)}_${randomSuffix()}`);
  await cloneDatabase(await migratedTemplate(serverUrl), url);
  const prisma = createPrismaClient(url);
  let dropped: Promise<void> | undefined;
  return {
    url,
    prisma,
    drop: () =>
      (dropped ??= (async () => {
        await prisma.$disconnect();
        await dropDatabase(url);
      })()),
  };
};
