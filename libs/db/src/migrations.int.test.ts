import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ErrorCode, isStatusError } from '@status-communities/errors';
import { DEFAULT_DATABASE_URL, dropDatabase, withDatabaseName } from './database-url.js';
import {
  MIGRATIONS_DIR,
  SCHEMA_PATH,
  SNAPSHOT_FILE,
  createMigration,
  migrateDatabase,
} from './migrations.js';

const serverUrl = process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL;
const created: string[] = [];
const freshUrl = (): string => {
  const url = withDatabaseName(serverUrl, `sc_test_migrations_${randomBytes(6).toString('hex')}`);
  created.push(url);
  return url;
};

const query = async <T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
};

const committedMigrations = async (): Promise<string[]> =>
  (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'sc-migrations-'));
});
afterAll(async () => {
  await Promise.all(created.map(dropDatabase));
  await rm(workDir, { recursive: true, force: true });
});

/** A scratch copy of prisma/ so `createMigration` can write without touching the repository. */
const scratchPrisma = async (label: string): Promise<{ schemaPath: string; migrationsDir: string }> => {
  const dir = join(workDir, label);
  await cp(MIGRATIONS_DIR, join(dir, 'migrations'), { recursive: true });
  await cp(SCHEMA_PATH, join(dir, 'schema.prisma'));
  return { schemaPath: join(dir, 'schema.prisma'), migrationsDir: join(dir, 'migrations') };
};

describe('migrateDatabase (deploy)', () => {
  it('creates the database and applies every migration, recorded as prisma migrate deploy records it', async () => {
    const url = freshUrl();
    const names = await committedMigrations();

    const report = await migrateDatabase(url);

    expect(report).toEqual({ databaseCreated: true, applied: names });
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      url,
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    // The CLI compares this checksum with the file on a connected machine: it must be the file's sha256.
    const expected = await Promise.all(
      names.map(async (name) => ({
        migration_name: name,
        checksum: createHash('sha256')
          .update(await readFile(join(MIGRATIONS_DIR, name, 'migration.sql')))
          .digest('hex'),
        finished_at: expect.any(Date),
        rolled_back_at: null,
      })),
    );
    expect(rows).toEqual(expected);
  });

  it('is a no-op when run again', async () => {
    const url = freshUrl();
    await migrateDatabase(url);

    expect(await migrateDatabase(url)).toEqual({ databaseCreated: false, applied: [] });
    const [row] = await query<{ count: string }>(url, 'SELECT count(*) FROM _prisma_migrations');
    expect(Number(row?.count)).toBe((await committedMigrations()).length);
  });

  it('applies each migration once when two deploys race', async () => {
    const url = freshUrl();

    const reports = await Promise.all([migrateDatabase(url), migrateDatabase(url)]);

    expect(reports.flatMap((report) => report.applied).sort()).toEqual(await committedMigrations());
  });
});

describe('createMigration (dev)', () => {
  it('finds schema.prisma and the committed migrations in agreement', async () => {
    const scratch = await scratchPrisma('agreement');

    expect(await createMigration('pending', scratch)).toBeNull();
    expect(await readdir(scratch.migrationsDir)).toEqual(await readdir(MIGRATIONS_DIR));
  });

  it('writes the SQL and snapshot of a schema change, which deploy then applies', async () => {
    const scratch = await scratchPrisma('change');
    const schema = await readFile(scratch.schemaPath, 'utf8');
    const changed = schema.replace('  name       String\n', '  name       String\n  note       String?\n');
    expect(changed).not.toBe(schema);
    await writeFile(scratch.schemaPath, changed);

    const migration = await createMigration('tenant_note', {
      ...scratch,
      now: new Date('2100-01-02T03:04:05Z'),
    });

    expect(migration?.name).toBe('21000102030405_tenant_note');
    expect(migration?.sql).toContain('ALTER TABLE "tenants" ADD COLUMN     "note" TEXT;');
    expect(await readdir(join(scratch.migrationsDir, '21000102030405_tenant_note'))).toEqual([
      'migration.sql',
      SNAPSHOT_FILE,
    ]);
    expect(await createMigration('again', scratch)).toBeNull();

    const url = freshUrl();
    const report = await migrateDatabase(url, { migrationsDir: scratch.migrationsDir });
    expect(report.applied.at(-1)).toBe('21000102030405_tenant_note');
    expect(await query(url, "SELECT note FROM tenants WHERE slug = 'none'")).toEqual([]);
  });

  it('starts from an empty schema in an empty folder, with the lock file the CLI expects', async () => {
    const migrationsDir = join(workDir, 'empty', 'migrations');

    const migration = await createMigration('init', { schemaPath: SCHEMA_PATH, migrationsDir });

    expect(migration?.sql).toContain('CREATE TABLE "communities"');
    expect(await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );
  });

  it('refuses to diff from a migration that has no schema snapshot', async () => {
    const scratch = await scratchPrisma('no-snapshot');
    const [last] = (await readdir(scratch.migrationsDir))
      .filter((name) => name !== 'migration_lock.toml')
      .reverse();
    await rm(join(scratch.migrationsDir, last ?? '', SNAPSHOT_FILE));

    const error = await createMigration('next', scratch).catch((e: unknown) => e);

    expect(isStatusError(error) && error.code).toBe(ErrorCode.CONFLICT);
  });

  it('refuses names the Prisma CLI would not produce', async () => {
    const error = await createMigration('Add Things', { migrationsDir: join(workDir, 'unused') }).catch(
      (e: unknown) => e,
    );

    expect(isStatusError(error) && error.code).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
