import { afterAll, describe, expect, it } from '@jest/globals';
import { createPrismaClient } from './client.js';
import { databaseNameOf } from './database-url.js';
import type { PrismaClient } from './gen/prisma/client.js';
import { postgresReadiness } from './readiness.js';
import { createTestDatabase } from './testing/index.js';
import type { TestDatabase } from './testing/index.js';

const opened: TestDatabase[] = [];
const clients: PrismaClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
  await Promise.all(opened.map((db) => db.drop()));
});

describe('the postgres readiness check', () => {
  it('passes on a primary that takes writes', async () => {
    const db = await createTestDatabase();
    opened.push(db);
    expect(await postgresReadiness(db.prisma)).toBe(true);
  });

  it('fails where every transaction is read-only, though SELECT 1 answers', async () => {
    const db = await createTestDatabase();
    opened.push(db);
    // What a managed PostgreSQL does when its storage is full; new sessions take it up.
    await db.prisma.$executeRawUnsafe(
      `ALTER DATABASE "${databaseNameOf(db.url)}" SET default_transaction_read_only = on`,
    );
    const readOnly = createPrismaClient(db.url);
    clients.push(readOnly);
    expect(await readOnly.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    expect(await postgresReadiness(readOnly)).toEqual({
      ok: false,
      details: { problem: 'transactions are read-only' },
    });
  });
});
