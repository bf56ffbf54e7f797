import type { DbClient } from './audit-log.js';

/**
 * What code written in plain SQL asks of PostgreSQL, so that it serves pg and Prisma callers alike: a pg pool
 * or client answers it as it is, a Prisma client or transaction through `prismaSql`.
 */
export interface SqlQuery {
  query(text: string, values: unknown[]): Promise<{ readonly rows: readonly unknown[] }>;
}

/** A Prisma client or transaction as a SqlQuery. */
export const prismaSql = (db: DbClient): SqlQuery => ({
  query: async (text, values) => ({ rows: await db.$queryRawUnsafe<unknown[]>(text, ...values) }),
});
