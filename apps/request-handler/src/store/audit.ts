import type { Prisma } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import type { Db } from './hosted-community.js';

export interface AuditRecord {
  readonly tenantId: string | null;
  /** An API key or admin for commands, the requester's key for requests, `policy` for automatic decisions. */
  readonly actor: string;
  /** e.g. `request.accept`, `request.refuse`, `member.ban`. */
  readonly action: string;
  readonly communityId: string | null;
  readonly input: Prisma.InputJsonObject;
  readonly result: Result<unknown>;
}

/** One audit_log row: who asked for what, and whether it was done or why not. */
export const writeAudit = async (db: Db, record: AuditRecord): Promise<void> => {
  await db.auditLogEntry.create({
    data: {
      tenantId: record.tenantId,
      actor: record.actor,
      action: record.action,
      communityId: record.communityId,
      input: record.input,
      result: record.result.ok ? 'SUCCESS' : 'FAILURE',
      errorCode: record.result.ok ? null : record.result.error.code,
    },
  });
};
