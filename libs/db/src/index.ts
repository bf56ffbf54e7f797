export { createPrismaClient, type PoolOptions } from './client.js';
export {
  DEFAULT_DATABASE_URL,
  databaseNameOf,
  databaseUrlFromEnv,
  dropDatabase,
  ensureDatabase,
  redactDatabaseUrl,
  withDatabaseName,
} from './database-url.js';
export {
  MIGRATIONS_DIR,
  PRISMA_DIR,
  SCHEMA_PATH,
  SNAPSHOT_FILE,
  createMigration,
  migrateDatabase,
  type CreateMigrationOptions,
  type CreatedMigration,
  type MigrateOptions,
  type MigrateReport,
} from './migrations.js';
export { type AuditRecord, type DbClient, writeAudit, writeAudits } from './audit-log.js';
export { type SqlQuery, prismaSql } from './sql-query.js';
export { lockHostedCommunityRow } from './hosted-community.js';
export { type PostgresReadiness, postgresReadiness } from './readiness.js';
export { type MembershipDay, rollUpMembership } from './member-rollup.js';
export * from './gen/prisma/client.js';
