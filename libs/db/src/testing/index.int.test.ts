import { readdir } from 'node:fs/promises';
import { afterAll, describe, expect, it } from '@jest/globals';
import { databaseExists } from '../database-url.js';
import { MIGRATIONS_DIR, migrateDatabase } from '../migrations.js';
import { createTestDatabase, type TestDatabase } from './index.js';

const opened: TestDatabase[] = [];
afterAll(() => Promise.all(opened.map((db) => db.drop())));

const open = async (): Promise<TestDatabase> => {
  const db = await createTestDatabase();
  opened.push(db);
  return db;
};

describe('createTestDatabase', () => {
  it('gives each caller its own database with every migration applied', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const migrations = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) =>
      e.isDirectory(),
    );

    expect(a.url).not.toBe(b.url);
    const applied = await a.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(applied.map((row) => row.migration_name)).toEqual(migrations.map((e) => e.name).sort());
    expect(await migrateDatabase(a.url)).toEqual({ databaseCreated: false, applied: [] });

    await a.prisma.tenant.create({ data: { name: 'A', slug: 'a' } });
    expect(await b.prisma.tenant.count()).toBe(0);
  });

  it('drops the database, also when called twice', async () => {
    const db = await open();

    await Promise.all([db.drop(), db.drop()]);

    expect(await databaseExists(db.url)).toBe(false);
  });
});
