// How a job ended, the refusal path shared by every handler, and the error a command refusal fails its job with.
import type { Prisma } from '@status-communities/db';
import { writeAudit } from '@status-communities/db';
import type { ErrorCode, StatusError } from '@status-communities/errors';
import { fail } from '@status-communities/errors';
import { PermanentJobError } from '@status-communities/queue';
import type { RequestHandlerContext } from './context.js';

export type Outcome =
  | 'accepted'
  | 'pending'
  | 'declined'
  | 'canceled'
  | 'left'
  | 'kicked'
  | 'banned'
  | 'unbanned'
  | 'responded'
  /** A token permission was created, changed or deleted. */
  | 'updated'
  /** Members and held requests were re-checked against the token permissions. */
  | 'reevaluated'
  /** Already as asked (a retried job, a Waku duplicate): nothing changed. */
  | 'unchanged'
  | 'refused';

/** A job's return value (BullMQ keeps it): what happened, and why not when refused. */
export interface JobOutcome {
  readonly outcome: Outcome;
  readonly requestId?: string;
  readonly code?: ErrorCode;
  readonly reason?: string;
}

/** The rule that refused: `details.reason` of libs/protocol refusals, else the code. */
export const reasonOf = (error: StatusError): string =>
  typeof error.details.reason === 'string' ? error.details.reason : error.code.toLowerCase();

export interface Refusal {
  readonly type: string;
  readonly tenantId: string | null;
  readonly communityId: string;
  readonly actor: string;
  readonly action: string;
  readonly input: Prisma.InputJsonObject;
}

/** Counts, logs and audits a refusal; nothing else is written. */
export const recordRefusal = async (
  context: RequestHandlerContext,
  refusal: Refusal,
  error: StatusError,
  correlationId: string,
): Promise<JobOutcome> => {
  const reason = reasonOf(error);
  context.metrics.refused.inc({ type: refusal.type, code: error.code, reason });
  context.metrics.handled.inc({ type: refusal.type, outcome: 'refused' });
  await writeAudit(context.prisma, {
    tenantId: refusal.tenantId,
    communityId: refusal.communityId,
    actor: refusal.actor,
    action: refusal.action,
    input: { ...refusal.input, reason },
    result: fail(error.code, error.message),
  });
  context.logger.info(
    { type: refusal.type, communityId: refusal.communityId, code: error.code, reason, correlationId },
    `refused: ${error.message}`,
  );
  return { outcome: 'refused', code: error.code, reason };
};

/** A refused command fails its job at once (no retries), with the code and reason in the failure. */
export const commandRefused = (outcome: JobOutcome, message: string): PermanentJobError =>
  new PermanentJobError(outcome.code ?? 'INTERNAL', message, { reason: outcome.reason });
