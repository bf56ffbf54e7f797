import type { DbClient } from './audit-log.js';

/**
 * A Prisma client or transaction as a plain `query(text, values)` connection, for code written in SQL that
 * serves both Prisma and pg callers (the event outbox of libs/queue).
 */
export const prismaSql = (db: DbClient) => ({
  query: async (text: string, values: unknown[]): Promise<{ readonly rows: readonly unknown[] }> => ({
    rows: await db.$queryRawUnsafe<unknown[]>(text, ...values),
  }),
});
