import type { Result } from '@status-communities/errors';
import type { Prisma, PrismaClient } from './gen/prisma/client.js';

/** A client or an open transaction: an audit row is written in the transaction of the change it records. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

export interface AuditRecord {
  readonly tenantId: string | null;
  /** An API key, `scheduler`, the requester's key for requests, `policy` for automatic decisions. */
  readonly actor: string;
  /** The API key that asked, when one did (api mutations, keyring operations on their behalf). */
  readonly apiKeyId?: string | null;
  /** e.g. `community.create`, `request.accept`, `member.ban`. */
  readonly action: string;
  readonly communityId: string | null;
  /** What was asked, without secrets. */
  readonly input: Prisma.InputJsonObject;
  /** Done, or the code of the reason it was not (an ErrorCode, or the API's GraphQL error code). */
  readonly result: Result<unknown, { readonly code: string }>;
}

const auditRow = (record: AuditRecord) => ({
  tenantId: record.tenantId,
  apiKeyId: record.apiKeyId ?? null,
  actor: record.actor,
  action: record.action,
  communityId: record.communityId,
  input: record.input,
  result: record.result.ok ? ('SUCCESS' as const) : ('FAILURE' as const),
  errorCode: record.result.ok ? null : record.result.error.code,
});

/** One audit_log row: who asked for what, and whether it was done or why not. */
export const writeAudit = async (db: DbClient, record: AuditRecord): Promise<void> => {
  await db.auditLogEntry.create({ data: auditRow(record) });
};

/** Several audit_log rows in one statement, in order (a batch of decisions made in one transaction). */
export const writeAudits = async (db: DbClient, records: readonly AuditRecord[]): Promise<void> => {
  if (records.length > 0) await db.auditLogEntry.createMany({ data: records.map(auditRow) });
};
