import type { PrismaClient } from './gen/prisma/client.js';

/** A readiness verdict in the shape libs/observability's checks report. */
export type PostgresReadiness = true | { readonly ok: false; readonly details: Record<string, unknown> };

/**
 * The `postgres` readiness check of a service that writes. `SELECT 1` answers on a server that refuses every
 * write, so this also fails when DATABASE_URL reaches a standby (a replica, or the old primary after a
 * failover) or a server that makes transactions read-only (default_transaction_read_only, which managed
 * PostgreSQL services set when storage runs out): every write of the service would fail while it looked ready.
 */
export const postgresReadiness = async (
  prisma: Pick<PrismaClient, '$queryRaw'>,
): Promise<PostgresReadiness> => {
  const [row] = await prisma.$queryRaw<{ standby: boolean; readOnly: string }[]>`
    SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') AS "readOnly"`;
  if (row === undefined) return { ok: false, details: { problem: 'no answer' } };
  if (row.standby) return { ok: false, details: { problem: 'DATABASE_URL is a standby (read-only)' } };
  if (row.readOnly === 'on') return { ok: false, details: { problem: 'transactions are read-only' } };
  return true;
};
