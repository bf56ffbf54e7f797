import { randomBytes } from 'node:crypto';
import { createPrismaClient } from '../client.js';
import { DEFAULT_DATABASE_URL, dropDatabase, withDatabaseName } from '../database-url.js';
import type { PrismaClient } from '../gen/prisma/client.js';
import { migrateDatabase } from '../migrations.js';

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

/**
 * A fresh, uniquely named database on the real PostgreSQL with every migration applied. Each suite gets
 * its own, so suites run in parallel without seeing each other's rows.
 */
export const createTestDatabase = async (options: TestDatabaseOptions = {}): Promise<TestDatabase> => {
  const serverUrl =
    options.serverUrl ||
    process.env['TEST_DATABASE_URL'] ||
    process.env['DATABASE_URL'] ||
    DEFAULT_DATABASE_URL;
  const name = `sc_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = withDatabaseName(serverUrl, name);
  try {
    await migrateDatabase(url);
  } catch (error) {
    await dropDatabase(url);
    throw error;
  }
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
